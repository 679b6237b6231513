"""Teasers for other stories, tagged like "[EXCLUSIVE]" or "[REPORT]" under a "DON'T MISS:" line, leave the
page; the story's own sentences that share their words stay."""

from allegiance.ingest.clean import clean

STORY = "Azerbaijan recalled its ambassador from Tehran on Saturday after the attack on its embassy."
KEPT = "Iran's foreign ministry said it would not back down and called the newspaper's exclusive report false."


def test_tagged_teasers_leave_the_page_and_the_story_stays() -> None:
    page = "\n".join([
        STORY,
        "",
        "DON'T MISS:",
        "Caspian gas deal in doubt as Baku and Tehran trade barbs [REPORT]",
        "Inside the border town where nobody will back down [EXCLUSIVE]",
        "",
        KEPT,
    ])
    text, removals = clean(page)
    assert STORY in text and KEPT in text
    assert "[REPORT]" not in text and "[EXCLUSIVE]" not in text
    assert [r.rule for r in removals].count("tagged-headline") == 2
