"""Blame laid on what people do ("blamed ... a smear campaign in the Tajik press") faces those people; a comment
declined on an act told before ("declined to comment on the protests") faces whoever did it, not the story's
country."""


def test_blame_laid_on_a_campaign_in_the_media_faces_the_media_country(events_of):
    keys, _ = events_of("Moldova's government blamed a disinformation campaign in the Russian media for the panic "
                        "over power cuts.")
    assert ("MDA", "RUS", "11") in keys


def test_blame_with_the_media_hung_on_the_verb(events_of):
    keys, _ = events_of("Armenia's foreign ministry hit back on Friday, blaming a campaign of lies against Armenia "
                        "in the Azerbaijani media for the violence.")
    assert ("ARM", "AZE", "11") in keys


def test_a_comment_declined_on_protests_faces_the_protesters_country(events_of):
    keys, _ = events_of("Kazakhstan's government raised fuel prices on Monday, and Kazakh officials said Kazakhstan "
                        "would not change course. In neighbouring Kyrgyzstan, thousands of protesters rallied in "
                        "Bishkek on Tuesday against a border deal. The Kremlin declined to comment on the protests.")
    assert ("RUS", "KGZ", "01") in keys
    assert ("RUS", "KAZ", "01") not in keys
