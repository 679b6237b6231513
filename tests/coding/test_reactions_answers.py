"""Whom an answer or a reported demand faces: the author of what is dismissed, though the parser reads it into the
"as" phrase ("dismissed as nonsense suggestions by X that ..."), and whoever must act in a demand told to someone
else ("told the chancellor that Washington must stop ...")."""


def test_a_dismissal_shifted_past_its_verdict_faces_the_author(events_of):
    keys, _ = events_of("Lavrov dismissed as fantasy claims by Lithuanian officials that Russia was planning an attack.")
    assert ("RUS", "LTU", "01") in keys


def test_a_denial_shifted_past_its_verdict_faces_the_author_not_whom_it_names(events_of):
    keys, _ = events_of("Peskov dismissed as pure speculation reports by Ukrainian officials that Moscow was "
                        "pressuring Minsk to join the war.")
    assert ("RUS", "UKR", "01") in keys
    assert ("RUS", "BLR", "01") not in keys


def test_a_demand_told_to_a_listener_faces_whoever_must_act(events_of):
    keys, _ = events_of("Erdogan told Aliyev that Armenia should withdraw its forces from the border.")
    assert ("TUR", "ARM", "10") in keys
    assert ("TUR", "AZE", "10") not in keys
