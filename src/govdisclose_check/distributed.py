"""The check over a Dask bag of paths or URLs, for more reports than one machine checks in time
(the `dask` extra: dask[bag], distributed, pyarrow). See docs/distributed.md.

    import dask.bag as db
    from dask.distributed import Client
    from govdisclose_check.distributed import run

    client = Client("tcp://scheduler:8786")          # or Client() for the cores of this machine
    paths = db.read_text("s3://bucket/lists/*.txt").map(str.strip)   # one path or URL a line
    totals = run(paths, "/shared/out")                # findings/*.jsonl, summary/*.parquet

Each partition is checked by one task: the catalog is loaded once per worker process (rule packs
included), each file goes through the same checks as `govdisclose-check check` (suggestions too),
and the partition writes its findings as JSONL lines (the `--format jsonl` records, byte for byte)
and its rows of the audit summary (summary.py) as a Parquet file. `out` must be a directory every
worker can write to (a shared file system). Configuration files, sidecar acceptances and
baselines are not read here: they belong to a gate in CI, not to a survey of a year's reports.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .batch import RunOptions, Task, check_task
from .catalog import Catalog, catalog_with
from .model import CheckResult
from .render.jsonl import jsonl_lines
from .summary import Audit, Row

if TYPE_CHECKING:
    import dask.bag


@attrs.frozen
class Spec:
    """What every partition needs (sent to the workers with the task)."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    packs: tuple[str, ...] = ()
    lang: str = "zh"
    follow_attachments: bool = False
    cache: bool = True


@attrs.frozen
class Totals:
    files: int  # results (a URL with attachments gives several)
    findings: int
    errors: int  # files whose check failed internally (a bug: each is printed by its worker)


@attrs.frozen
class Checked:
    """One partition's output: JSONL lines of the findings, the summary rows, and the counts."""

    lines: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]
    failed: int


def check_partition(paths: Iterable[str], spec: Spec) -> list[Checked]:
    """Check the paths of one partition (the catalog loaded once)."""
    catalog = catalog_with(spec.packs)
    options = RunOptions(spec.packs, {}, spec.follow_attachments, spec.cache)
    audit = Audit(catalog, spec.lang)
    lines: list[str] = []
    failed = 0
    for path in paths:
        outcome = check_task(Task(str(path), spec.select, spec.ignore), options, catalog)
        if outcome.error is not None:
            failed += 1
            print(f"govdisclose-check: internal error on {path}: {outcome.error} (please report it)")
        for result in outcome.results:
            lines.extend(_lines(result, spec.lang))
            audit.add(result)
    return [Checked(tuple(lines), tuple(row_record(r, audit.families) for r in audit.rows), failed)]


def _lines(result: CheckResult, lang: str) -> list[str]:
    return jsonl_lines(result, lang).splitlines()


def row_record(row: Row, families: Sequence[str]) -> dict[str, Any]:
    """A summary row as flat columns (one per family and severity) for Parquet."""
    record: dict[str, Any] = {
        "path": row.path,
        "body": row.body,
        "year": row.year,
        "template": row.template,
        "input_format": row.input_format,
        "errors": row.errors,
        "warnings": row.warnings,
        "infos": row.infos,
        "accepted": row.accepted,
    }
    counts = {family: (errors, warnings) for family, errors, warnings in row.by_family}
    for family in families:
        errors, warnings = counts.get(family, (0, 0))
        record[f"errors_{family}"] = errors
        record[f"warnings_{family}"] = warnings
    record["worst_rule"] = row.worst_rule
    record["worst_message"] = row.worst_message
    return record


def row_schema(catalog: Catalog) -> Any:
    """The Parquet schema of the summary rows (the same for every partition, empty ones too)."""
    import pyarrow as pa  # noqa: PLC0415 - the dask extra

    families = Audit(catalog).families
    fields = [
        ("path", pa.string()),
        ("body", pa.string()),
        ("year", pa.int32()),
        ("template", pa.string()),
        ("input_format", pa.string()),
        ("errors", pa.int32()),
        ("warnings", pa.int32()),
        ("infos", pa.int32()),
        ("accepted", pa.int32()),
        *((f"{kind}_{family}", pa.int32()) for family in families for kind in ("errors", "warnings")),
        ("worst_rule", pa.string()),
        ("worst_message", pa.string()),
    ]
    return pa.schema(fields)


def write_partition(parts: list[Checked], index: int, out: str, spec: Spec) -> tuple[int, int, int]:
    """Write one partition's findings (JSONL) and summary rows (Parquet); its counts."""
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.parquet as pq  # noqa: PLC0415

    lines = [line for part in parts for line in part.lines]
    rows = [row for part in parts for row in part.rows]
    name = f"part-{index:05}"
    findings = Path(out, "findings", name + ".jsonl")
    findings.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    table = pa.Table.from_pylist(rows, schema=row_schema(catalog_with(spec.packs)))
    pq.write_table(table, Path(out, "summary", name + ".parquet"))
    return len(rows), len(lines), sum(p.failed for p in parts)


def checked_bag(
    paths: dask.bag.Bag | Sequence[str], spec: Spec | None = None, npartitions: int | None = None
) -> dask.bag.Bag:
    """A bag with one `Checked` per partition of `paths` (a bag, or a list made into one)."""
    import dask.bag as db  # noqa: PLC0415

    bag: db.Bag = (
        paths if isinstance(paths, db.Bag) else db.from_sequence(list(paths), npartitions=npartitions)
    )
    checked: db.Bag = bag.map_partitions(check_partition, spec or Spec())
    return checked


def run(
    paths: dask.bag.Bag | Sequence[str],
    out: str | os.PathLike[str],
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    rules: Iterable[str | os.PathLike[str]] = (),
    lang: str = "zh",
    follow_attachments: bool = False,
    cache: bool = True,
    npartitions: int | None = None,
) -> Totals:
    """Check every path or URL of `paths` on the Dask scheduler in use (a `dask.distributed`
    Client once one is made) and write `out/findings/part-NNNNN.jsonl` (the `--format jsonl`
    lines) and `out/summary/part-NNNNN.parquet` (one row per report). Partitions keep the order of
    `paths`, so the parts read in name order give the findings in input order."""
    from dask.base import compute  # noqa: PLC0415 - the dask extra
    from dask.delayed import delayed  # noqa: PLC0415

    spec = Spec(
        None if select is None else tuple(select),
        tuple(ignore),
        tuple(os.fspath(p) for p in rules),
        lang,
        follow_attachments,
        cache,
    )
    catalog_with(spec.packs)  # a rule pack that does not load fails here, before any work is sent
    target = os.fspath(out)
    for sub in ("findings", "summary"):
        os.makedirs(os.path.join(target, sub), exist_ok=True)
    partitions = checked_bag(paths, spec, npartitions).to_delayed()
    writes = [delayed(write_partition)(part, i, target, spec) for i, part in enumerate(partitions)]
    counts = compute(*writes)
    return Totals(
        files=sum(c[0] for c in counts), findings=sum(c[1] for c in counts), errors=sum(c[2] for c in counts)
    )
