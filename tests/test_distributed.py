"""govdisclose_check.distributed on a local in-process Dask cluster: the findings are the command
line's JSONL lines, in input order, and the summary rows (Parquet) count them."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from dask.distributed import Client

from conftest import EXAMPLES
from govdisclose_check.cli import main
from govdisclose_check.distributed import run
from reportgen import LAYOUTS, random_report, render


def corpus(root: Path) -> list[str]:
    root.mkdir()
    paths = []
    for i in range(10):
        report = random_report(random.Random(100 + i), "2021" if i % 3 else "2019")
        if i % 2:
            report.table3["new"]["natural_person"] = int(report.table3["new"]["natural_person"]) + 1
        path = root / f"r{i:02}.txt"
        path.write_text(render(report, LAYOUTS[i % len(LAYOUTS)]), encoding="utf-8")
        paths.append(str(path))
    (root / "empty.txt").write_bytes(b"")
    return [*paths, str(root / "empty.txt"), *sorted(str(p) for p in EXAMPLES.glob("*.txt"))]


def test_a_local_cluster_finds_what_the_command_line_finds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = corpus(tmp_path / "reports")
    listing = tmp_path / "list.txt"
    listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
    main(["check", "-q", "--format", "jsonl", "--files-from", str(listing)])
    expected = capsys.readouterr().out.splitlines()
    out = tmp_path / "out"
    with Client(processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None):
        totals = run(paths, out, npartitions=3)
    parts = sorted((out / "findings").glob("part-*.jsonl"))
    assert len(parts) == 3
    lines = [line for part in parts for line in part.read_text(encoding="utf-8").splitlines()]
    assert lines == expected
    assert (totals.files, totals.findings, totals.errors) == (len(paths), len(expected), 0)
    rows = [
        r
        for part in sorted((out / "summary").glob("part-*.parquet"))
        for r in pq.read_table(part).to_pylist()
    ]
    assert [r["path"] for r in rows] == paths
    findings = [json.loads(line) for line in expected]
    for row in rows:
        mine = [f for f in findings if f["path"] == row["path"]]
        assert row["errors"] == sum(1 for f in mine if f["severity"] == "error")
        assert row["warnings"] == sum(1 for f in mine if f["severity"] == "warning")
        assert row["errors_A"] == sum(1 for f in mine if f["severity"] == "error" and f["rule"][0] == "A")
    assert rows[10]["worst_rule"] == "E003"  # the empty file
    assert rows[10]["template"] is None
