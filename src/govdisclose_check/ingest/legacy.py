"""Legacy Word (DOC), WPS and RTF files: converted to DOCX by LibreOffice, then read as DOCX.

The conversion runs in a private temporary directory (the input copied there, a LibreOffice
profile of its own so that parallel runs never share one, the output there too), within a time
limit after which the whole process group is killed; the directory is always removed. Nothing is
written next to the input. Without LibreOffice the answer is an E006 that says what to install.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..document import Document
from ..errors import InputProblem
from . import docx_file

TIMEOUT = 60.0  # seconds for one conversion, LibreOffice's start included
PROGRAMS = ("soffice", "libreoffice")
INSTALL_ZH = "请安装 LibreOffice（例如 apt install libreoffice-writer），或在Word/WPS中另存为DOCX"
INSTALL_EN = "install LibreOffice (e.g. apt install libreoffice-writer), or save it as DOCX in Word/WPS"


def read(data: bytes, path: str | None) -> Document:
    suffix, fmt_zh, fmt_en = _kind(data, path)
    program = next((found for name in PROGRAMS if (found := shutil.which(name))), None)
    if program is None:
        raise InputProblem(
            "E006",
            f"转换它需要 LibreOffice（soffice），本机未找到；{INSTALL_ZH}",
            f"converting it needs LibreOffice (soffice), which is not on PATH; {INSTALL_EN}",
            format=fmt_zh,
            format_en=fmt_en,
        )
    with tempfile.TemporaryDirectory(prefix="govdisclose-") as tmp:
        work = Path(tmp)
        source = work / f"report{suffix}"
        source.write_bytes(data)
        converted = _convert(program, source, work, fmt_zh, fmt_en)
        return docx_file.read(converted, path)


def _kind(data: bytes, path: str | None) -> tuple[str, str, str]:
    """The suffix LibreOffice is given, and how messages name the format."""
    if data.startswith(b"{\\rtf"):
        return ".rtf", "RTF", "RTF"
    suffix = posixpath.splitext((path or "").replace("\\", "/").lower())[1]
    if suffix == ".wps":
        return ".wps", "WPS", "WPS"
    return ".doc", "旧版Word（DOC）", "legacy Word (DOC)"


def _convert(program: str, source: Path, work: Path, fmt_zh: str, fmt_en: str) -> bytes:
    out = work / "out"
    command = [
        program,
        f"-env:UserInstallation={(work / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "docx",
        "--outdir",
        str(out),
        str(source),
    ]
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=work,
        start_new_session=True,  # its own process group, killed whole on timeout
    )
    try:
        _, err = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        _kill(process)
        raise InputProblem(
            "E009",
            f"LibreOffice转换超过{TIMEOUT:g}秒的时限，已终止",
            f"the LibreOffice conversion took longer than the limit of {TIMEOUT:g} s and was stopped",
            format=fmt_zh,
            format_en=fmt_en,
        ) from None
    result = out / f"{source.stem}.docx"
    if not result.is_file():
        why = err.decode("utf-8", "replace").strip().splitlines()
        detail = why[-1][:200] if why else f"exit status {process.returncode}"
        raise InputProblem(
            "E008",
            f"LibreOffice无法转换此文件（{detail}）",
            f"LibreOffice could not convert it ({detail})",
            format=fmt_zh,
            format_en=fmt_en,
        )
    return result.read_bytes()


def _kill(process: subprocess.Popen[bytes]) -> None:
    """The converter and every process it started (soffice is a script that starts soffice.bin)."""
    if hasattr(os, "killpg"):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    else:  # pragma: no cover - Windows has no process groups of this kind
        process.kill()
    process.communicate()
