"""Reports given by URL, against a local HTTP server started here (127.0.0.1): never the internet."""

from __future__ import annotations

import json
import random
import socket
from pathlib import Path

import pytest

from govdisclose_check import CheckResult, check_url
from govdisclose_check.catalog import default_catalog
from govdisclose_check.cli import main
from govdisclose_check.ingest.fetch import MAX_ATTACHMENTS
from htmlgen import render_html
from httpserve import Reply, serve
from reportgen import random_report, render

REPORT = random_report(random.Random(11), "2021")
PORTAL = render_html(REPORT, "portal")
GBK_BARE = render_html(REPORT, "bare")  # GBK, no declaration in the page
TEXT = render(REPORT, "tab").encode("utf-8")
HTML = {"Content-Type": "text/html; charset=utf-8"}


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's default cache goes to a temporary directory, never the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "xdg"))


def rules(result: CheckResult) -> list[str]:
    return [f.rule for f in result.findings]


def test_a_page_is_fetched_and_checked(tmp_path: Path) -> None:
    with serve({"/art_123.html": Reply(PORTAL, headers=HTML)}) as server:
        [result] = check_url(f"{server.base}/art_123.html", cache=False)
    assert result.path == f"{server.base}/art_123.html"
    assert rules(result) == []
    assert result.report is not None
    assert (result.report.year, result.report.template, result.report.encoding) == (
        REPORT.year,
        "2021",
        "utf-8",
    )


def test_a_defect_is_found_on_the_page() -> None:
    report = random_report(random.Random(11), "2021")
    report.table3["new"]["natural_person"] = int(report.table3["new"]["natural_person"]) + 1
    with serve({"/a.html": Reply(render_html(report, "portal"), headers=HTML)}) as server:
        [result] = check_url(f"{server.base}/a.html", cache=False)
    assert {(f.rule, f.row, f.col) for f in result.findings} >= {("A303", "new", "total")}
    located = next(f for f in result.findings if f.rule == "A303")
    assert located.location.source_table is not None
    assert located.location.line is not None


def test_redirects_are_followed_up_to_five() -> None:
    hops = {f"/r{i}": Reply(status=302, headers={"Location": f"/r{i + 1}"}) for i in range(6)}
    routes = {**hops, "/r6": Reply(PORTAL, headers=HTML)}
    with serve(routes) as server:
        [near] = check_url(f"{server.base}/r1", cache=False)  # five redirects
        [far] = check_url(f"{server.base}/r0", cache=False)  # six
    assert rules(near) == []
    assert near.path == f"{server.base}/r1"
    assert rules(far) == ["E010"]
    assert "5" in far.findings[0].message


@pytest.mark.parametrize(("status", "words"), [(404, "404"), (500, "500"), (403, "403")])
def test_http_errors_are_e010(status: int, words: str) -> None:
    with serve({"/x.html": Reply(b"<html>error</html>", status, HTML)}) as server:
        [result] = check_url(f"{server.base}/x.html", cache=False)
    assert rules(result) == ["E010"]
    assert words in result.findings[0].message
    assert words in result.findings[0].text("en")
    assert result.input_error


def test_a_slow_server_times_out() -> None:
    with serve({"/slow.html": Reply(PORTAL, headers=HTML, delay=2.0)}) as server:
        [result] = check_url(f"{server.base}/slow.html", cache=False, timeout=0.3)
    assert rules(result) == ["E010"]
    assert "time-out" in result.findings[0].text("en")


def test_a_refused_connection_is_e010() -> None:
    with socket.socket() as sock:  # a port that nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    [result] = check_url(f"http://127.0.0.1:{port}/a.html", cache=False, timeout=2)
    assert rules(result) == ["E010"]
    assert "cannot connect" in result.findings[0].text("en")


@pytest.mark.parametrize(
    ("body", "content_type", "encoding"),
    [
        (GBK_BARE, "text/html; charset=gbk", "gb18030"),  # the server's charset
        (GBK_BARE, "text/html", "gb18030"),  # nothing declared: guessed
        (render_html(REPORT, "word"), "text/html; charset=utf-8", "gb18030"),  # server wrong, meta right
    ],
    ids=["http-charset", "guessed", "wrong-http-charset"],
)
def test_the_page_encoding_is_honoured(body: bytes, content_type: str, encoding: str) -> None:
    with serve({"/gbk.html": Reply(body, headers={"Content-Type": content_type})}) as server:
        [result] = check_url(f"{server.base}/gbk.html", cache=False)
    assert rules(result) == []
    assert result.report is not None
    assert result.report.encoding == encoding


def test_the_reader_is_chosen_by_content_type_and_content() -> None:
    routes = {
        "/show?id=1": Reply(TEXT, headers={"Content-Type": "text/plain; charset=utf-8"}),
        "/view": Reply(PORTAL, headers={"Content-Type": "text/html"}),
        "/mislabelled.txt": Reply(PORTAL, headers={"Content-Type": "application/octet-stream"}),
    }
    with serve(routes) as server:
        results = [check_url(server.base + path, cache=False)[0] for path in routes]
    assert [rules(r) for r in results] == [[], [], []]
    assert [r.report.encoding for r in results if r.report] == ["utf-8", "utf-8", "utf-8"]


def test_responses_are_cached_by_url(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    with serve({"/a.html": Reply(PORTAL, headers=HTML)}) as server:
        url = f"{server.base}/a.html"
        first = check_url(url, cache=cache)
        second = check_url(url, cache=cache)
        assert server.requests == ["/a.html"]  # the second came from the cache
        check_url(url, cache=False)
        assert server.requests == ["/a.html", "/a.html"]
    assert [rules(r) for r in first + second] == [[], []]
    assert len(list(cache.glob("*.body"))) == 1
    with serve({}) as other:  # the cache is keyed by the URL: another one is fetched (and fails)
        assert rules(check_url(f"{other.base}/a.html", cache=cache)[0]) == ["E010"]


def test_errors_are_not_cached(tmp_path: Path) -> None:
    with serve({"/a.html": Reply(b"", 500)}) as server:
        check_url(f"{server.base}/a.html", cache=tmp_path)
        check_url(f"{server.base}/a.html", cache=tmp_path)
        assert server.requests == ["/a.html", "/a.html"]


def test_the_size_cap_stops_reading() -> None:
    limit = len(PORTAL) - 1
    catalog = default_catalog().with_params("E005", max_bytes=limit)
    with serve({"/big.html": Reply(PORTAL, headers=HTML)}) as server:
        [result] = check_url(f"{server.base}/big.html", cache=False, catalog=catalog)
    assert rules(result) == ["E005"]
    assert str(limit) in result.findings[0].message


def _page_with_links(links: list[str]) -> bytes:
    anchors = "".join(f'<p><a href="{href}">附件{i}</a></p>' for i, href in enumerate(links))
    return PORTAL.replace(b"</body>", anchors.encode("utf-8") + b"</body>")


def test_attachments_are_checked_as_separate_files() -> None:
    broken = random_report(random.Random(11), "2021")
    broken.table3["new"]["natural_person"] = int(broken.table3["new"]["natural_person"]) + 1
    page = _page_with_links(["files/report.txt", "/files/broken.txt", "files/report.txt#p2", "mailto:a@b.cn"])
    routes = {
        "/art/1.html": Reply(page, headers=HTML),
        "/art/files/report.txt": Reply(TEXT, headers={"Content-Type": "text/plain"}),
        "/files/broken.txt": Reply(render(broken, "tab").encode("gbk")),
    }
    with serve(routes) as server:
        results = check_url(f"{server.base}/art/1.html", cache=False, follow_attachments=True)
        without = check_url(f"{server.base}/art/1.html", cache=False)
    assert [r.path for r in results] == [
        f"{server.base}/art/1.html",
        f"{server.base}/art/files/report.txt",
        f"{server.base}/files/broken.txt",
    ]
    assert rules(results[0]) == []
    assert rules(results[1]) == []
    assert "A303" in rules(results[2])
    assert len(without) == 1


def test_attachments_are_bounded_and_a_missing_one_is_e010() -> None:
    page = _page_with_links([f"/files/{i}.pdf" for i in range(MAX_ATTACHMENTS + 5)])
    with serve({"/p.html": Reply(page, headers=HTML)}) as server:
        results = check_url(f"{server.base}/p.html", cache=False, follow_attachments=True)
        asked = list(server.requests)
    assert len(results) == 1 + MAX_ATTACHMENTS
    assert asked == ["/p.html"] + [f"/files/{i}.pdf" for i in range(MAX_ATTACHMENTS)]
    assert all(rules(r) == ["E010"] for r in results[1:])


def test_the_cli_checks_urls(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = _page_with_links(["/r.txt"])
    routes = {"/a.html": Reply(page, headers=HTML), "/r.txt": Reply(TEXT)}
    with serve(routes) as server:
        status = main(["check", f"{server.base}/a.html", "--format", "json", "--follow-attachments"])
        out = json.loads(capsys.readouterr().out)
        assert [f["path"] for f in out["files"]] == [f"{server.base}/a.html", f"{server.base}/r.txt"]
        assert status == 0
        assert list((tmp_path / "xdg" / "govdisclose-check").glob("*.body"))  # the default cache
        status = main(["check", f"{server.base}/missing.html", "--no-cache", "--lang", "en"])
        text = capsys.readouterr().out
    assert status == 2
    assert "E010" in text
    assert "404" in text
