"""Recognise the files we cannot read yet by their first bytes, to say so plainly (E006)."""

from __future__ import annotations

from ..errors import InputProblem

_MAGIC = (
    (b"PK\x03\x04", "Word（DOCX）或其他压缩包", "Word (DOCX) or other zip"),
    (b"%PDF-", "PDF", "PDF"),
    (b"\xd0\xcf\x11\xe0", "旧版Word（DOC）或WPS", "legacy Word (DOC) or WPS"),
    (b"\x89PNG", "PNG图片", "PNG image"),
    (b"\xff\xd8\xff", "JPEG图片", "JPEG image"),
    (b"GIF87a", "GIF图片", "GIF image"),
    (b"GIF89a", "GIF图片", "GIF image"),
    (b"{\\rtf", "RTF", "RTF"),
)
_HTML = (b"<!doctype html", b"<html", b"<?xml")


def refuse_unsupported(data: bytes) -> None:
    for magic, zh, en in _MAGIC:
        if data.startswith(magic):
            raise InputProblem("E006", format=zh, format_en=en)
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(_HTML):
        raise InputProblem("E006", format="HTML/XML", format_en="HTML/XML")
