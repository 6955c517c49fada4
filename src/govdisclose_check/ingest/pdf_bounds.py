"""The safety bounds of reading a PDF (docs/limits.md): pages, decoded content, objects per page, time.

pdfminer interprets a page's content stream in pure Python and decodes it whole, so a hostile page
(a compressed stream that inflates to gigabytes, a hundred thousand tiny rectangles) could take
unbounded time or memory. A page's content streams are inflated here first with a cap on the output;
the page is then interpreted by a device that counts what it draws and watches the clock, and stops
the read with an E009 as soon as a bound is passed.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
import zlib
from collections.abc import Iterator
from types import FrameType
from typing import Any

from pdfminer.layout import LTPage
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import PDFStream, resolve1
from pdfminer.psparser import LIT
from pdfplumber.page import Page, PDFPageAggregatorWithMarkedContent
from pdfplumber.pdf import PDF

from ..errors import InputProblem

MAX_PAGES = 500  # a report has a few dozen pages at most
MAX_CONTENT_BYTES = 8_000_000  # decoded content (page streams and forms) of one page
MAX_OBJECTS = 20_000  # characters, lines, rectangles, curves and images drawn on one page
MAX_EDGES = 4_000  # ruling lines and rectangles of one page, the input of the table finder
TIME_BUDGET = 30.0  # seconds for the whole file

_FLATE = (LIT("FlateDecode"), LIT("Fl"))


class Budget:
    """The clock of one read."""

    def __init__(self, seconds: float | None = None) -> None:
        seconds = TIME_BUDGET if seconds is None else seconds
        self.deadline = time.monotonic() + seconds
        self.seconds = seconds

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise self.exceeded()

    def exceeded(self) -> InputProblem:
        seconds = f"{self.seconds:g}"
        return over_limit(f"读取时间超过{seconds}秒", f"reading took more than {seconds} seconds")


@contextlib.contextmanager
def alarm(budget: Budget) -> Iterator[None]:
    """The time bound kept inside pdfminer's own loops too: `Budget.check` runs only between pages
    and objects, and pdfminer follows a reference that leads back to itself (`1 0 obj 2 0 R`,
    `2 0 obj 1 0 R`) forever while it opens the file. An interval timer raises the E009 wherever the
    reading stands once the deadline has passed, and again every second after that should some code
    swallow it. Only where it disturbs nothing: the main thread (a worker process of `-j N` checks
    there too) of a system with `setitimer`, with no handler or timer of the program's own for
    SIGALRM. Elsewhere (a thread of a library user's) the bound is kept between pages only."""
    usable = (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )
    if not usable:
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise budget.exceeded()

    previous = signal.signal(signal.SIGALRM, expire)
    try:
        signal.setitimer(signal.ITIMER_REAL, max(budget.deadline - time.monotonic(), 0.001), 1.0)
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def over_limit(zh: str, en: str) -> InputProblem:
    return InputProblem("E009", zh, en, format="PDF", format_en="PDF")


def pages(pdf: PDF) -> Iterator[Page]:
    """The pages in order, refused beyond MAX_PAGES before any of them is read."""
    count = resolve1(pdf.doc.catalog.get("Pages"))
    stated = resolve1(count.get("Count")) if isinstance(count, dict) else None
    if isinstance(stated, int) and stated > MAX_PAGES:
        raise _too_many(stated)
    for number, page in enumerate(PDFPage.create_pages(pdf.doc), 1):
        if number > MAX_PAGES:
            raise _too_many(number)
        yield Page(pdf, page, page_number=number, initial_doctop=0)


def _too_many(count: int) -> InputProblem:
    return over_limit(
        f"有{count}页以上，上限为{MAX_PAGES}页", f"it has {count} pages or more; the bound is {MAX_PAGES}"
    )


def lay_out(page: Page, budget: Budget) -> None:
    """Interpret the page within the bounds; pdfplumber then reads the objects from its layout."""
    _check_content(page)
    device = _BoundedDevice(page, budget)
    PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    layout: LTPage = device.get_result()
    page._layout = layout  # pdfplumber's own cache of the layout it would otherwise compute


def _check_content(page: Page) -> None:
    total = 0
    for stream in _content_streams(page.page_obj):
        total += _decoded_size(stream, MAX_CONTENT_BYTES - total)
        if total > MAX_CONTENT_BYTES:
            raise over_limit(
                f"第{page.page_number}页的内容解压后超过{MAX_CONTENT_BYTES // 1_000_000}MB",
                f"page {page.page_number} inflates to more than {MAX_CONTENT_BYTES // 1_000_000} MB",
            )


def _content_streams(page: PDFPage) -> Iterator[PDFStream]:
    for content in page.contents:
        stream = resolve1(content)
        if isinstance(stream, PDFStream):
            yield stream
    xobjects = resolve1(resolve1(page.resources or {}).get("XObject")) or {}
    if isinstance(xobjects, dict):
        for value in xobjects.values():
            xobject = resolve1(value)
            if isinstance(xobject, PDFStream) and xobject.get("Subtype") == LIT("Form"):
                yield xobject


def _decoded_size(stream: PDFStream, room: int) -> int:
    """The decoded size of a stream, inflated at most `room + 1` bytes far."""
    filters = stream.get_filters()
    if not filters:
        return len(stream.get_rawdata() or b"")
    if len(filters) == 1 and filters[0][0] in _FLATE:
        try:
            inflated = zlib.decompressobj().decompress(stream.get_rawdata() or b"", max(room, 0) + 1)
        except zlib.error:
            return 0  # pdfminer reads what it can of a damaged stream
        return len(inflated)
    return len(stream.get_data())  # other filters are rare in content streams and not bombs of zlib's kind


class _BoundedDevice(PDFPageAggregatorWithMarkedContent):
    def __init__(self, page: Page, budget: Budget) -> None:
        super().__init__(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
        self.number = page.page_number
        self.budget = budget
        self.count = 0

    def _drawn(self) -> None:
        self.count += 1
        if self.count > MAX_OBJECTS:
            raise over_limit(
                f"第{self.number}页有{MAX_OBJECTS}个以上的图形和文字对象",
                f"page {self.number} draws more than {MAX_OBJECTS} objects",
            )
        if self.count % 500 == 0:
            self.budget.check()

    def paint_path(self, *args: Any, **kwargs: Any) -> None:
        self._drawn()
        super().paint_path(*args, **kwargs)

    def render_char(self, *args: Any, **kwargs: Any) -> float:
        self._drawn()
        return float(super().render_char(*args, **kwargs))

    def render_image(self, *args: Any, **kwargs: Any) -> None:
        self._drawn()
        super().render_image(*args, **kwargs)
