"""The command line's cross-year inputs: `--previous FILE` for one report, or, when several files
are checked, each paired with the report of the year before of the same body (pairing.py).

Pairing reads each local file's title once, before checking (on the run's worker processes with
`-j N`: batch.keys or survey.Survey, which checks on the way the files whose reading is most of
their check), and keeps only its key (the body's name after normalisation, the year): no report
is held. Each file's check then gets its inputs as
`batch.Task.inputs` (the previous year's path, the publication date), and the process that checks
it parses last year's file itself.
"""

from __future__ import annotations

import argparse
import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from .api import parse_file, parse_file_title
from .catalog import Catalog
from .errors import InputProblem
from .pairing import Key, aliases_of, key_of, pair_keys

if TYPE_CHECKING:
    from .batch import Outcome, Task
    from .survey import Survey


def is_local(path: str) -> bool:
    """A path of this machine (not standard input, not a URL): what pairing keys."""
    return path != "-" and not path.lower().startswith(("http://", "https://"))


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.define(repr=False)
class Years:
    given: str | None = None  # --previous
    published_on: datetime.date | None = None  # --published-on
    pairs: dict[str, str] = attrs.Factory(dict)  # path -> last year's path
    survey: Survey | None = None  # what keying the files checked on the way (survey.py)

    def prepare(
        self,
        args: argparse.Namespace,
        files: Sequence[str],
        catalog: Catalog,
        keys: Callable[[Sequence[str]], Iterable[Key | None]] | None = None,
    ) -> str | None:
        """Check --previous, or pair the files; a usage problem as a message, else None. `keys`
        gives the files' keys in their order (batch.keys: on the run's worker processes); by
        default they are read here, one file after another."""
        self.published_on = getattr(args, "published_on", None)
        previous = getattr(args, "previous", None)
        if previous is not None:
            if len(files) != 1:
                return f"--previous compares one report with last year's; {len(files)} files were given"
            try:
                parse_file(previous, catalog=catalog)  # read here to refuse it early, checked later
            except InputProblem as problem:
                rule = catalog.rule(problem.code)
                return f"--previous {previous}: {problem.en or rule.summary_en}"
            self.given = previous
            return None
        if len(files) < 2:
            return None
        local = [path for path in files if is_local(path)]
        found: Iterable[Key | None]
        if keys is None:
            aliases = aliases_of(catalog)
            found = (key_of_file(path, catalog, aliases) for path in local)
        else:
            found = keys(local)
        keyed = {path: key for path, key in zip(local, found, strict=True) if key is not None}
        self.pairs = pair_keys(keyed)
        return None

    def ready(self, task: Task) -> Outcome | None:
        """The outcome of a task checked while keying, if it is the same task (batch.run_batch)."""
        return None if self.survey is None else self.survey.ready(task)

    def inputs(self, path: str) -> tuple[tuple[str, str], ...]:
        """The extra inputs of one file's check, as batch.Task carries them."""
        out: list[tuple[str, str]] = []
        previous = self.given if self.given is not None else self.pairs.get(path)
        if previous is not None:
            out.append(("previous", previous))
        if self.published_on is not None:
            out.append(("published_on", self.published_on.isoformat()))
        return tuple(out)


def key_of_file(path: str, catalog: Catalog, aliases: Mapping[str, str]) -> Key | None:
    """The pairing key of the report at `path` from its title alone; None for a file that names no
    body or year, or cannot be read (its check says why)."""
    try:
        title = parse_file_title(path, catalog=catalog)
    except InputProblem:
        return None
    return key_of(title.body, title.year, aliases)
