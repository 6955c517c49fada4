"""Ingest: a path or bytes into a `Document`. Nothing here writes to an input."""

from __future__ import annotations

import os
from pathlib import Path

from ..document import Document
from ..errors import InputProblem
from .decode import decode
from .sniff import refuse_unsupported
from .text import text_document

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")


def read_bytes(data: bytes, path: str | None, *, max_bytes: int) -> Document:
    """`max_bytes` is rule E005's limit (the API passes the catalog's)."""
    if len(data) > max_bytes:
        raise InputProblem("E005", size=len(data), limit=max_bytes)
    refuse_unsupported(data)
    decoded = decode(data)
    if not decoded.text.strip():
        raise InputProblem("E003", size=len(data))
    return text_document(decoded.text, path, decoded.encoding)


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


__all__ = ["TEXT_SUFFIXES", "read_bytes", "read_path", "text_document"]
