"""Start-up: `check` of one text file imports none of the heavy modules only other commands, formats
or readers need (rich.markdown for `explain`, the readers' libraries, the summary's and Dask's, the
process pool for one file). Asserted on `sys.modules` in a fresh interpreter, not on a timing."""

from __future__ import annotations

import ast
import gc
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from conftest import EXAMPLES, ROOT, run_cli
from govdisclose_check import batch, collector, config
from govdisclose_check.catalog import Catalog, default_catalog, load_catalog
from govdisclose_check.catalog.cache import key
from govdisclose_check.catalog.resources import rules_dir
from govdisclose_check.config import _has_tool_table
from govdisclose_check.model import Summary
from govdisclose_check.serialize import converter, summary_record

HEAVY = (
    "rich.markdown",
    "rich.progress",
    "rich.table",
    "markdown_it",
    "pygments",
    "lxml",
    "pdfplumber",
    "docx",
    "httpx",
    "openpyxl",
    "dask",
    "distributed",
    "pyarrow",
    "jsonschema",
    "concurrent.futures.process",
    "xml.etree.ElementTree",
    "govdisclose_check.ingest.fetch",  # check_url's (and the fetched pages' cache)
    "govdisclose_check.ingest.cache",
)

PROBE = """
import contextlib, io, json, sys
from govdisclose_check.cli import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    status = main(sys.argv[1:])
print(json.dumps({"status": status, "out": out.getvalue(), "modules": sorted(sys.modules)}))
"""


def modules_after(*argv: str) -> tuple[int, str, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=True, cwd=ROOT
    )
    data = json.loads(done.stdout)
    return data["status"], data["out"], set(data["modules"])


def test_checking_a_text_file_imports_nothing_heavy() -> None:
    status, out, modules = modules_after("check", str(sorted(EXAMPLES.glob("*.txt"))[0]))
    assert status == 1
    assert "T204" in out  # it did check
    assert sorted(m for m in modules if m.split(".")[0] in HEAVY or m in HEAVY) == []


def test_text_output_imports_no_json() -> None:
    probe = PROBE.replace("import contextlib, io, json, sys", "import contextlib, io, sys").replace(
        "print(json.dumps(", "print(repr("
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "check", str(sorted(EXAMPLES.glob("*.txt"))[0])],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    data = ast.literal_eval(done.stdout)
    assert (data["status"], "T204" in data["out"]) == (1, True)
    assert sorted(m for m in data["modules"] if m == "json" or m.startswith("json.")) == []


def test_text_output_to_a_pipe_imports_no_rich() -> None:
    """rich would write the plain characters there (render/textout.py)."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    argv = ["check", "--show-fixes", str(sorted(EXAMPLES.glob("*.txt"))[0])]
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=True, cwd=ROOT, env=env
    )
    data = json.loads(done.stdout)
    assert (data["status"], "T204" in data["out"]) == (1, True)
    assert not any(m == "rich" or m.startswith("rich.") for m in data["modules"])


def test_json_output_imports_no_rich() -> None:
    status, out, modules = modules_after("check", "--format", "json", str(sorted(EXAMPLES.glob("*.txt"))[0]))
    assert status == 1
    assert json.loads(out)["summary"]["files"] == 1
    assert not any(m == "rich" or m.startswith("rich.") for m in modules)


def test_explain_does_import_markdown() -> None:  # the probe sees what a command imports
    status, _, modules = modules_after("explain", "A301")
    assert status == 0
    assert "rich.markdown" in modules


# ------------------------------------------------------------------ what start-up keeps between runs
# (catalog/cache.py): each test its own cache directory and a working
# directory without a configuration file

PACK = Path(__file__).resolve().parent / "packs" / "guangdong"


def probe(cache: Path, cwd: Path, *argv: str) -> tuple[int, str, set[str]]:
    done = run_cli(cache, cwd, *argv, code=PROBE)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    return data["status"], data["out"], set(data["modules"])


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "work" / "report.txt"
    path.parent.mkdir()
    shutil.copy(sorted(EXAMPLES.glob("*.txt"))[0], path)
    return path


def test_a_second_run_loads_the_catalog_without_cattrs_or_tomllib(tmp_path: Path, report: Path) -> None:
    cache = tmp_path / "cache"
    first = probe(cache, report.parent, "check", str(report))
    second = probe(cache, report.parent, "check", str(report))
    assert first[:2] == second[:2]
    assert first[0] == 1
    assert "T204" in second[1]
    assert len(list((cache / "govdisclose-check" / "catalog").glob("*.pickle"))) == 1
    assert "cattrs" in first[2]  # built from TOML, then stored
    read_rules = {"cattrs", "tomllib", "govdisclose_check.catalog.shapes", "govdisclose_check.catalog.strict"}
    assert sorted(read_rules & second[2]) == []


def test_the_cached_catalog_is_the_catalog_built() -> None:
    built = load_catalog()
    loaded = pickle.loads(pickle.dumps(built))
    assert loaded == built
    assert [r.check for r in loaded.rules] == [r.check for r in built.rules]
    assert all(a.check is b.check for a, b in zip(loaded.rules, built.rules, strict=True))  # by name
    assert [[p.pattern for p in s.titles] for s in loaded.sections] == [
        [p.pattern for p in s.titles] for s in built.sections
    ]


def test_the_key_changes_with_a_rule_file_of_a_pack(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    before = key(rules_dir(), (str(pack),))
    assert key(rules_dir(), (str(pack),)) == before
    assert key(rules_dir(), ()) != before
    rule_file = next((pack / "checks").glob("*.toml"))
    rule_file.write_text(rule_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert key(rules_dir(), (str(pack),)) != before


def test_a_documentation_page_counts_by_its_being_there(tmp_path: Path) -> None:
    cache, pack = tmp_path / "cache", tmp_path / "pack"
    shutil.copytree(PACK, pack)
    listed = run_cli(cache, tmp_path, "rules", "--rules", str(pack))
    assert listed.returncode == 0, listed.stderr
    before = key(rules_dir(), (str(pack),))
    page = next((pack / "docs").glob("*.md"))
    page.unlink()
    assert key(rules_dir(), (str(pack),)) != before
    cached = run_cli(cache, tmp_path, "rules", "--rules", str(pack))
    uncached = run_cli(cache, tmp_path, "rules", "--rules", str(pack), GOVDISCLOSE_CATALOG_CACHE="0")
    assert cached.returncode == uncached.returncode == 2
    assert cached.stderr == uncached.stderr
    assert f"no documentation at docs/{page.name}" in cached.stderr


def test_an_edited_pack_is_read_again_and_a_broken_one_refused_as_without_a_cache(tmp_path: Path) -> None:
    cache, pack = tmp_path / "cache", tmp_path / "pack"
    shutil.copytree(PACK, pack)
    listed = run_cli(cache, tmp_path, "rules", "--rules", str(pack), "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert "予以公开数不超过本年新收与上年结转之和" in listed.stdout
    rule_file = next((pack / "checks").glob("*.toml"))
    text = rule_file.read_text(encoding="utf-8")
    rule_file.write_text(
        text.replace("予以公开数不超过本年新收与上年结转之和", "予以公开数已改"), encoding="utf-8"
    )
    edited = run_cli(cache, tmp_path, "rules", "--rules", str(pack), "--format", "json")
    assert "予以公开数已改" in edited.stdout
    assert "予以公开数不超过本年新收与上年结转之和" not in edited.stdout
    rule_file.write_text(text.replace('severity = "warning"', 'severity = "loud"'), encoding="utf-8")
    broken = run_cli(cache, tmp_path, "rules", "--rules", str(pack))
    uncached = run_cli(cache, tmp_path, "rules", "--rules", str(pack), GOVDISCLOSE_CATALOG_CACHE="0")
    assert broken.returncode == uncached.returncode == 2
    assert broken.stderr == uncached.stderr
    assert "loud" in broken.stderr


def test_a_corrupt_cache_is_ignored_and_rebuilt(tmp_path: Path, report: Path) -> None:
    cache = tmp_path / "cache"
    first = run_cli(cache, report.parent, "check", "--format", "json", str(report))
    files = [p for p in cache.rglob("*") if p.is_file()]
    assert {p.parent.name for p in files} == {"catalog", "patterns"}  # the catalog, patterns.py's memo
    for path in files:
        path.write_bytes(path.read_bytes()[:100] + b"\x00 not what was written")
    again = run_cli(cache, report.parent, "check", "--format", "json", str(report))
    assert (again.returncode, again.stdout, again.stderr) == (first.returncode, first.stdout, first.stderr)
    (catalog,) = (cache / "govdisclose-check" / "catalog").glob("*.pickle")
    assert isinstance(pickle.loads(catalog.read_bytes()), Catalog)  # written again
    (memo,) = (cache / "govdisclose-check" / "patterns").glob("*.pickle")
    assert isinstance(pickle.loads(memo.read_bytes()), dict)  # written again


def test_a_cache_directory_that_cannot_be_written_is_no_error(tmp_path: Path, report: Path) -> None:
    not_a_directory = tmp_path / "file"
    not_a_directory.write_text("", encoding="utf-8")
    fine = run_cli(tmp_path / "cache", report.parent, "check", "--format", "json", str(report))
    blocked = run_cli(not_a_directory, report.parent, "check", "--format", "json", str(report))
    assert (blocked.returncode, blocked.stdout, blocked.stderr) == (fine.returncode, fine.stdout, fine.stderr)


# ------------------------------------------------------------------ imported only when used


def test_json_output_imports_no_cattrs_and_listing_the_rules_no_rapidfuzz(
    tmp_path: Path, report: Path
) -> None:
    cache = tmp_path / "cache"
    first = probe(cache, report.parent, "check", "--format", "json", str(report))  # builds the cache
    status, out, modules = probe(cache, report.parent, "check", "--format", "json", str(report))
    assert (status, out) == first[:2]
    assert (status, json.loads(out)["summary"]["files"]) == (1, 1)
    assert "cattrs" not in modules  # the summary's counts by attrs.asdict (serialize.summary_record)
    _, listed, listing = probe(cache, report.parent, "rules", "--format", "json")
    assert "T204" in listed
    assert not any(m.split(".")[0] in {"rapidfuzz", "cattrs"} for m in listing)


FUZZY_PROBE = """
import json, sys
from govdisclose_check.catalog import default_catalog
from govdisclose_check.parse.labels import LabelIndex
index = LabelIndex.of(default_catalog().templates["2021"].tables["table3"])
row = index.match(sys.argv[1])
print(json.dumps({"row": row and row.key, "rapidfuzz": "rapidfuzz" in sys.modules}))
"""


@pytest.mark.parametrize(
    ("label", "row", "fuzzy"),
    [
        ("自然人", None, False),  # too short for a fuzzy match
        ("予以公开", "granted", False),  # exactly
        ("本年新收政府信息公开申请数", "new", False),  # by its beginning
        ("三、本年度办理结果", "results", True),  # near enough
    ],
)
def test_rapidfuzz_is_imported_by_the_first_fuzzy_label_match(
    tmp_path: Path, label: str, row: str | None, fuzzy: bool
) -> None:
    done = run_cli(tmp_path / "cache", tmp_path, label, code=FUZZY_PROBE)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"row": row, "rapidfuzz": fuzzy}


@given(st.builds(Summary, *(st.integers(min_value=0, max_value=10**12) for _ in range(5))))
def test_the_json_summary_is_what_cattrs_gave(summary: Summary) -> None:
    assert summary_record(summary) == converter.unstructure(summary)
    assert list(summary_record(summary)) == ["files", "errors", "warnings", "infos", "suppressed"]


# ------------------------------------------------------------------ the garbage collector at exit

GC_PROBE = """
import contextlib, gc, io, json, sys
from govdisclose_check.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    status = main(json.loads(sys.argv[1]))
print(json.dumps({"status": status, "frozen": gc.get_freeze_count() > 0, "young": gc.get_threshold()[0]}))
"""


def test_only_the_program_itself_sets_the_collector(tmp_path: Path, report: Path) -> None:
    """Frozen before exit, and the young generation collected less often (collector.py): the
    program's own process only, never a caller's that runs `main(argv)`."""
    argv = ["check", "--format", "json", str(report)]
    in_process = run_cli(tmp_path / "cache", tmp_path, json.dumps(argv), code=GC_PROBE)
    default = gc.get_threshold()[0]
    assert json.loads(in_process.stdout) == {"status": 1, "frozen": False, "young": default}
    as_program = run_cli(
        tmp_path / "cache", tmp_path, *argv, code=GC_PROBE.replace("main(json.loads(sys.argv[1]))", "main()")
    )
    assert json.loads(as_program.stdout) == {"status": 1, "frozen": True, "young": collector.YOUNG}
    assert default < collector.YOUNG


def test_a_worker_process_sets_the_collector_as_the_program_does() -> None:
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, *before[1:])
        batch._start_worker(batch.RunOptions(()))
        assert gc.get_threshold() == (collector.YOUNG, *before[1:])
    finally:
        gc.set_threshold(*before)


LAZY_PROBE = """
import contextlib, io, json, sys
from govdisclose_check.catalog import expr
from govdisclose_check.cli import main
from govdisclose_check.engine.rules import crossyear
from govdisclose_check.ingest import _surrogate
from govdisclose_check.normalize.characters import _wide
from govdisclose_check.render import safe
with contextlib.redirect_stdout(io.StringIO()):
    status = main(sys.argv[1:])
compiled = {"identity": expr._token, "json": safe._json_raw, "shown": safe._unsafe, "years": crossyear._year,
            "surrogate": _surrogate, "wide": _wide}
print(json.dumps({"status": status, **{k: f.cache_info().currsize for k, f in compiled.items()}}))
"""


def test_patterns_only_some_runs_need_are_compiled_by_their_first_use(tmp_path: Path, report: Path) -> None:
    cache = tmp_path / "cache"

    def compiled(*argv: str) -> dict[str, int]:
        done = run_cli(cache, report.parent, *argv, str(report), code=LAZY_PROBE)
        assert done.returncode == 0, done.stderr
        return dict(json.loads(done.stdout))

    none = {"status": 1, "identity": 0, "json": 0, "shown": 0, "years": 0, "surrogate": 0, "wide": 0}
    building = compiled("check")  # no cache yet: the identities are read from the TOML
    assert building == {**none, "identity": 1}
    # Printable messages and names are shown, and a JSON text written, without their patterns
    # (render/safe.py's fast paths); a file's text needs no surrogate pattern, and this one, whose
    # wide characters are all usual ones, not the scan for the others (normalize/characters.py).
    assert compiled("check") == none
    assert compiled("check", "--format", "json") == none
    control = report.with_name("report\x1b.txt")
    control.write_bytes(report.read_bytes())
    assert compiled("check", str(control)) == {**none, "shown": 1}


# ------------------------------------------------------------------ a pyproject.toml not parsed in vain

_KEYS = (
    "govdisclose-check",
    '"govdisclose-check"',
    "'govdisclose-check'",
    '"govdisclose\\u002dcheck"',
    '"\\u0067ovdisclose-check"',
    '"govdisclose\\U0000002dcheck"',
    "govdisclose_check",
    "ruff",
    '"tool"',
    "tool",
)


@st.composite
def pyprojects(draw: st.DrawFn) -> str:
    """TOML-ish texts (valid or not) that name, spell or miss the tool's table every way."""
    pieces = [
        st.builds('[tool.{}]\nselect = ["A"]\n'.format, st.sampled_from(_KEYS)),
        st.builds("[{}]\n{} = 1\n".format, st.sampled_from(_KEYS), st.sampled_from(_KEYS)),
        st.builds('tool.{}.fail-on = "error"\n'.format, st.sampled_from(_KEYS)),
        st.builds("{} = {{ {} = {{}} }}\n".format, st.sampled_from(_KEYS), st.sampled_from(_KEYS)),
        st.just('[project]\nname = "govdisclose-check"\n'),
        st.just("[tool]\n"),
        st.text(alphabet="[]=.\"'\\u\n tool", max_size=12),
    ]
    return "".join(draw(st.lists(st.one_of(pieces), max_size=4)))


@given(pyprojects())
@example('[tool."govdisclose\\u002dcheck"]\n').via("an escape spells the name")
@example('[project]\nname = "govdisclose-check"\n[tool.ruff]\n').via("named, not a table")
@example("[tool.ruff]\nline-length = 110\n").via("not named")
def test_a_pyproject_is_read_as_tomllib_would_say(text: str) -> None:
    try:
        data = tomllib.loads(text)
        plain = isinstance(data.get("tool"), dict) and "govdisclose-check" in data["tool"]
    except tomllib.TOMLDecodeError:
        plain = False
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "pyproject.toml"
        path.write_text(text, encoding="utf-8")
        assert _has_tool_table(path) == plain


def test_a_pyproject_that_names_the_tool_is_parsed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by `discover`, then read by `load`: one parse (config._toml), the same settings."""
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\n[tool.govdisclose-check]\nlang = "en"\n', encoding="utf-8")
    catalog = default_catalog()  # read before counting (the rules are TOML too)
    calls: list[str] = []
    parse = tomllib.loads

    def counted(text: str) -> dict[str, object]:
        if "[tool" in text:  # a whole file (tomlpos parses each key's line alone, to say where)
            calls.append(text)
        return parse(text)

    monkeypatch.setattr(tomllib, "loads", counted)
    config._toml.cache_clear()
    found = config.discover(["."], cwd=tmp_path)
    assert found == pyproject
    settings = config.load(pyproject, catalog)
    assert (len(calls), settings.lang) == (1, "en")
    pyproject.write_text('[tool.govdisclose-check]\nlang = "zh"\nfail-on = "info"\n', encoding="utf-8")
    changed = config.load(pyproject, catalog)  # another text: parsed anew
    assert (len(calls), changed.lang, changed.fail_on) == (2, "zh", "info")
    config._toml.cache_clear()
    assert config.load(pyproject, catalog) == changed
