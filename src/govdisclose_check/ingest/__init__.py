"""Ingest: a path or bytes into a `Document`. Nothing here writes to an input."""

from __future__ import annotations

import functools
import os
import re
import stat
from pathlib import Path

from ..document import Document, Line, SourceTable
from ..errors import InputProblem
from .formats import SUFFIXES, detect, reader_for
from .limits import TextLimits, utf8_length
from .text import normalized_text_document, text_document

REPORT_SUFFIXES = tuple(SUFFIXES)  # every suffix a directory is searched for


@functools.cache
def _surrogate() -> re.Pattern[str]:
    """Compiled on first use (start-up time: about 2 M instructions, for `read_text` alone)."""
    return re.compile("[\ud800-\udfff]")


def read_bytes(
    data: bytes, path: str | None, *, max_bytes: int, limits: TextLimits | None = None
) -> Document:
    """`max_bytes` is rule E005's limit; `limits` its limits on the text read, whatever the format."""
    if len(data) > max_bytes:
        raise InputProblem("E005", size=len(data), limit=max_bytes)
    if not data:
        raise InputProblem("E003", size=0)
    document = reader_for(detect(data, path))(data, path)
    if not has_text(document):
        raise InputProblem("E003", size=len(data))
    if limits is not None:
        limits.check(document)
    return document


def has_text(document: Document) -> bool:
    """Whether the text read holds anything but white space (a line's original text: a normalised
    line may have lost what it held, an invisible character, and still not be empty)."""
    for block in document.blocks:
        if isinstance(block, Line):
            if block.original.strip():
                return True
        elif isinstance(block, SourceTable) and any(c.text.strip() for row in block.rows for c in row):
            return True
    return False


def read_text(text: str, path: str | None, *, max_bytes: int, limits: TextLimits | None = None) -> Document:
    """A string already decoded: held to the same limit as bytes (its length in UTF-8). A lone
    surrogate, which no file can hold, becomes U+FFFD (one for one: columns do not move)."""
    size = utf8_length(text, stop=max_bytes)
    if size > max_bytes:
        raise InputProblem("E005", size=utf8_length(text), limit=max_bytes)
    if not text.strip():
        raise InputProblem("E003", size=size)
    document = normalized_text_document(_surrogate().sub("\ufffd", text), path, None)
    if limits is not None:
        limits.check(document)
    return document


def read_path(path: str | os.PathLike[str], *, max_bytes: int, limits: TextLimits | None = None) -> Document:
    shown = str(path)
    try:
        data = _read_regular_file(Path(path), max_bytes)
    except InputProblem:
        raise
    except OSError as exc:
        raise os_problem(exc) from None
    return read_bytes(data, shown, max_bytes=max_bytes, limits=limits)


def _read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file. Anything else (a directory, a FIFO, a device, a socket) is
    refused from its `stat`, before it is opened: reading a FIFO would wait for a writer forever.
    The file is opened non-blocking and checked again, in case it was swapped in between."""
    mode = os.stat(path).st_mode
    if stat.S_ISDIR(mode):
        _listable(path)
    _refuse_irregular(mode)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        status = os.fstat(handle.fileno())
        _refuse_irregular(status.st_mode)
        if status.st_size > max_bytes:
            raise InputProblem("E005", size=status.st_size, limit=max_bytes)
        return handle.read(max_bytes + 1)


def _refuse_irregular(mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise InputProblem("E001", "这是一个目录", "it is a directory")
    if not stat.S_ISREG(mode):
        raise InputProblem(
            "E001",
            "不是普通文件（而是管道、设备或套接字）",
            "not a regular file (a pipe, a device or a socket)",
        )


def _listable(directory: Path) -> None:
    """A directory given for a file is refused as one; one that cannot even be listed, for that."""
    try:
        with os.scandir(directory):
            pass
    except OSError as error:
        problem = os_problem(error)
        zh, en = f"无法列出目录（{problem.zh}）", f"cannot list the directory ({problem.en})"
        raise InputProblem("E001", zh, en) from None


def os_problem(error: OSError) -> InputProblem:
    """An error of the operating system on a path, as the E001 finding that reports it."""
    if isinstance(error, FileNotFoundError):
        return InputProblem("E001", "文件不存在", "no such file")
    if isinstance(error, PermissionError):
        return InputProblem("E001", "没有读取权限", "permission denied")
    return InputProblem("E001", error.strerror or type(error).__name__)


__all__ = [
    "REPORT_SUFFIXES",
    "TextLimits",
    "has_text",
    "normalized_text_document",
    "os_problem",
    "read_bytes",
    "read_path",
    "read_text",
    "text_document",
    "utf8_length",
]
