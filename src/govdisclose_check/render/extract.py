"""`extract`: what the parser understood of a report, as JSON or CSV (one row per table cell).

Users read it to see why a finding fired; researchers build data sets from it. Every cell keeps its
raw text, its value and where it stands in the original file.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from typing import Any

from .. import __version__
from ..model import Cell, Location, Report
from ..serialize import json_number, location_fields
from .safe import json_safe

LOCATION_FIELDS = tuple(location_fields(Location()))
CELL_FIELDS = ("path", "template", "year", "table", "row", "col", "label", "raw", "value", "kind", "unit")


def cell_records(report: Report) -> Iterator[dict[str, Any]]:
    """Every value cell read: the cells given to columns, then those of rows that could not be
    (a row with the wrong number of values, or one the format does not have: `col` is null)."""
    for key, table in sorted(report.tables.items()):
        set_aside = {id(row) for row in (*table.miscounted, *table.unknown)}
        for row in table.found:
            columns = None if id(row) in set_aside else table.rows.get(row.key or "")
            keys: Sequence[str | None] = tuple(columns) if columns else (None,) * len(row.cells)
            for col, cell in zip(keys, row.cells, strict=True):
                yield _cell(report, key, row.key, col, row.label, cell)
        if table.expected_values is not None and not table.found:  # a table read as one run of values
            for row_key, cells in table.rows.items():
                for col, cell in cells.items():
                    yield _cell(report, key, row_key, col, None, cell)


def _cell(
    report: Report, table: str, row: str | None, col: str | None, label: str | None, cell: Cell
) -> dict[str, Any]:
    return {
        "path": report.path,
        "template": report.template,
        "year": report.year,
        "table": table,
        "row": row,
        "col": col,
        "label": label,
        "raw": cell.raw,
        "value": json_number(cell.value),
        "kind": str(cell.kind),
        "unit": cell.unit,
        **location_fields(cell.location),
    }


def report_record(report: Report) -> dict[str, Any]:
    return {
        "path": report.path,
        "encoding": report.encoding,
        "title": report.title,
        "body": report.body,
        "year": report.year,
        "template": report.template,
        "sections": [
            {"key": s.key, "numeral": s.numeral, "heading": s.heading, **location_fields(s.location)}
            for s in report.sections
        ],
        "tables": {
            key: {"missing_rows": list(table.missing), **location_fields(table.location)}
            for key, table in sorted(report.tables.items())
        },
        "cells": [
            {k: v for k, v in c.items() if k not in ("path", "template", "year")}
            for c in cell_records(report)
        ],
    }


def render_extract_json(reports: Sequence[Report]) -> str:
    document = {"version": __version__, "reports": [report_record(r) for r in reports]}
    return json_safe(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def render_extract_csv(reports: Sequence[Report]) -> str:
    """One row per cell; a UTF-8 byte-order mark is not written (add it when a spreadsheet needs one)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[*CELL_FIELDS, *LOCATION_FIELDS], lineterminator="\n")
    writer.writeheader()
    for report in reports:
        writer.writerows(cell_records(report))
    return buffer.getvalue()
