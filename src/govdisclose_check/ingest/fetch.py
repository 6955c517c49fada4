"""Reports given by URL: fetched with httpx (at most 5 redirects, a time-out, the E005 size limit
read as a stream), cached on disk (`cache.py`), read by the reader that the content, the
Content-Type or the URL's suffix names, and the attachments a page links to found.

Every failure to fetch (offline, DNS, time-out, TLS, HTTP 4xx/5xx) is an `E010` input problem.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import attrs

from ..document import Document
from ..errors import InputProblem
from . import cache as disk
from .formats import HTML, SUFFIXES, detect, reader_for

MAX_REDIRECTS = 5
TIMEOUT = 30.0  # seconds, for connecting and for each read
MAX_ATTACHMENTS = 10
ATTACHMENT_SUFFIXES = tuple(s for s, f in SUFFIXES.items() if f is not HTML)
_MEDIA = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/msword": ".doc",
    "application/rtf": ".rtf",
    "text/plain": ".txt",
    "text/markdown": ".md",
}
_HREF = re.compile(rb"""<a\s[^>]*?href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


@attrs.frozen
class Fetched:
    url: str  # as asked
    final_url: str  # after redirects
    data: bytes
    media_type: str | None
    charset: str | None


def fetch(url: str, *, max_bytes: int, timeout: float = TIMEOUT, cache: Path | None = None) -> Fetched:
    """The response to `url`; `cache` is the cache directory, or None to fetch it anew."""
    if cache is not None:
        hit = disk.load(cache, url)
        if hit is not None:
            data, info = hit
            return Fetched(
                url, info.get("final_url") or url, data, info.get("media_type"), info.get("charset")
            )
    fetched = _get(url, max_bytes, timeout)
    if cache is not None:
        info = {"final_url": fetched.final_url, "media_type": fetched.media_type, "charset": fetched.charset}
        disk.store(cache, url, fetched.data, info)
    return fetched


def _get(url: str, max_bytes: int, timeout: float) -> Fetched:
    try:
        import httpx  # noqa: PLC0415 - an optional dependency, imported when a URL comes
    except ImportError as exc:
        raise InputProblem(
            "E006",
            f"按网址检查需要可选组件（缺少 {exc.name}）：pip install 'govdisclose-check[url]'",
            f"checking a URL needs an optional component (missing {exc.name}): "
            "pip install 'govdisclose-check[url]'",
            format="网址",
            format_en="URL",
        ) from None
    headers = {"User-Agent": "govdisclose-check (+https://pypi.org/project/govdisclose-check/)"}
    try:
        with (
            httpx.Client(
                follow_redirects=True, max_redirects=MAX_REDIRECTS, timeout=timeout, headers=headers
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                phrase = response.reason_phrase or ""
                raise _failed(
                    f"服务器返回 HTTP {response.status_code} {phrase}".strip(),
                    f"the server answered HTTP {response.status_code} {phrase}".strip(),
                )
            data = _read_capped(response.iter_bytes(), max_bytes)
            media, charset = _content_type(response.headers.get("content-type"))
            return Fetched(url, str(response.url), data, media, charset)
    except httpx.TooManyRedirects:
        raise _failed(f"重定向超过{MAX_REDIRECTS}次", f"more than {MAX_REDIRECTS} redirects") from None
    except httpx.TimeoutException:
        raise _failed(
            f"{timeout:g}秒内没有响应（超时）", f"no answer within {timeout:g} s (time-out)"
        ) from None
    except httpx.ConnectError as exc:
        raise _failed(
            f"无法连接（离线、域名无法解析、证书错误或服务器拒绝连接：{exc}）",
            f"cannot connect (offline, unknown host, TLS error or connection refused: {exc})",
        ) from None
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise _failed(f"{type(exc).__name__}：{exc}", f"{type(exc).__name__}: {exc}") from None


def _failed(zh: str, en: str) -> InputProblem:
    return InputProblem("E010", zh, en)


def _read_capped(chunks: object, max_bytes: int) -> bytes:
    parts: list[bytes] = []
    size = 0
    for chunk in chunks:  # type: ignore[attr-defined]
        size += len(chunk)
        if size > max_bytes:
            raise InputProblem("E005", size=size, limit=max_bytes)
        parts.append(chunk)
    return b"".join(parts)


def _content_type(value: str | None) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    media, _, params = value.partition(";")
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", params, re.IGNORECASE)
    return media.strip().lower() or None, match.group(1).lower() if match else None


def read_fetched(fetched: Fetched) -> Document:
    """The fetched bytes as a `Document` whose path is the URL asked for."""
    if not fetched.data:
        raise InputProblem("E003", size=0)
    suffix = posixpath.splitext(urlsplit(fetched.final_url).path.lower())[1]
    hint = _MEDIA.get(fetched.media_type or "") or (suffix if suffix in SUFFIXES else "")
    fmt = detect(fetched.data, f"fetched{hint}")
    if fmt is HTML:
        from .html_page import read_html  # noqa: PLC0415 - lxml is optional

        return read_html(fetched.data, fetched.url, fetched.charset)
    return reader_for(fmt)(fetched.data, fetched.url)


def attachments(fetched: Fetched) -> list[str]:
    """The report files a page links to (PDF, DOCX, DOC, WPS, RTF, text), on any host, in page order,
    each once, at most `MAX_ATTACHMENTS`."""
    found: list[str] = []
    for match in _HREF.finditer(fetched.data):
        raw = next(g for g in match.groups() if g is not None)
        href = raw.decode(fetched.charset or "utf-8", "replace").strip().replace("&amp;", "&")
        url = urljoin(fetched.final_url, href).split("#", 1)[0]
        if not is_url(url) or url in found:
            continue
        if posixpath.splitext(urlsplit(url).path.lower())[1] in ATTACHMENT_SUFFIXES:
            found.append(url)
            if len(found) == MAX_ATTACHMENTS:
                break
    return found
