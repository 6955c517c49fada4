"""A saved or fetched HTML page into a `Document`: only the article (the block that holds the
report's section headings and tables), its text as lines located by line and column in the HTML
source, its `<table>`s as source tables (each merged cell once, never expanded into a grid).

Bounds (docs/limits.md): at most `MAX_TAGS` tags, nesting as deep as libxml2 allows (256), and
`MAX_TABLE_PARTS` table rows and cells; beyond them an E009.
"""

from __future__ import annotations

import re

from lxml import etree

from ..document import Block, Document, Line, SourceCell, SourceTable
from ..errors import InputProblem
from .html_decode import decode_html
from .html_source import SourceMap
from .html_tree import Element, TableBlock, TextBlock, Walk

FORMAT = {"format": "HTML网页", "format_en": "HTML page"}
MAX_TAGS = 400_000
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_HEADING = re.compile(
    r"^[一二三四五六—][、.．，,]?\s*(?:总体情况|主动公开|收到和处理|.{0,12}行政复议|.{0,12}存在.{0,4}问题|其他需要报告)"
)
_TITLE = re.compile(r"(?:19|20)\d{2}\s*年度?.{0,30}?(?:年度报告|工作报告|年报)")
_REPORT_TABLE = ("本年新收", "申请人情况", "行政复议", "信息内容", "本年制发", "本年新制作", "处理决定")
_CONTAINERS = frozenset(
    [
        "div",
        "td",
        "th",
        "article",
        "section",
        "main",
        "body",
        "html",
        "center",
        "form",
        "blockquote",
        "li",
        "dd",
    ]
)
_TITLE_SEPARATORS = re.compile(r"\s*[_|｜]\s*|\s+[-—－]+\s+")


def read(data: bytes, path: str | None) -> Document:
    return read_html(data, path)


def read_html(data: bytes, path: str | None, sent_charset: str | None = None) -> Document:
    """`sent_charset`: the charset of the HTTP response's Content-Type, which wins over the page's."""
    tags = data.count(b"<")
    if tags > MAX_TAGS:
        _over(f"含有{tags}个标签，上限{MAX_TAGS}", f"{tags} tags, limit {MAX_TAGS}")
    decoded = decode_html(data, sent_charset)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    declaration = _XML_DECLARATION.match(text)
    if declaration:  # lxml refuses a str that declares an encoding; keep the columns
        text = " " * declaration.end() + text[declaration.end() :]
    parser = etree.HTMLParser(remove_comments=False, remove_pis=False, no_network=True)
    root = etree.fromstring(text, parser) if text.strip() else None
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        _over("标签嵌套超过256层", "tags nested more than 256 deep")
    if root is None:
        raise InputProblem("E003", size=len(data))
    walk = Walk(SourceMap(text))
    walk.run(root)
    walk.flush()
    return Document(path=path, encoding=decoded.encoding, blocks=_document_blocks(_article(walk)))


def _over(zh: str, en: str) -> None:
    raise InputProblem("E009", zh, en, **FORMAT)


def _article(walk: Walk) -> list[TextBlock | TableBlock]:
    """The blocks of the article: those inside the smallest element that holds every section heading
    and report table; with the page's title in front when the article does not state it."""
    blocks = walk.blocks
    markers = [b.element for b in blocks if _is_marker(b)]
    if not markers:
        return blocks
    article = _container(_common_ancestor(markers))
    kept = [b for b in blocks if b.element is article or _within(b.element, article)]
    first = blocks.index(kept[0])
    heading = next((i for i, b in enumerate(kept) if _is_marker(b)), 0)
    if any(isinstance(b, TextBlock) and _TITLE.search(b.text) for b in kept[:heading]):
        return kept
    title = next(
        (b for b in reversed(blocks[:first]) if isinstance(b, TextBlock) and _TITLE.search(b.text)), None
    )
    if title is None and walk.title is not None:
        title = _page_title(walk.title)
    return [title, *kept] if title is not None else kept


def _is_marker(block: TextBlock | TableBlock) -> bool:
    if isinstance(block, TextBlock):
        return bool(_HEADING.match(block.text))
    return any(word in text for row in block.rows for text, _ in row for word in _REPORT_TABLE)


def _common_ancestor(elements: list[Element]) -> Element:
    path = [elements[0], *elements[0].iterancestors()]
    depth = {id(el): i for i, el in enumerate(path)}
    lowest = 0
    for el in elements[1:]:
        for candidate in (el, *el.iterancestors()):
            index = depth.get(id(candidate))
            if index is not None:
                lowest = max(lowest, index)
                break
    return path[lowest]


def _container(element: Element) -> Element:
    """The element itself when it can hold an article, else its nearest ancestor that can."""
    while element.tag not in _CONTAINERS and element.getparent() is not None:
        element = element.getparent()
    return element


def _within(element: Element, ancestor: Element) -> bool:
    return any(a is ancestor for a in element.iterancestors())


def _page_title(title: TextBlock) -> TextBlock | None:
    """The report's title from the page's <title> (`…年度报告_某某市人民政府` keeps its first part)."""
    for part in _TITLE_SEPARATORS.split(title.text):
        if _TITLE.search(part):
            return TextBlock(part, title.origin, title.element)
    return None


def _document_blocks(blocks: list[TextBlock | TableBlock]) -> tuple[Block, ...]:
    out: list[Block] = []
    number = 0
    for block in blocks:
        if isinstance(block, TextBlock):
            number += 1
            out.append(Line(number=number, text=block.text, original=block.text, origin=block.origin))
        else:
            rows = tuple(tuple(SourceCell(text, location) for text, location in row) for row in block.rows)
            out.append(SourceTable(rows=rows, location=block.location))
    return tuple(out)
