"""Pairing a directory's years reads an HTML, Word or PDF file once (survey.py): the outcome of
the check made while keying is taken when the file gets no previous report, and everything is as
reading every title first and checking every file after (the reference below) gives it."""

from __future__ import annotations

import argparse
import datetime
import io
import itertools
import random
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from docxgen import render_docx
from govdisclose_check import batch, ingest
from govdisclose_check.batch import (
    Outcome,
    RunOptions,
    Task,
    check_task,
    outcomes,
    parts,
    task_cost,
    tasks_of,
)
from govdisclose_check.catalog import default_catalog
from govdisclose_check.cli import main
from govdisclose_check.config import Settings
from govdisclose_check.model import CheckResult, Severity
from govdisclose_check.pairing import aliases_of
from govdisclose_check.survey import Survey, checked_when_keyed
from govdisclose_check.years import Years, key_of_file
from htmlgen import render_html
from pdfgen import render_pdf
from reportgen import SyntheticReport, random_report, render

ARGS = argparse.Namespace(previous=None, published_on=datetime.date(2023, 3, 1))


def report(seed: int, year: int, body: str = "某某区教育局", wrong: bool = False) -> SyntheticReport:
    made = random_report(random.Random(seed), "2021", year)
    made.body = body
    if wrong:
        made.table3["new"]["natural_person"] = int(made.table3["new"]["natural_person"]) + 1
    return made


def directory(root: Path, pdf: bool = True) -> list[str]:
    """One body's years in four formats (paired in a chain), a second body's two reports of one year
    (never paired), a report of a year no other year follows, an unreadable page, an untitled one,
    and a text file paired with an HTML page."""
    files = {
        "a-2020.html": render_html(report(1, 2020), "portal"),
        "a-2021.docx": render_docx(report(2, 2021, wrong=True)),
        "a-2022.txt": render(report(3, 2022)).encode("utf-8"),
        "b-2022-1.html": render_html(report(4, 2022, "某某县人民政府办公室"), "word"),
        "b-2022-2.docx": render_docx(report(5, 2022, "某某县人民政府办公室")),
        "b-2023.html": render_html(report(6, 2023, "某某县人民政府办公室", wrong=True), "bare"),
        "c-2021.docx": render_docx(report(7, 2021, "某某市卫生健康委员会")),
        "broken.html": b"<html><body></body></html>",
        "untitled.html": "<html><body><p>一、总体情况</p></body></html>".encode(),
    }
    if pdf:
        files["a-2023.pdf"] = render_pdf(report(8, 2023))
    for name, data in files.items():
        (root / name).write_bytes(data)
    return [str(root / name) for name in sorted(files)]


def reference(paths: list[str], options: RunOptions) -> list[Outcome]:
    """The plain way: every title read in this process, the pairs made, then every file checked."""
    catalog = default_catalog()
    years = Years()
    assert years.prepare(ARGS, paths, catalog) is None
    return [check_task(task, options, catalog) for task in tasks_of(Settings(), paths, inputs=years.inputs)]


def surveyed(paths: list[str], options: RunOptions, jobs: int) -> tuple[Years, list[Outcome]]:
    catalog = default_catalog()
    years = Years()
    survey = Survey(Settings(), options, catalog, jobs, 2, years.inputs)
    assert years.prepare(ARGS, paths, catalog, survey.keys) is None
    years.survey = survey
    tasks = tasks_of(Settings(), paths, inputs=years.inputs)
    return years, [o for _, o in outcomes(tasks, options, catalog, jobs, 2, years.ready)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_survey_gives_what_reading_every_title_first_gives(tmp_path: Path, jobs: int) -> None:
    paths = directory(tmp_path, pdf=jobs == 2)  # one PDF is enough (and slow to read)
    options = RunOptions(severity={"A300": Severity.WARNING})
    expected = reference(paths, options)
    years, found = surveyed(paths, options, jobs)
    assert found == expected
    names = {Path(k).name: Path(v).name for k, v in years.pairs.items()}
    chain = {"a-2021.docx": "a-2020.html", "a-2022.txt": "a-2021.docx"}
    assert names == ({**chain, "a-2023.pdf": "a-2022.txt"} if jobs == 2 else chain)
    rules = [sorted({f.rule for r in o.results for f in r.findings}) for o in found]
    by_name = dict(zip((Path(p).name for p in paths), rules, strict=True))
    assert "X600" in by_name["a-2021.docx"]  # compared with last year's HTML page
    assert "X600" not in by_name["b-2023.html"]  # two reports of 2022: neither is last year's
    assert by_name["broken.html"] == ["E003"]


def test_the_keys_are_those_of_a_full_read(tmp_path: Path) -> None:
    paths = directory(tmp_path, pdf=False)
    catalog = default_catalog()
    aliases = aliases_of(catalog)
    survey = Survey(Settings(), RunOptions(), catalog, 1)
    assert survey.keys(paths) == [key_of_file(p, catalog, aliases) for p in paths]


def test_a_file_read_for_its_key_is_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In one process: an HTML page or Word file with no previous report is read once; a text file
    twice (its title alone is cheap); a file paired with last year's is read again for its check,
    and last year's for it."""
    paths = directory(tmp_path, pdf=False)
    reads: Counter[str] = Counter()
    read_bytes = ingest.read_bytes

    def counted(data: bytes, path: str | None, **kwargs: object) -> object:
        reads[Path(path or "").name] += 1
        return read_bytes(data, path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ingest, "read_bytes", counted)
    surveyed(paths, RunOptions(), 1)
    assert reads == {
        "a-2020.html": 2,  # keyed and checked at once, then read as a-2021's previous report
        "a-2021.docx": 3,  # checked while keying, again with last year's, and as a-2022's previous
        "a-2022.txt": 2,  # its title, then its check with last year's
        "b-2022-1.html": 1,
        "b-2022-2.docx": 1,
        "b-2023.html": 1,
        "c-2021.docx": 1,
        "broken.html": 1,
        "untitled.html": 1,
    }


def test_only_text_files_are_keyed_without_their_check() -> None:
    assert [checked_when_keyed(p) for p in ("a.txt", "b.MD", "c.markdown", "d", "e.text")] == [False] * 5
    assert all(checked_when_keyed(p) for p in ("a.html", "b.HTM", "c.docx", "d.pdf", "e.doc", "f.wps"))


def test_known_outcomes_keep_their_place_among_the_pooled_ones(tmp_path: Path) -> None:
    """`outcomes` with `ready`: the tasks it knows skip the pool, in input order, in any pattern."""
    for i in range(9):
        (tmp_path / f"r{i}.txt").write_text(render(report(i, 2022)), encoding="utf-8")
    tasks = [Task(str(tmp_path / f"r{i}.txt")) for i in range(9)]
    known = {0, 3, 4, 8}
    marker = Outcome(results=(CheckResult(path="known", report=None, findings=()),))
    catalog = default_catalog()
    got = list(
        outcomes(tasks, RunOptions(), catalog, 2, 2, lambda t: marker if tasks.index(t) in known else None)
    )
    assert [t for t, _ in got] == tasks
    for i, (task, outcome) in enumerate(got):
        assert outcome == (marker if i in known else check_task(task, RunOptions(), catalog))


def test_the_command_line_pairs_mixed_formats_the_same_with_one_or_two_processes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory(tmp_path, pdf=False)
    outputs = []
    for jobs in ("1", "2"):
        code = main(["check", "-q", "-j", jobs, str(tmp_path), "--format", "jsonl"])
        outputs.append((code, capsys.readouterr().out))
    assert outputs[0] == outputs[1]
    assert outputs[0][0] == 2  # the unreadable page
    assert '"X600"' in outputs[0][1]


def test_the_keys_and_the_checks_share_one_pool_of_workers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command line starts its workers once (batch.Workers), not once for the keys and again for
    the checks, and closes them at the end; the output is that of -j 1."""
    for name, year in (("a-2021.txt", 2021), ("a-2022.txt", 2022), ("b-2022.txt", 2022)):
        (tmp_path / name).write_text(render(report(year, year, "某某区" + name[0])), encoding="utf-8")
    started, closed = [], []
    start, close = batch.Workers._start, batch.Workers.close

    def counted_start(self: batch.Workers) -> ProcessPoolExecutor:
        started.append(self)
        return start(self)

    def counted_close(self: batch.Workers) -> None:
        closed.append(self._pool is not None)
        close(self)

    monkeypatch.setattr(batch.Workers, "_start", counted_start)
    monkeypatch.setattr(batch.Workers, "close", counted_close)
    code = main(["check", "-q", "-j", "2", str(tmp_path), "--format", "jsonl"])
    two = capsys.readouterr().out
    assert len(started) == 1
    assert closed == [True]
    assert '"X6' in two  # a-2022 was paired with a-2021: the keys were read on the pool
    assert main(["check", "-q", "-j", "1", str(tmp_path), "--format", "jsonl"]) == code
    assert capsys.readouterr().out == two
    assert len(started) == 1


def test_keying_shows_its_own_progress(tmp_path: Path) -> None:
    """Most of an HTML or Word run is done while keying: the bar counts it."""
    paths = directory(tmp_path, pdf=False)
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=120)
    Survey(Settings(), RunOptions(), default_catalog(), 1, console=console).keys(paths)
    assert f"{len(paths)}/{len(paths)}" in buffer.getvalue()


def test_pdf_keys_are_those_of_a_full_read_wherever_the_title_stands(tmp_path: Path) -> None:
    """The key of a PDF comes from its whole read (its check): a title on page 1, a title on page 2
    after a short cover (found: the cover's lines are among the lines searched), and one after a
    cover of more lines than the title is searched in (no title, no key), as reading it alone says."""
    made = {
        "page1.pdf": render_pdf(report(1, 2022)),
        "page2.pdf": render_pdf(report(2, 2021), cover=["某某区教育局"]),
        "late.pdf": render_pdf(report(3, 2020), cover=[f"第{i}行" for i in range(14)]),
    }
    for name, data in made.items():
        (tmp_path / name).write_bytes(data)
    paths = [str(tmp_path / name) for name in made]
    catalog = default_catalog()
    aliases = aliases_of(catalog)
    full = [key_of_file(p, catalog, aliases) for p in paths]
    assert full == [("某某区教育局", 2022), ("某某区教育局", 2021), None]
    assert Survey(Settings(), RunOptions(), catalog, 1).keys(paths) == full


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 8), st.booleans()), max_size=40),
    st.integers(1, 8),
)
def test_parts_keep_the_order_and_bound_each_chunks_work(items: list[tuple[int, bool]], chunk: int) -> None:
    """Each item exactly once, in order; a known item alone with its result; a chunk ends as soon
    as its weight reaches `chunk` (so it is under `chunk` plus one item's weight)."""
    numbered = list(enumerate(items))
    cut = list(
        parts(
            numbered,
            chunk,
            lambda item: f"known {item[0]}" if item[1][1] else None,
            lambda item: item[1][0],
        )
    )
    assert [item for part, _ in cut for item in part] == numbered
    for part, known in cut:
        if known is not None:
            assert len(part) == 1
            assert known == [f"known {part[0][0]}"]
        else:
            assert part
            assert not any(is_known for _, (_, is_known) in part)
            load = sum(w for _, (w, _) in part)
            assert load - part[-1][1][0] < chunk  # it did not go on past `chunk`
    for (part, known), (_, following) in itertools.pairwise(cut):
        if known is None and following is None:  # two chunks in a row: the first was full
            assert sum(w for _, (w, _) in part) >= chunk


def test_a_pdf_is_a_chunk_of_its_own() -> None:
    assert [task_cost(Task(p)) for p in ("a.txt", "b", "c.html", "d.docx", "e.pdf", "f.DOC")] == [
        1,
        1,
        3,
        3,
        8,
        8,
    ]
    tasks = [Task(p) for p in ("a.pdf", "b.html", "c.html", "d.html", "e.txt", "f.pdf")]
    cut = [[t.path for t in part] for part, _ in parts(tasks, 8, weight=task_cost)]
    assert cut == [["a.pdf"], ["b.html", "c.html", "d.html"], ["e.txt", "f.pdf"]]


def test_the_kept_outcomes_are_let_go_once_read(tmp_path: Path) -> None:
    """The temporary file is closed when the last local file has been asked about, even when that
    file was paired (its outcome not taken)."""
    paths = directory(tmp_path, pdf=False)[:2]  # a-2020.html, and a-2021.docx paired with it
    years, found = surveyed(paths, RunOptions(), 1)
    assert Path(years.pairs[paths[1]]).name == "a-2020.html"
    assert years.survey is not None
    assert years.survey._spill is None
    assert len(found) == 2
