"""Every input format and every bad input, through read_inputs."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from ingest_helpers import build_warc, closed_port, serve, settings, story

from allegiance.ingest.sources import read_inputs
from allegiance.models import Document, Rejection

FIXTURES = Path(__file__).parent / "fixtures"
RUSSIAN = "Президент Казахстана Касым-Жомарт Токаев встретился с Владимиром Путиным в Москве и обсудил поставки газа."


def read(*inputs: str, stdin: bytes | None = None, **overrides: object) -> tuple[list[Document], list[Rejection]]:
    items = list(read_inputs(list(inputs), settings(**overrides), stdin=io.BytesIO(stdin) if stdin is not None else None))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, Rejection)]


def test_plain_text_and_markdown(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Xi visits Moscow\n\n" + story(1))
    (tmp_path / "b.md").write_text("# Belarus joins the SCO\n\n" + story(2))
    docs, rejected = read(str(tmp_path / "a.txt"), str(tmp_path / "b.md"))
    assert not rejected
    assert [(d.origin, d.title, d.format) for d in docs] == [
        (str(tmp_path / "a.txt"), "Xi visits Moscow", "text"),
        (str(tmp_path / "b.md"), "Belarus joins the SCO", "markdown"),
    ]


def test_html_file() -> None:
    (doc,), rejected = read(str(FIXTURES / "summit.html"))
    assert not rejected and doc.format == "html" and doc.title == "Putin and Xi meet in Samarkand"


def test_jsonl_with_a_malformed_line_keeps_the_others(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": story(1), "title": "One", "published": "2022-05-16", "url": "https://n.example/1", "source": "Wire", "id": "w-1"}),
        '{"text": "broken line, no closing brace"',
        "",
        json.dumps({"title": "no text here"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": story(2), "author": "A. Writer", "language": "en"}),
    ]
    (tmp_path / "digest.jsonl").write_text("\n".join(lines) + "\n")
    docs, rejected = read(str(tmp_path / "digest.jsonl"))
    origin = str(tmp_path / "digest.jsonl")
    assert [d.origin for d in docs] == [f"{origin}#1", f"{origin}#6"]
    first = docs[0]
    assert (first.title, first.published, first.url, first.publisher, first.external_id) == (
        "One", "2022-05-16", "https://n.example/1", "Wire", "w-1")
    assert docs[1].author == "A. Writer"
    assert [(r.origin, r.reason.split(":")[0]) for r in rejected] == [
        (f"{origin}#2", "malformed JSON"),
        (f"{origin}#4", "no `text` field, or it is empty"),
        (f"{origin}#5", "a JSON line must be an object with a `text` field"),
    ]


def test_rss_and_atom_files_with_full_content() -> None:
    docs, rejected = read(str(FIXTURES / "wire.rss"), str(FIXTURES / "wire.atom"))
    assert not rejected
    assert [d.origin for d in docs] == [
        "http://steppe.example/2022/12/22/border",
        "http://steppe.example/2022/09/20/border-talks",
        "http://caspian.example/2023/09/04/sochi",
    ]
    assert docs[0].publisher == "Steppe Herald" and docs[0].published == "2022-12-22" and docs[0].format == "feed"
    assert "demarcating their shared border" in docs[0].text
    assert docs[2].author == "Emre Kaya"


def test_warc_file(tmp_path: Path) -> None:
    page = (FIXTURES / "summit.html").read_bytes()
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(build_warc([
        ("response", "https://steppe.example/samarkand", "text/html; charset=utf-8", page),
        ("response", "https://steppe.example/empty", "text/html", b"<html><body><script>x()</script></body></html>"),
    ]))
    docs, rejected = read(str(path))
    assert [(d.origin, d.url, d.title) for d in docs] == [
        (f"{path}#1", "https://steppe.example/samarkand", "Putin and Xi meet in Samarkand")]
    assert [r.origin for r in rejected] == [f"{path}#2"]


def test_directories_recurse_sorted_and_skip_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "b" / "deeper").mkdir(parents=True)
    (tmp_path / "b" / "deeper" / "z.txt").write_text(story(3))
    (tmp_path / "a.txt").write_text(story(4))
    (tmp_path / ".hidden.txt").write_text(story(5))
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(story(6))
    docs, _ = read(str(tmp_path))
    assert [Path(d.origin).relative_to(tmp_path).as_posix() for d in docs] == ["a.txt", "b/deeper/z.txt"]


def test_globs_and_missing_inputs(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"s{n}.txt").write_text(story(n))
    (tmp_path / "other.md").write_text(story(9))
    docs, rejected = read(str(tmp_path / "s*.txt"), str(tmp_path / "none*.txt"), str(tmp_path / "absent.txt"))
    assert [Path(d.origin).name for d in docs] == ["s0.txt", "s1.txt", "s2.txt"]
    assert [(Path(r.origin).name, r.reason) for r in rejected] == [
        ("none*.txt", "no files match this pattern"), ("absent.txt", "no such file, directory or URL")]


@pytest.mark.parametrize(
    "data,kind",
    [
        (b"Sochi talks\n\n" + story(1).encode(), "text"),
        (json.dumps({"text": story(1)}).encode() + b"\n" + json.dumps({"text": story(2)}).encode(), "jsonl"),
        ((FIXTURES / "summit.html").read_bytes(), "html"),
        ((FIXTURES / "wire.rss").read_bytes(), "feed"),
    ],
)
def test_stdin_is_sniffed(data: bytes, kind: str) -> None:
    docs, rejected = read("-", stdin=data)
    assert not rejected and docs and {d.format for d in docs} == {kind}
    assert docs[0].origin.startswith("stdin") or kind == "feed"


def test_files_without_known_extension_are_sniffed(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "summit.html", tmp_path / "page")
    (tmp_path / "notes").write_text(story(1))
    docs, _ = read(str(tmp_path / "page"), str(tmp_path / "notes"))
    assert [d.format for d in docs] == ["html", "text"]


def test_bad_files_each_get_a_reason(tmp_path: Path) -> None:
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "huge.txt").write_bytes(b"Putin said many things. " * (50 * 1024 * 1024 // 24 + 1))
    (tmp_path / "ru.txt").write_bytes(RUSSIAN.encode("cp1251"))
    shutil.copy(FIXTURES / "broken.rss", tmp_path / "broken.rss")
    shutil.copy(FIXTURES / "malformed.html", tmp_path / "malformed.html")
    (tmp_path / "archive.gz").write_bytes(b"\x1f\x8b\x08\x00")
    docs, rejected = read(str(tmp_path))
    reasons = {Path(r.origin).name: r.reason for r in rejected}
    assert reasons.keys() == {"photo.txt", "empty.txt", "huge.txt", "broken.rss", "archive.gz"}
    assert reasons["photo.txt"].startswith("binary file")
    assert reasons["empty.txt"].startswith("empty")
    assert reasons["huge.txt"].startswith("file is 52,428,8") and "byte limit" in reasons["huge.txt"]
    assert reasons["broken.rss"].startswith("broken feed")
    assert reasons["archive.gz"].startswith("compressed file of unknown kind")
    by_name = {Path(d.origin).name: d for d in docs}
    assert by_name["ru.txt"].text == RUSSIAN
    assert "Russian-language schools" in by_name["malformed.html"].text


def test_stdin_over_the_limit_is_refused() -> None:
    _, (rejection,) = read("-", stdin=b"word " * 2000, max_article_bytes=1000)
    assert rejection.origin == "stdin" and "byte limit" in rejection.reason


def test_urls_pages_feeds_and_linked_pages_from_a_local_server(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "summit.html", tmp_path / "summit.html")
    with serve(tmp_path) as (base, agents):
        (tmp_path / "feed.rss").write_text(
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Local Wire</title>'
            f"<item><title>Samarkand</title><link>{base}/summit.html</link><description>Teaser.</description>"
            "<pubDate>Thu, 15 Sep 2022 18:00:00 GMT</pubDate></item>"
            f"<item><title>Gone</title><link>{base}/gone.html</link><description></description></item>"
            "<item><title>Relative</title><link>/summit.html</link></item>"
            "</channel></rss>"
        )
        docs, rejected = read(f"{base}/summit.html", f"{base}/feed.rss", f"{base}/cp1251")
    assert [d.origin for d in docs] == [f"{base}/summit.html", f"{base}/summit.html", f"{base}/summit.html", f"{base}/cp1251"]
    assert docs[0].format == "html" and docs[0].url == f"{base}/summit.html"
    linked = docs[1]
    assert linked.format == "feed" and linked.title == "Samarkand" and linked.published == "2022-09-15"
    assert linked.author == "Dina Seitkali" and "Samarkand on Thursday" in linked.text
    assert "Токаев" in docs[3].text
    assert [(r.origin, r.reason) for r in rejected] == [(f"{base}/gone.html", "HTTP 404")]
    assert set(agents) == {settings().user_agent}


def test_unreachable_url_and_broken_remote_feed(tmp_path: Path) -> None:
    (tmp_path / "bad.rss").write_bytes((FIXTURES / "broken.rss").read_bytes())
    url = f"http://127.0.0.1:{closed_port()}/feed.rss"
    with serve(tmp_path) as (base, _):
        docs, rejected = read(url, f"{base}/bad.rss")
    assert docs == []
    assert rejected[0].origin == url and rejected[0].reason.startswith("cannot fetch")
    assert rejected[1].origin == f"{base}/bad.rss" and rejected[1].reason.startswith("broken feed")


def test_json_files_hold_one_article_a_list_or_lines(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"text": story(1), "title": "One"}, indent=2))
    (tmp_path / "list.json").write_text(json.dumps([{"text": story(2)}, {"title": "no text"}], indent=2))
    (tmp_path / "lines.json").write_text(json.dumps({"text": story(3)}) + "\n" + json.dumps({"text": story(4)}) + "\n")
    docs, rejected = read(str(tmp_path / "one.json"), str(tmp_path / "list.json"), str(tmp_path / "lines.json"))
    assert [Path(d.origin).name for d in docs] == ["one.json", "list.json#1", "lines.json#1", "lines.json#2"]
    assert docs[0].title == "One"
    assert [Path(r.origin).name for r in rejected] == ["list.json#2"]
