"""Ingest: a path or bytes into a `Document`. Nothing here writes to an input."""

from __future__ import annotations

import os
from pathlib import Path

from ..document import Document, Line, SourceTable
from ..errors import InputProblem
from .formats import SUFFIXES, detect, reader_for
from .text import text_document

REPORT_SUFFIXES = tuple(SUFFIXES)  # every suffix a directory is searched for


def read_bytes(data: bytes, path: str | None, *, max_bytes: int) -> Document:
    """`max_bytes` is rule E005's limit (the API passes the catalog's)."""
    if len(data) > max_bytes:
        raise InputProblem("E005", size=len(data), limit=max_bytes)
    if not data:
        raise InputProblem("E003", size=0)
    document = reader_for(detect(data, path))(data, path)
    if not has_text(document):
        raise InputProblem("E003", size=len(data))
    return document


def has_text(document: Document) -> bool:
    for block in document.blocks:
        if isinstance(block, Line):
            if block.text.strip():
                return True
        elif isinstance(block, SourceTable) and any(c.text.strip() for row in block.rows for c in row):
            return True
    return False


def read_path(path: str | os.PathLike[str], *, max_bytes: int) -> Document:
    p = Path(path)
    shown = str(path)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise InputProblem("E001", "这是一个目录", "it is a directory")
        if size > max_bytes:
            raise InputProblem("E005", size=size, limit=max_bytes)
        with p.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except InputProblem:
        raise
    except FileNotFoundError:
        raise InputProblem("E001", "文件不存在", "no such file") from None
    except PermissionError:
        raise InputProblem("E001", "没有读取权限", "permission denied") from None
    except OSError as exc:
        raise InputProblem("E001", exc.strerror or type(exc).__name__) from None
    return read_bytes(data, shown, max_bytes=max_bytes)


__all__ = ["REPORT_SUFFIXES", "has_text", "read_bytes", "read_path", "text_document"]
