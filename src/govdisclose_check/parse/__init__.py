"""Parse: a normalised `Document` into a `Report` (title, sections, tables aligned to a template)."""

from __future__ import annotations

from collections.abc import Iterable

from ..catalog import Catalog, TableSpec
from ..document import Document, Line
from ..model import Report, Table
from .detect import choose, template_votes
from .narrative import region_parts
from .regions import Region, compact_rows, find_regions, table_lines
from .rows import align_rows, labelled, read_sequential
from .sections import find_headings, sections_from
from .stream import Row, rows_of
from .title import Title, find_title


def parse_title(document: Document, catalog: Catalog) -> Title:
    """Only the title (body, year), as parse_document finds it: the section headings and no more."""
    lines = document.lines
    headings = find_headings(lines, catalog.sections)
    return find_title(lines, headings[0].line.number if headings else None)


def parse_document(document: Document, catalog: Catalog) -> Report:
    lines = document.lines
    headings = find_headings(lines, catalog.sections)
    title = find_title(lines, headings[0].line.number if headings else None)

    rows = rows_of(document)
    heading_indexes = _indexes(rows, [h.line for h in headings])
    any_template = next(iter(catalog.templates.values()))
    specs = [any_template.tables[key] for key in catalog.table_order if key in any_template.tables]
    compacts = compact_rows(rows)
    regions = find_regions(rows, specs, heading_indexes, compacts)
    sections = sections_from(headings, lines, table_lines(rows, regions.values()))

    in_rows, in_compacts = _in_tables(rows, compacts, regions, catalog.markers_in)
    votes = template_votes(in_rows, catalog.templates, in_compacts)
    version = choose(votes)
    tables: dict[str, Table] = {}
    if version is not None:
        template = catalog.templates[version]
        for key, region in regions.items():
            tables[key] = _read_table(template.tables[key], version, rows, region, document.normalized)
    return Report(
        path=document.path,
        encoding=document.encoding,
        title=title.text,
        body=title.body,
        year=title.year,
        template=version,
        sections=sections,
        tables=tables,
        located=tuple(regions),
        title_location=title.location,
        template_votes=votes,
        head=_before(lines, headings[0].line.number if headings else None),
    )


def _before(lines: tuple[Line, ...], number: int | None) -> tuple[Line, ...]:
    """The lines before line `number` (all of them if None)."""
    return lines if number is None else tuple([x for x in lines if x.number < number])


def _indexes(rows: list[Row], lines: list[Line]) -> list[int]:
    """The index in `rows` of each of `lines`, which stand in the rows' order: one walk, no map of
    every row (there are a handful of headings)."""
    out = []
    i = 0
    for line in lines:
        while rows[i].line is not line:
            i += 1
        out.append(i)
    return out


def _in_tables(
    rows: list[Row], compacts: list[str], regions: dict[str, Region], keys: Iterable[str]
) -> tuple[list[Row], list[str]]:
    """The rows of the regions of `keys` that were found, in that order, and their compacts: taken
    a region at a time, as slices (a region may hold 100,000 lines of narrative)."""
    in_rows: list[Row] = []
    in_compacts: list[str] = []
    for key in keys:
        region = regions.get(key)
        if region is not None:
            in_rows += rows[region.start : region.end]
            in_compacts += compacts[region.start : region.end]
    return in_rows, in_compacts


def _range(region: Region) -> range:
    return range(region.start, region.end)


def _read_table(spec: TableSpec, version: str, rows: list[Row], region: Region, normalized: bool) -> Table:
    location = rows[region.start].location
    if spec.sequential:
        parts = [rows[i].parts() for i in _range(region)]
        if not labelled(spec, parts):
            return read_sequential(spec, version, parts, location)
        return align_rows(spec, version, parts, location)
    # Tokenised as it is read: a region of many lines is not held as tokens all at once.
    # Narrative that strays into the region is told apart a chunk at a time (see `narrative`).
    lines = region_parts(spec, rows, region.start, region.end, halfwidth=normalized)
    return align_rows(spec, version, lines, location)


__all__ = ["parse_document"]
