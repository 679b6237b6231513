"""Charges answered that name no one ("dismissed the accusations", "rejected them") come from whoever made them:
the owner of the charges told just before, or the last party that said what the answering side did
(``arguments._charge_maker``)."""


def test_a_dismissal_answers_whoever_reported_the_act(events_of):
    keys, _ = events_of("Belarusian helicopters crossed into Lithuanian airspace on Tuesday, Lithuanian officials said. "
                        "The Belarusian defence ministry dismissed the accusations as a provocation.")
    assert ("BLR", "LTU", "01") in keys


def test_a_rejection_of_them_answers_the_owner_of_the_complaints(events_of):
    _, records = events_of("Yerevan shrugged off the Azerbaijani complaints on Friday. "
                           "Armenia's defence ministry rejected them as groundless.")
    assert any(r["evidence"]["trigger"]["text"] == "rejected" and (r["target"] or {}).get("country") == "AZE"
               for r in records)


def test_charges_with_no_one_to_answer_face_no_one_named_earlier(events_of):
    keys, _ = events_of("Heavy rain flooded parts of Minsk on Tuesday. "
                        "The Belarusian defence ministry dismissed the accusations as a provocation.")
    assert not any(src == "BLR" and tgt not in (None, "BLR") for src, tgt, _ in keys)
