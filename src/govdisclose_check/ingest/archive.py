"""Zip archives (DOCX) opened within bounds: a zip bomb is refused before anything is inflated.

zipfile never inflates a member past the size its directory declares, so checking the declared
sizes and ratios bounds what reading the archive can cost.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from ..errors import InputProblem

if TYPE_CHECKING:
    import zipfile

MAX_MEMBERS = 2_000
MAX_TOTAL = 200_000_000  # bytes, all members inflated
MAX_MEMBER = 100_000_000
MAX_RATIO = 200  # inflated / compressed, for members of more than a megabyte


def open_zip(data: bytes, fmt_zh: str, fmt_en: str) -> zipfile.ZipFile:
    import zipfile  # noqa: PLC0415 - only for a zip (DOCX) input: start-up time for the others

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    # NotImplementedError: a member that needs a newer zip version than zipfile knows (found by
    # the fuzzer: "zip file version 12.2"); EOFError: a directory cut short
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError, EOFError) as exc:
        raise InputProblem(
            "E008",
            f"压缩包结构损坏（{exc}）",
            f"the zip structure is damaged ({exc})",
            format=fmt_zh,
            format_en=fmt_en,
        ) from None
    if len(infos) > MAX_MEMBERS:
        _over(
            fmt_zh,
            fmt_en,
            f"含有{len(infos)}个部件，上限{MAX_MEMBERS}",
            f"{len(infos)} parts, limit {MAX_MEMBERS}",
        )
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL:
        _over(
            fmt_zh,
            fmt_en,
            f"解压后共{total}字节，上限{MAX_TOTAL}",
            f"{total} bytes inflated, limit {MAX_TOTAL}",
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER or (info.file_size > 1_000_000 and ratio > MAX_RATIO):
            _over(
                fmt_zh,
                fmt_en,
                f"部件{info.filename}解压后{info.file_size}字节（压缩比{ratio:.0f}），疑为压缩炸弹",
                f"part {info.filename} inflates to {info.file_size} bytes (ratio {ratio:.0f}): a zip bomb",
            )
    return archive


def _over(fmt_zh: str, fmt_en: str, zh: str, en: str) -> None:
    raise InputProblem("E009", zh, en, format=fmt_zh, format_en=fmt_en)
