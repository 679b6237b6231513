"""A cleft that singles out one party and sets another aside ("it was Washington, not Moscow, that was escalating
...") charges the one singled out: an accusation, 112 (``judgement._blame_shifted``)."""


def test_a_contrast_cleft_in_reported_speech_accuses_the_party_singled_out(events_of):
    keys, _ = events_of("Lavrov said it was Washington, not Moscow, that was escalating the conflict in Ukraine.")
    assert ("RUS", "USA", "11") in keys


def test_a_quoted_contrast_cleft_accuses_the_party_singled_out(events_of):
    keys, _ = events_of("\"It is Armenia, not Azerbaijan, that has blocked the peace treaty,\" Aliyev said on Monday.")
    assert ("AZE", "ARM", "11") in keys


def test_a_plain_verdict_is_not_an_accusation(events_of):
    keys, _ = events_of("Lavrov said it was Washington that had proposed the talks.")
    assert ("RUS", "USA", "11") not in keys


def test_a_cleft_told_to_reporters_still_accuses_the_party_singled_out(events_of):
    keys, _ = events_of("\"It is Armenia, not Azerbaijan, that has blocked the peace treaty,\" Aliyev told reporters.")
    assert ("AZE", "ARM", "11") in keys
