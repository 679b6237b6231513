"""An order quoted before "told" whose subject is a name is a demand aimed at that name."""

from __future__ import annotations

import datetime as dt


def test_a_named_party_that_must_act_quoted_before_told(coder) -> None:
    text = ('BAKU, March 2 (Reuters) - "Armenia must pull its troops back from the border villages," '
            'President Ilham Aliyev told a cabinet meeting on Thursday.')
    events = coder.code({"id": "q1", "text": text, "published": dt.date(2023, 3, 2)})
    assert [(e.source.country, e.target.country if e.target else None, e.cameo_root) for e in events] == [
        ("AZE", "ARM", "10")]
