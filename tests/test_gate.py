"""The gate: configuration (discovery, precedence, errors with file and line, `config`),
acceptances with reasons (sidecar, config, baseline), unused acceptances (C590), suggestions in
the output (`related`, `--show-fixes`), and the progress bar's conditions."""

from __future__ import annotations

import io
import json
import random
import shutil
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from conftest import EXAMPLES
from govdisclose_check.cli import main
from govdisclose_check.progress import file_progress, wanted
from reportgen import SyntheticReport, random_report, render


@pytest.fixture(autouse=True)
def plain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "200")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    code, out, err = run(capsys, "check", "--format", "json", *argv)
    assert out, err
    data: dict[str, Any] = json.loads(out)
    return code, data


def findings(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for file in data["files"] for f in file["findings"]]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def one_wrong_cell(seed: int = 5) -> tuple[SyntheticReport, int]:
    report = random_report(random.Random(seed), "2021")
    original = int(report.table3["new"]["natural_person"])
    report.table3["new"]["natural_person"] = original + 1
    return report, original


def warning_text() -> str:
    report = random_report(random.Random(5), "2021")
    report.headings = {"overview": "—、总体情况"}  # S103, a warning
    return render(report, "tab")


def clean_text() -> str:
    return render(random_report(random.Random(5), "2021"), "tab")


# ------------------------------------------------------------------ discovery and precedence


def test_pyproject_is_found_walking_up_from_the_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "pyproject.toml", '[tool.govdisclose-check]\nfail-on = "warning"\n')
    report = write(tmp_path / "reports" / "2021" / "r.txt", warning_text())
    code, data = run_json(capsys, str(report))
    assert [f["rule"] for f in findings(data)] == ["S103"]
    assert code == 1  # the file's fail-on
    code, _ = run_json(capsys, "--fail-on", "error", str(report))
    assert code == 0  # the flag overrides the file


def test_the_nearest_file_wins_and_a_pyproject_without_the_table_is_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "govdisclose-check.toml", 'ignore = ["S103"]\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')  # not ours: skipped
    report = write(tmp_path / "sub" / "r.txt", warning_text())
    code, data = run_json(capsys, str(report))
    assert (code, findings(data)) == (0, [])
    write(tmp_path / "sub" / "govdisclose-check.toml", 'lang = "en"\n')  # nearer: wins, ignores nothing
    _, data = run_json(capsys, str(report))
    assert [f["rule"] for f in findings(data)] == ["S103"]
    assert "should be numbered" in findings(data)[0]["message"]


def test_govdisclose_check_toml_comes_before_pyproject_in_one_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "pyproject.toml", '[tool.govdisclose-check]\nlang = "en"\n')
    write(tmp_path / "govdisclose-check.toml", 'lang = "zh"\n')
    report = write(tmp_path / "r.txt", warning_text())
    _, data = run_json(capsys, str(report))
    assert "序号" in findings(data)[0]["message"]


def test_config_flag_names_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = write(tmp_path / "elsewhere" / "ci.toml", 'select = ["A"]\n')
    report = write(tmp_path / "r.txt", warning_text())
    _, data = run_json(capsys, "--config", str(other), str(report))
    assert findings(data) == []
    _, data = run_json(capsys, "--config", str(other), "--select", "S", str(report))
    assert [f["rule"] for f in findings(data)] == ["S103"]


def test_select_extend_select_severity_and_per_file_ignores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        tmp_path / "pyproject.toml",
        "[tool.govdisclose-check]\n"
        'select = ["A"]\n'
        'extend-select = ["S103"]\n'
        "[tool.govdisclose-check.severity]\n"
        'S103 = "error"\n'
        "[tool.govdisclose-check.per-file-ignores]\n"
        '"legacy/*.txt" = ["S"]\n',
    )
    current = write(tmp_path / "current" / "r.txt", warning_text())
    legacy = write(tmp_path / "legacy" / "r.txt", warning_text())
    code, data = run_json(capsys, str(current), str(legacy))
    by_path = {f["path"]: [(x["rule"], x["severity"]) for x in f["findings"]] for f in data["files"]}
    assert by_path == {str(current): [("S103", "error")], str(legacy): []}
    assert code == 1


def test_exclude_leaves_files_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "govdisclose-check.toml", 'exclude = ["drafts"]\n')
    write(tmp_path / "drafts" / "a.txt", warning_text())
    kept = write(tmp_path / "final" / "b.txt", clean_text())
    code, data = run_json(capsys, str(tmp_path))
    assert [f["path"] for f in data["files"]] == [str(kept)]
    assert code == 0


def test_format_from_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "govdisclose-check.toml", 'format = ["github", "json:out/gdc.json"]\n')
    report = write(tmp_path / "r.txt", warning_text())
    code, out, _ = run(capsys, "check", str(report))
    assert code == 0
    assert out.startswith("::warning file=")
    written = json.loads((tmp_path / "out" / "gdc.json").read_text(encoding="utf-8"))  # beside the config
    assert [f["rule"] for file in written["files"] for f in file["findings"]] == ["S103"]


@pytest.mark.parametrize(
    ("config", "line", "says"),
    [
        ('[tool.govdisclose-check]\nselect = ["A"]\nfail-at = "error"\n', 3, "unknown setting 'fail-at'"),
        (
            '[tool.govdisclose-check]\nselect = [\n  "A",\n  "X999",\n]\n',
            4,
            "unknown rule code or prefix 'X999'",
        ),
        (
            '[tool.govdisclose-check]\n\nfail-on = "fatal"\n',
            3,
            "`fail-on` must be one of error, warning, info",
        ),
        ('[tool.govdisclose-check]\nlang = "fr"\n', 2, "`lang` must be one of zh, en"),
        ('[tool.govdisclose-check.severity]\nA300 = "warning"\nA301 = "loud"\n', 3, "severity of A301"),
        ('[tool.govdisclose-check.severity]\nZ100 = "error"\n', 2, "unknown rule code or prefix 'Z100'"),
        ('[tool.govdisclose-check]\nformat = "yaml"\n', 2, "unknown format 'yaml'"),
        (
            '[[tool.govdisclose-check.accept]]\nfiles = "*.txt"\nrule = "A303"\n',
            1,
            "the accept entry for A303 needs a `reason`",
        ),
        (
            '[[tool.govdisclose-check.accept]]\nfiles = "*.txt"\nrule = "A303"\nreason = "x"\nrow = "neww"\n',
            5,
            "unknown row 'neww'",
        ),
    ],
)
def test_a_bad_configuration_is_exit_2_naming_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str, line: int, says: str
) -> None:
    write(tmp_path / "pyproject.toml", config)
    report = write(tmp_path / "r.txt", clean_text())
    code, out, err = run(capsys, "check", str(report))
    assert (code, out) == (2, "")
    assert f"pyproject.toml:{line}: " in err
    assert says in err


def test_config_prints_the_settings_and_where_they_came_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.govdisclose-check]\nignore = ["A300"]\n'
    )
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "config", "--lang", "en")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "# configuration file: pyproject.toml"
    assert 'ignore = ["A300"]  # pyproject.toml:5' in lines
    assert 'lang = "en"  # command line' in lines
    assert 'fail-on = "error"  # default' in lines
    assert "select = (all rules)  # default" in lines


# ------------------------------------------------------------------ acceptances


def test_a_sidecar_accepts_a_finding_with_its_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = write(tmp_path / "r.txt", warning_text())
    write(
        tmp_path / "r.txt.gdc.toml",
        '[[accept]]\nrule = "S103"\nsection = "overview"\nreason = "印发稿如此"\n',
    )
    code, data = run_json(capsys, "--fail-on", "warning", str(report))
    (finding,) = findings(data)
    assert code == 0
    assert (finding["rule"], finding["suppressed"], finding["suppression_reason"]) == (
        "S103",
        True,
        "印发稿如此",
    )
    assert finding["suppression_kind"] == "sidecar"
    assert finding["suppression_source"].endswith("r.txt.gdc.toml:1")
    assert data["summary"]["warnings"] == 0
    assert data["summary"]["suppressed"] == 1
    code, out, _ = run(capsys, "check", "--fail-on", "warning", str(report))
    assert code == 0
    assert "S103" not in out
    assert "1个已接受的发现未显示" in out


def test_an_acceptance_in_the_config_matches_its_files_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[[tool.govdisclose-check.accept]]\nfiles = ["old/*.txt"]\nrule = "S103"\nreason = "旧稿"\n',
    )
    old = write(tmp_path / "old" / "a.txt", warning_text())
    new = write(tmp_path / "new" / "a.txt", warning_text())
    code, data = run_json(capsys, "--fail-on", "warning", str(old), str(new))
    flags = {f["path"]: [x["suppressed"] for x in f["findings"]] for f in data["files"]}
    assert flags == {str(old): [True], str(new): [False]}
    assert code == 1


def test_an_unused_acceptance_is_reported_at_its_entry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = write(tmp_path / "r.txt", clean_text())
    write(
        tmp_path / "r.txt.gdc.toml",
        '# accepted\n\n[[accept]]\nrule = "A303"\ntable = "table3"\nrow = "new"\nreason = "台账如此"\n',
    )
    code, data = run_json(capsys, str(report))
    assert code == 0  # a warning
    (unused,) = findings(data)
    assert (unused["rule"], unused["name"], unused["severity"]) == ("C590", "unused-suppression", "warning")
    assert data["files"][-1]["path"].endswith("r.txt.gdc.toml")
    assert unused["line"] == 3
    assert "A303" in unused["message"]
    assert "台账如此" in unused["message"]
    code, _ = run_json(capsys, "--fail-on", "warning", str(report))
    assert code == 1
    code, data = run_json(capsys, "--ignore", "C590", "--fail-on", "warning", str(report))
    assert (code, findings(data)) == (0, [])


def test_a_config_acceptance_for_files_not_checked_is_not_unused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        tmp_path / "govdisclose-check.toml",
        '[[accept]]\nfiles = "other/*.txt"\nrule = "A303"\nreason = "别的文件"\n',
    )
    report = write(tmp_path / "r.txt", clean_text())
    code, data = run_json(capsys, str(report))
    assert (code, findings(data)) == (0, [])


def test_a_bad_sidecar_is_exit_2_naming_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = write(tmp_path / "r.txt", clean_text())
    write(tmp_path / "r.txt.gdc.toml", '[[accept]]\nrule = "A303"\nreason = ""\n')
    code, out, err = run(capsys, "check", str(report))
    assert (code, out) == (2, "")
    assert "r.txt.gdc.toml:1: " in err
    assert "needs a `reason`" in err


# ------------------------------------------------------------------ baselines


def test_baseline_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reports = tmp_path / "reports"
    shutil.copytree(EXAMPLES, reports, ignore=shutil.ignore_patterns("*.json"))
    baseline = tmp_path / "gdc-baseline.json"
    code, _, err = run(capsys, "check", "--write-baseline", str(baseline), str(reports))
    assert code == 0
    assert "wrote the baseline" in err
    written = json.loads(baseline.read_text(encoding="utf-8"))
    assert written["tool"] == "govdisclose-check"
    _, before = run_json(capsys, str(reports))
    assert len(written["findings"]) == len(findings(before)) > 0

    code, again = run_json(capsys, "--baseline", str(baseline), "--fail-on", "info", str(reports))
    assert code == 0  # nothing new
    assert all(f["suppressed"] and f["suppression_kind"] == "baseline" for f in findings(again))

    clean = reports / "001_8819132e5f94e15d.txt"  # no finding of its own
    lines = clean.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("一、本年新收"))  # a pipe row
    cells = lines[at].split("|")
    assert cells[1].strip() == "1"  # natural persons; the row total says 1 as well
    cells[1] = " 2 "
    lines[at] = "|".join(cells)
    clean.write_text("\n".join(lines), encoding="utf-8")

    code, after = run_json(capsys, "--baseline", str(baseline), str(reports))
    new = [(file["path"], f) for file in after["files"] for f in file["findings"] if not f["suppressed"]]
    assert code == 1
    assert len(new) == 1  # exactly the new finding (its two identities folded into one), in that file only
    (path, finding) = new[0]
    assert path == str(clean)
    assert (finding["table"], finding["row"]) == ("table3", "new")
    assert finding["suggestion"] is not None
    assert [r["rule"] for r in finding["related"]]


def test_a_missing_or_foreign_baseline_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = write(tmp_path / "r.txt", clean_text())
    code, _, err = run(capsys, "check", "--baseline", str(tmp_path / "none.json"), str(report))
    assert code == 2
    assert "does not exist" in err
    foreign = write(tmp_path / "foreign.json", '{"results": []}')
    code, _, err = run(capsys, "check", "--baseline", str(foreign), str(report))
    assert code == 2
    assert "not a govdisclose-check baseline" in err


# ------------------------------------------------------------------ suggestions in the output


def test_json_related_and_show_fixes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report, original = one_wrong_cell()
    path = write(tmp_path / "r.txt", render(report, "tab"))
    _, data = run_json(capsys, str(path))
    (finding,) = findings(data)
    assert (finding["rule"], finding["row"], finding["col"], finding["suggestion"]) == (
        "A301",
        "new",
        "natural_person",
        str(original),
    )
    (related,) = finding["related"]
    assert (related["rule"], related["row"], related["col"]) == ("A303", "new", "total")
    assert set(related) >= {"message", "line", "column", "fingerprint"}
    _, plain, _ = run(capsys, "check", str(path))
    assert "建议修改" not in plain
    _, fixes, _ = run(capsys, "check", "--show-fixes", "--lang", "en", str(path))
    assert f"fix: {path}:" in fixes
    assert f"set table3/new/natural_person to {original} (A301, A303)" in fixes
    assert path.read_text(encoding="utf-8") == render(report, "tab")  # never edited


# ------------------------------------------------------------------ progress


@pytest.mark.parametrize(
    ("files", "quiet", "terminal", "env", "shown"),
    [
        (10, False, True, {}, True),
        (3, False, True, {}, False),
        (10, True, True, {}, False),
        (10, False, False, {}, False),
        (10, False, True, {"CI": "true"}, False),
    ],
)
def test_when_the_progress_bar_is_shown(
    files: int, quiet: bool, terminal: bool, env: dict[str, str], shown: bool
) -> None:
    console = Console(file=io.StringIO(), force_terminal=terminal)
    assert wanted(files, quiet, console, env) is shown


def test_the_progress_bar_counts_files_and_findings() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=120)
    with file_progress(4, True, console) as bar:
        for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
            bar.reading(name)
            bar.advance(2)
    text = buffer.getvalue()
    assert "4/4" in text
    assert "8 findings" in text


def test_nothing_extra_when_piped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for i in range(6):
        write(tmp_path / f"r{i}.txt", clean_text())
    code, out, err = run(capsys, "check", str(tmp_path))
    assert (code, err) == (0, "")
    assert out.strip().endswith("6个文件没有问题。")


def test_an_accepted_input_error_is_still_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file that cannot be read is never accepted away, as it is never selected away: a baseline
    that holds its E finding still leaves the exit status at 2."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    baseline = tmp_path / "gdc-baseline.json"
    code, _, _ = run(capsys, "check", "--write-baseline", str(baseline), str(empty))
    code, data = run_json(capsys, "--baseline", str(baseline), str(empty))
    (finding,) = findings(data)
    assert (finding["rule"], finding["suppressed"]) == ("E003", True)
    assert code == 2
