"""The bundled sample corpus (corpus/sample) is well-formed for `make demo`.

These tests check the data files themselves, not the ingestion code: each HTML page parses and has a
main text, the JSON Lines and the feed parse with the fields the readers rely on, every text file carries
a date the date finder can see, and the noise and duplicates the demo is meant to show are really there.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import feedparser
import lxml.html
import pytest
import trafilatura

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpus" / "sample"
README = ROOT / "corpus" / "README.md"

JSONL_FIELDS = ("id", "title", "published", "url", "source", "text")
MIN_WORDS, MAX_WORDS = 150, 450

# The date forms the issue names: a dateline, a byline, a "date" line, a "Published:" line, front matter.
MONTH = r"(?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
DATE_LINE = re.compile(
    r"^(?:[A-Z][A-Z .,'-]+, (?:[A-Za-z]+, )?" + MONTH + r" \d{1,2} \([^)]+\) -"  # ASTANA, Oct 14 (Wire) -
    r"|\*?By [^–\n]+ – " + MONTH + r" \d{1,2}, \d{4}\*?"  # By Jane Doe – May 16, 2022
    r"|date:? \d{4}-\d{2}-\d{2}"  # date 2022-10-15 / date: 2024-07-04
    r"|Published: \d{1,2} " + MONTH + r" \d{4})",  # Published: 14 September 2022
    re.MULTILINE,
)


def _files(*suffixes: str) -> list[Path]:
    return sorted(p for p in SAMPLE.iterdir() if p.suffix in suffixes)


def _jsonl_rows() -> list[dict]:
    rows = []
    for path in _files(".jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


def _feeds() -> list[feedparser.FeedParserDict]:
    return [feedparser.parse(str(p)) for p in _files(".xml")]


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _shingles(text: str, k: int = 5) -> set[tuple[str, ...]]:
    w = _words(text)
    return {tuple(w[i : i + k]) for i in range(len(w) - k + 1)}


def _jaccard(a: str, b: str) -> float:
    sa, sb = _shingles(a), _shingles(b)
    return len(sa & sb) / len(sa | sb)


def _html_main_text(path: Path) -> str:
    text = trafilatura.extract(path.read_text(encoding="utf-8"), include_comments=False)
    assert text, f"{path.name}: no main text"
    return text


@functools.cache
def _all_article_texts() -> dict[str, str]:
    texts = {p.name: p.read_text(encoding="utf-8") for p in _files(".txt", ".md")}
    texts.update({p.name: _html_main_text(p) for p in _files(".html")})
    texts.update({f"jsonl:{r['id']}": r["text"] for r in _jsonl_rows()})
    for feed in _feeds():
        for entry in feed.entries:
            body = lxml.html.fromstring(entry.content[0].value).text_content()
            texts[f"feed:{entry.link}"] = body
    return texts


def test_article_count_in_range() -> None:
    assert 30 <= len(_all_article_texts()) <= 36


def test_every_format_is_present() -> None:
    suffixes = {p.suffix for p in SAMPLE.iterdir()}
    assert {".txt", ".md", ".html", ".jsonl", ".xml"} <= suffixes


@pytest.mark.parametrize("name", [p.name for p in _files(".txt", ".md")])
def test_text_file_has_a_date_line(name: str) -> None:
    text = (SAMPLE / name).read_text(encoding="utf-8")
    assert DATE_LINE.search(text), f"{name}: no dateline, byline or date line"


@pytest.mark.parametrize("name", [p.name for p in _files(".html")])
def test_html_page_parses_and_has_main_text_without_comments(name: str) -> None:
    raw = (SAMPLE / name).read_text(encoding="utf-8")
    tree = lxml.html.fromstring(raw)
    assert tree.find(".//article") is not None
    assert tree.xpath("//meta[@property='article:published_time']/@content")
    comments = [c.text_content() for c in tree.xpath("//section[@id='comments']//li/p")]
    assert comments, f"{name}: the page should carry a comments section"
    main = _html_main_text(SAMPLE / name)
    assert len(_words(main)) >= MIN_WORDS
    for comment in comments:
        assert comment.strip() not in main


def test_jsonl_lines_parse_with_required_fields() -> None:
    rows = _jsonl_rows()
    assert 5 <= len(rows) <= 8
    for row in rows:
        missing = [f for f in JSONL_FIELDS if not row.get(f)]
        assert not missing, f"{row.get('id')}: missing {missing}"
        assert re.match(r"\d{4}-\d{2}-\d{2}", row["published"])
    assert len({r["id"] for r in rows}) == len(rows)


def test_feed_parses_with_items_carrying_their_text() -> None:
    feeds = _feeds()
    assert len(feeds) == 1
    feed = feeds[0]
    assert not feed.bozo, feed.get("bozo_exception")
    assert 3 <= len(feed.entries) <= 5
    for entry in feed.entries:
        assert entry.published_parsed is not None
        assert entry.description
        assert len(_words(entry.content[0].value)) >= MIN_WORDS


@pytest.mark.parametrize("key", sorted(_all_article_texts()))
def test_article_length_in_range(key: str) -> None:
    n = len(_words(_all_article_texts()[key]))
    assert MIN_WORDS <= n <= MAX_WORDS + 50, f"{key}: {n} words"  # slack for markup and bylines


def test_exact_duplicate_in_another_format() -> None:
    # The JSONL copy carries the headline in `title` and the rest of the file, unchanged, in `text`.
    files = {p.read_text(encoding="utf-8") for p in _files(".txt")}
    assert any(f"{row['title']}\n\n{row['text']}" in files for row in _jsonl_rows())


def test_syndicated_near_duplicate_is_near_but_not_exact() -> None:
    texts = {p.name: p.read_text(encoding="utf-8") for p in _files(".txt")}
    pairs = [
        (a, b, _jaccard(texts[a], texts[b]))
        for i, a in enumerate(sorted(texts))
        for b in sorted(texts)[i + 1 :]
    ]
    near = [(a, b, s) for a, b, s in pairs if s >= 0.9]
    assert len(near) == 1, near
    assert near[0][2] < 1.0
    # Every other pair is clearly distinct, so the demo's near-duplicate count is exactly one.
    assert all(s < 0.5 for a, b, s in pairs if (a, b, s) not in near)


def test_noise_the_cleaner_should_remove_is_present() -> None:
    everything = "\n".join(p.read_text(encoding="utf-8") for p in SAMPLE.iterdir())
    for marker in ("READ MORE:", "[INSIGHT]", "[DATA]", "Source: Read Full Article", "Share", "Subscribe",
                   "newsletter"):
        assert marker in everything, marker
    assert re.search(r"^>\s*$", everything, re.MULTILINE), "a stray '>' line"
    assert re.search(r"^About the author:", everything, re.MULTILINE)


def test_a_caption_repeats_with_quote_or_dash_variants() -> None:
    def norm(line: str) -> str:
        return re.sub(r"[“”\"‘’'–—-]", "", line).strip()

    found = False
    for path in _files(".txt"):
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        for first, second in zip(lines, lines[1:]):
            if first != second and norm(first) == norm(second) and len(first) > 40:
                found = True
    assert found


def test_readme_lists_every_file() -> None:
    readme = README.read_text(encoding="utf-8")
    for path in SAMPLE.iterdir():
        assert path.name in readme, path.name
