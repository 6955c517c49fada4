"""Which kind of file this is, told by its first bytes and then by its suffix, and which reader takes it.

Each reader is a module of this package with `read(data, path) -> Document`. Readers that need an
optional library are imported only when a file of theirs comes, so checking text costs nothing more.
"""

from __future__ import annotations

import importlib
import posixpath
from collections.abc import Callable

import attrs

from ..document import Document
from ..errors import InputProblem
from .archive import open_zip


# repr=False: the records here are internal and never shown, and attrs would compile a __repr__
# for each class at every start-up (about 0.9 M instructions a class; issue 14).
@attrs.frozen(repr=False)
class Format:
    key: str  # "text", "docx", "html", "pdf", "legacy"
    zh: str  # how messages name it
    en: str
    reader: str | None = None  # the module of this package that reads it
    extra: str | None = (
        None  # the optional dependency group it needs (pip install 'govdisclose-check[extra]')
    )


TEXT = Format("text", "纯文本", "plain text", "text")
DOCX = Format("docx", "Word（DOCX）", "Word (DOCX)", "docx_file", "docx")
HTML = Format("html", "HTML网页", "HTML page", "html_page", "html")
PDF = Format("pdf", "PDF", "PDF", "pdf_file", "pdf")
LEGACY = Format("legacy", "旧版Word（DOC）、WPS或RTF", "legacy Word (DOC), WPS or RTF", "legacy", "docx")
FORMATS = (TEXT, DOCX, HTML, PDF, LEGACY)

# The suffixes that a directory is searched for, and what each names.
SUFFIXES = {
    ".txt": TEXT,
    ".text": TEXT,
    ".md": TEXT,
    ".markdown": TEXT,
    ".html": HTML,
    ".htm": HTML,
    ".shtml": HTML,
    ".xhtml": HTML,
    ".docx": DOCX,
    ".pdf": PDF,
    ".doc": LEGACY,
    ".wps": LEGACY,
    ".rtf": LEGACY,
}


def by_suffix(path: str) -> Format | None:
    """The format a path's suffix names (None: no suffix of ours). Only a guess, for planning
    work: a file's format is what `detect` says of its bytes."""
    return SUFFIXES.get(posixpath.splitext(path.replace("\\", "/").lower())[1])


_IMAGES = (
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
_HTML_HEADS = (b"<!doctype html", b"<html", b"<head", b"<meta", b"<body", b"<table", b"<div", b"<p>", b"<p ")


def detect(data: bytes, path: str | None) -> Format:
    """The format of `data`: its first bytes decide where they can, else its suffix, else text."""
    for magic, name in _IMAGES:
        if data.startswith(magic):
            raise InputProblem(
                "E006",
                "图片中的文字需要先做文字识别（OCR），请提供文字版的报告",
                "the text of an image needs OCR first; give the report as text",
                format=f"{name}图片",
                format_en=f"{name} image",
            )
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_format(data)
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\xd0\xcf\x11\xe0") or data.startswith(b"{\\rtf"):
        return LEGACY
    suffix = posixpath.splitext((path or "").replace("\\", "/").lower())[1]
    head = _head(data)
    if head.startswith(_HTML_HEADS) or (head.startswith(b"<?xml") and b"<html" in head):
        return HTML
    named = SUFFIXES.get(suffix)
    if named is HTML and head.startswith(b"<"):
        return HTML
    return TEXT


def _head(data: bytes) -> bytes:
    """The first bytes, lower-cased, without a byte-order mark, white space or comments."""
    head = data[:1024]
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            head = head[len(bom) :]
            if bom != b"\xef\xbb\xbf":
                head = head.decode("utf-16-le" if bom == b"\xff\xfe" else "utf-16-be", "ignore").encode()
            break
    head = head.lstrip().lower()
    while head.startswith(b"<!--"):
        end = head.find(b"-->")
        if end < 0:
            break
        head = head[end + 3 :].lstrip()
    return head


def _zip_format(data: bytes) -> Format:
    names = set(open_zip(data, "Word（DOCX）或压缩包", "Word (DOCX) or zip").namelist())
    if "word/document.xml" in names:
        return DOCX
    if "[Content_Types].xml" in names and any(name.startswith("word/") for name in names):
        return DOCX  # a Word package without its main part: its reader says it is damaged
    raise InputProblem(
        "E006",
        "这是一个压缩包而不是Word文档；请解压后检查其中的报告",
        "it is a zip archive, not a Word document; unpack it and check the report inside",
        format="ZIP压缩包",
        format_en="zip archive",
    )


Reader = Callable[[bytes, str | None], Document]


def reader_for(fmt: Format) -> Reader:
    """The reader's `read` function; an optional library that is not installed is an E006 that says
    what to install."""
    assert fmt.reader is not None
    try:
        module = importlib.import_module(f"{__package__}.{fmt.reader}")
    except ImportError as exc:
        extra = fmt.extra or fmt.key
        raise InputProblem(
            "E006",
            f"读取它需要可选组件（缺少 {exc.name}）：pip install 'govdisclose-check[{extra}]'",
            f"reading it needs an optional component (missing {exc.name}): "
            f"pip install 'govdisclose-check[{extra}]'",
            format=fmt.zh,
            format_en=fmt.en,
        ) from None
    read: Reader = module.read
    return read
