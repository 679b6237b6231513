from __future__ import annotations

from allegiance.ingest.markdown import from_markdown, from_text


def test_markdown_front_matter_title_and_markup() -> None:
    doc = from_markdown(
        "---\ntitle: CSTO leaders meet in Minsk\ndate: 2023-11-23\nsource: Eurasia Wire\n---\n"
        "# Ignored heading because front matter has a title\n\n"
        "Leaders met in **Minsk** without [Armenia](https://example.org/am).\n\n"
        "![a photo](photo.jpg)\n\n- Tokayev attended\n> a quoted remark\n",
        "m.md",
    )
    assert doc.title == "CSTO leaders meet in Minsk"
    assert doc.published == "2023-11-23" and doc.publisher == "Eurasia Wire" and doc.format == "markdown"
    assert "Leaders met in Minsk without Armenia." in doc.text
    assert "Tokayev attended" in doc.text and "a quoted remark" in doc.text
    assert "photo.jpg" not in doc.text and "**" not in doc.text and "](" not in doc.text


def test_markdown_first_heading_is_the_title() -> None:
    doc = from_markdown("# Belarus joins the SCO\n\nBelarus became a full member on Thursday.", "b.md")
    assert doc.title == "Belarus joins the SCO"
    assert doc.text == "Belarus became a full member on Thursday."


def test_plain_text_headline() -> None:
    doc = from_text("Xi visits Moscow\ndate 2023-03-21\n\nXi arrived on Monday.\n", "x.txt")
    assert doc.title == "Xi visits Moscow"
    assert doc.text.startswith("date 2023-03-21")
    no_title = from_text("Xi arrived in Moscow on Monday.\n\nHe met Putin.", "y.txt")
    assert no_title.title is None and no_title.text.startswith("Xi arrived")
