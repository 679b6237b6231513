import pytest

from allegiance.coding import cameo
from allegiance.coding.classify import Classify, cameo_root, intent_code


def test_intent_codes_are_cameo_03_or_13():
    assert intent_code("042") == "036"
    assert intent_code("0332") == "0332"
    assert intent_code("072") == "0332"
    assert intent_code("163") == "1312"
    assert intent_code("190") == "138"
    assert intent_code("112") is None  # an accusation announced for later is no event
    for code in ("040", "057", "061", "071", "081", "150", "173", "193", "20"):
        mapped = intent_code(code)
        assert mapped is not None and mapped[:2] in ("03", "13") and cameo.is_valid(mapped), code


def test_cameo_root_of_labels():
    assert cameo_root("042") == "04"
    assert cameo_root("none") is None
    assert cameo_root("99") is None


@pytest.fixture(scope="module")
def lexicon_only(coder):
    return Classify(coder.lexicon, None)


def _candidates(coder, text):
    import datetime as dt

    from allegiance.actors.resolve import resolve_document
    from allegiance.coding.candidates import MentionIndex, candidates

    doc = coder.nlp(text)
    index = MentionIndex.build(doc, resolve_document(doc, dt.date(2022, 10, 14), kb=coder.kb), coder.classify.event_nouns)
    return doc, [c for i, s in enumerate(doc.sents) for c in candidates(s, i, index)]


def test_lexicon_proposes_codes(coder, lexicon_only):
    doc, cands = _candidates(coder, "Russia condemned Ukraine.")
    decision = lexicon_only(cands[0], doc)
    assert decision is not None and decision.code.startswith("11") and 0 < decision.confidence <= 1
    doc, cands = _candidates(coder, "Russia imposed sanctions on Ukraine.")
    codes = {lexicon_only(c, doc).code[:2] for c in cands if lexicon_only(c, doc)}
    assert "16" in codes


def test_words_that_are_no_event_give_no_decision(coder, lexicon_only):
    doc, cands = _candidates(coder, "Russia is a large country next to Kazakhstan.")
    assert all(lexicon_only(c, doc) is None for c in cands)


def test_packaged_classifier_confidence_is_a_probability(coder):
    if coder.classifier is None:
        pytest.skip("this build ships no trained classifier")
    doc, cands = _candidates(coder, "Russia condemned Ukraine.")
    decision = coder.classify(cands[0], doc)
    assert decision is not None and 0 < decision.confidence <= 1


def test_aspectual_verbs_are_coded_by_their_complement(coder, lexicon_only):
    doc, cands = _candidates(coder, "Russia and Iran began sharing intelligence.")
    began = [c for c in cands if doc[c.trigger].lemma_ == "begin"]
    assert began and lexicon_only(began[0], doc).code == "064"
    # without a complement the aspectual verb keeps its own readings ("began drills")
    doc, cands = _candidates(coder, "Russia began drills near Ukraine.")
    began = [c for c in cands if doc[c.trigger].lemma_ == "begin"]
    assert began and lexicon_only(began[0], doc).code == "150"


def test_a_pattern_needing_a_target_does_not_fit_a_candidate_without_one(coder, lexicon_only):
    # "drills with +" is joint drills (062) only when the "with" names a party
    doc, cands = _candidates(coder, "Russia held drills with thousands of reservists near its border.")
    held = [c for c in cands if doc[c.trigger].lemma_ == "hold" and c.target is None]
    assert held and lexicon_only(held[0], doc).code == "150"



def test_announced_acts_are_not_vetoed_by_the_tense(coder):
    # A classifier that puts 0.85 on "no event" and 0.15 on yielding (08) for every trigger: asserted, a bare
    # "free" (prior 0.55) is dropped; announced ("said it would free"), its "no event" speaks of the tense
    # and its reading of the act confirms the lexicon.
    classify = Classify(coder.lexicon, _constant_classifier("08", none=0.85))
    doc, cands = _candidates(coder, "Kazakhstan said it would free Kyrgyzstan's truck drivers.")
    free = [c for c in cands if doc[c.trigger].lemma_ == "free" and c.target is not None]
    assert free and classify(free[0], doc) is None
    decision = classify(free[0], doc, announced=True)
    assert decision is not None and decision.code.startswith("08")


def test_a_specific_project_pattern_is_not_vetoed_by_the_classifier(coder):
    # the classifier reads "dismissed <x>'s offer" as a denial (01); the pattern "* (as) unacceptable" has read
    # the whole construction, a rejection (12)
    if coder.classifier is None:
        pytest.skip("this build ships no trained classifier")
    doc, cands = _candidates(coder, "Tbilisi dismissed the Kremlin's offer as unacceptable.")
    dismissed = [c for c in cands if doc[c.trigger].lemma_ == "dismiss" and c.target is not None]
    decision = coder.classify(dismissed[0], doc)
    assert decision is not None and decision.code[:2] == "12"


def test_a_headline_verb_tagged_as_a_noun_is_read_as_a_verb(coder, lexicon_only):
    # the tagger reads "ships" as a noun, yet it is the root and governs "missiles"
    doc, cands = _candidates(coder, "Britain ships Brimstone missiles to Ukraine")
    ships = [c for c in cands if doc[c.trigger].lower_ == "ships"]
    assert ships and doc[ships[0].trigger].pos_ == "NOUN"
    decision = lexicon_only(ships[0], doc)
    assert decision is not None and decision.code == "072"


@pytest.mark.parametrize("text, code", [
    ('"You must withdraw your troops," Tokayev told Lukashenko.', "105"),
    ('"Stop the shelling now," Erdogan told Putin.', "105"),
    ('"We will never accept this," Pashinyan told Aliyev.', None),
    ("Rahmon told Putin that Russia should treat the Central Asian states with respect.", "100"),
    ("Pashinyan told Aliyev that Armenia would never accept this.", None),
])
def test_a_quoted_order_told_to_someone_is_a_demand_of_them(coder, lexicon_only, text, code):
    doc, cands = _candidates(coder, text)
    told = [c for c in cands if doc[c.trigger].lemma_ == "tell" and c.target is not None]
    assert told
    decision = lexicon_only(told[0], doc)
    if code is None:
        assert decision is None or decision.code[:2] != "10"
    else:
        assert decision is not None and decision.code == code


def test_a_specific_reading_is_not_refined_to_the_verbs_bare_default(coder):
    # A classifier that puts 0.9 on criticism (11) for every trigger: "slam" alone is criticism (111) in the
    # lexicon, yet "<drones> slammed into" is a strike (195) and keeps its code; a bare "slammed" gives way.
    critic = _constant_classifier("11", none=0.1)
    classify = Classify(coder.lexicon, critic)
    doc, cands = _candidates(coder, "Russian drones slammed into a hospital in Kharkiv.")
    slammed = [c for c in cands if doc[c.trigger].lemma_ == "slam"]
    assert slammed and classify(slammed[0], doc).code == "195"
    doc, cands = _candidates(coder, "Russia slammed Ukraine over the hospital strike.")
    slammed = [c for c in cands if doc[c.trigger].lemma_ == "slam" and c.target is not None]
    assert slammed and classify(slammed[0], doc).code[:2] == "11"


def test_an_act_committed_to_needs_no_further_corroboration(coder):
    # "finance" alone (prior 0.55) needs the classifier to agree; under "agreed to" the commitment vouches for it
    unsure = _constant_classifier("14", none=0.5)
    classify = Classify(coder.lexicon, unsure)
    doc, cands = _candidates(coder, "Ankara and Baku agreed to jointly finance a new gas pipeline.")
    finance = [c for c in cands if doc[c.trigger].lemma_ == "finance"]
    assert finance and classify(finance[0], doc) is None
    decision = classify(finance[0], doc, announced=True)
    assert decision is not None and decision.code[:2] == "06"
    # declaring oneself ready to act commits as much
    doc, cands = _candidates(coder, "Zakharova said Russia was ready to help Baku and Yerevan.")
    helping = [c for c in cands if doc[c.trigger].lemma_ == "help"]
    assert helping and classify(helping[0], doc) is None
    decision = classify(helping[0], doc, announced=True)
    assert decision is not None and decision.code[:2] == "07"


def test_a_specific_pattern_sharpens_a_generic_code_of_its_root(coder, lexicon_only):
    # "called on" is an appeal (020, a multiword expression that outranks patterns); "* to release" says which
    doc, cands = _candidates(coder, "Tbilisi called on Minsk to release the detained journalist.")
    called = [c for c in cands if doc[c.trigger].lemma_ == "call" and c.target is not None]
    assert called and lexicon_only(called[0], doc).code == "0253"


def test_a_verbal_participle_clause_is_not_vetoed_as_no_event(coder):
    # A classifier sure that nothing is an event (0.95 "none"): a participle clause of accusation after the main
    # act is still coded; the same verb as a main verb is vetoed.
    classify = Classify(coder.lexicon, _constant_classifier("11", none=0.95))
    doc, cands = _candidates(coder, "Georgia recalled its ambassador from Moscow, accusing Russia of stirring unrest.")
    accusing = [c for c in cands if doc[c.trigger].lemma_ == "accuse" and c.target is not None]
    assert accusing and classify(accusing[0], doc).code == "112"
    doc, cands = _candidates(coder, "Georgia accused Russia of stirring unrest.")
    accused = [c for c in cands if doc[c.trigger].lemma_ == "accuse" and c.target is not None]
    assert accused and classify(accused[0], doc) is None


@pytest.mark.parametrize("text, pair, code, mirror", [
    ("Putin met Tokayev in Astana on Friday.", ("RUS", "KAZ"), "042", "043"),  # a visit, and its hosting
    ("Tokayev met Putin in Astana on Friday.", ("KAZ", "RUS"), "043", "042"),
    ("Erdogan and Aliyev met in Samarkand on Friday.", ("TUR", "AZE"), "044", None),  # a third place
    ("Putin met Tokayev on Friday.", ("RUS", "KAZ"), "040", None),  # no venue named
])
def test_a_meetings_venue_makes_it_a_visit_a_hosting_or_a_third_place(coder, lexicon_only, text, pair, code, mirror):
    from allegiance.coding.keys import actor_key

    doc, cands = _candidates(coder, text)
    met = [c for c in cands if doc[c.trigger].lemma_ == "meet" and c.target is not None
           and (actor_key(c.source.actor), actor_key(c.target.actor)) == pair]
    assert met
    decision = lexicon_only(met[0], doc)
    assert decision.code == code
    assert decision.reverse_code == mirror


def _constant_classifier(label: str, *, none: float):
    """A classifier that gives every trigger probability ``none`` of being no event, the rest to ``label``."""
    import numpy as np

    from allegiance.coding.classifier import EventClassifier

    return EventClassifier((label, "none"), np.zeros(0, dtype=np.int64), np.zeros((0, 2), dtype=np.float32),
                           np.array([0.0, np.log(none / (1 - none))], dtype=np.float32), 1024, {})


def test_a_verbs_bare_default_gives_way_to_a_sure_classifier(coder):
    # A classifier 0.85 sure of criticism (11): "called X 'a shabby little gesture'" has only the bare default of
    # "call" (a phone call, 041), which is no reading of it; an expression that read the construction keeps
    # its code ("called on X to", an appeal).
    critic = _constant_classifier("11", none=0.15)
    classify = Classify(coder.lexicon, critic)
    doc, cands = _candidates(coder, "Lavrov called Bulgaria's refusal a shabby little gesture.")
    called = [c for c in cands if doc[c.trigger].lemma_ == "call"]
    assert called and all(m.kind == "verb" for m in classify.lexicon_matches(called[0], doc))
    decision = classify(called[0], doc)
    assert decision is not None and decision.code[:2] == "11"
    doc, cands = _candidates(coder, "Ankara called on Moscow to extend the grain deal.")
    called = [c for c in cands if doc[c.trigger].lemma_ == "call" and c.target is not None]
    assert called and classify(called[0], doc).code == "020"


def test_fighters_arriving_somewhere_are_no_state_visit(coder):
    doc, cands = _candidates(coder, "Wagner fighters arrived in Belarus on Saturday.")
    arrived = [c for c in cands if doc[c.trigger].lemma_ == "arrive" and c.target is not None]
    assert arrived and all((d := coder.classify(c, doc)) is None or d.code[:2] != "04" for c in arrived)


def _codes(events_of, text):
    return {(r["source"].get("country"), (r["target"] or {}).get("country"), r["cameo"]) for r in events_of(text)[1]}


def test_h2_an_accusation_of_a_military_act_is_an_accusation(events_of):
    # "condemn"'s 111 patterns in PETRARCH's blame block no longer make "accused X of <military act>" criticism.
    codes = _codes(events_of, "Lukashenko accused NATO of building up its military near the borders of Belarus.")
    assert any(c[2].startswith("112") for c in codes) and not any(c[2] == "111" for c in codes)
    codes = _codes(events_of, "The EU condemned the killing of civilians by Russian forces.")
    assert any(c[2] == "111" for c in codes)


def test_h2_an_invitation_to_visit_is_an_appeal_to_meet(events_of):
    assert ("CHN", "RUS", "026") in _codes(events_of, "Xi invited Putin to visit China later this year.")


def test_h2_mediation_and_sitting_down_for_talks(events_of):
    codes = _codes(events_of, "Erdogan said Turkey had acted as a go-between for Moscow and Kyiv in the talks.")
    assert ("TUR", "RUS", "045") in codes and ("TUR", "UKR", "045") in codes
    codes = _codes(events_of, "Negotiators from Armenia and Azerbaijan sat down in Washington for a new round of talks.")
    assert ("ARM", "AZE", "046") in codes
    # a format that gathers states is no mediation
    codes = _codes(events_of, "The Astana format brings together Russia and Iran, the allies of Assad, and Turkey.")
    assert not any(c[2] == "045" for c in codes)


def test_h2_an_infinitive_reported_as_done_is_coded(events_of):
    # the classifier reads infinitives as no event (it learnt them from "refused to", "urged X to"); these are done
    assert ("TJK", "RUS", "041") in _codes(events_of, "Rahmon was one of the first foreign leaders to call Putin after the attack.")
    assert any(c[:2] == ("RUS", "ARM") and c[2].startswith("11") for c in _codes(
        events_of, "Armenia hosted an exercise with U.S. troops, prompting Moscow to summon Armenia's ambassador."))
    # an infinitive the context reads as unrealised stays uncoded
    assert not any(c[2].startswith("04") for c in _codes(events_of, "Rahmon wanted to call Putin after the attack."))


def test_h2_ratifying_is_a_formal_agreement(events_of):
    assert ("TUR", "FIN", "057") in _codes(events_of, "Turkey's parliament voted on Thursday to ratify Finland's membership.")


def test_h2_a_naming_verb_codes_the_judgement_it_pronounces(events_of):
    assert ("GBR", "RUS", "111") in _codes(events_of, 'Britain called the Russian veto "an act of self-harm".')
    assert ("RUS", "CHN", "051") in _codes(events_of, 'Putin called his Chinese counterpart "a dear friend".')
    assert ("UKR", "RUS", "111") in _codes(events_of, "Kyiv described the Russian move as a provocation.")
    # said of the relations themselves, a bad name is pessimism about them
    assert ("RUS", "JPN", "012") in _codes(
        events_of, "Zakharova painted a grim picture of ties with Tokyo, calling them the worst in decades.")
    # a phone call names nothing
    assert ("RUS", "TUR", "041") in _codes(events_of, "Lavrov called Erdogan on Sunday to discuss the grain deal.")


def test_h2_an_appeal_names_what_it_appeals_for(events_of):
    assert ("TUR", "ISR", "0256") in _codes(events_of, "Erdogan urged Israel to stop its bombardment of Gaza.")
    assert ("BRA", "RUS", "026") in _codes(events_of, "Lula urged Russia and Ukraine to sit down at the negotiating table.")
    assert ("IND", "UKR", "026") in _codes(
        events_of, "Jaishankar called on Russia and Ukraine to return to dialogue and diplomacy.")


def test_h2_the_lexicon_names_boycotts_releases_signings_and_what_is_alleged(events_of):
    assert ("UKR", "RUS", "143") in _codes(
        events_of, "Ukraine and Lithuania boycotted the OSCE meeting in Skopje in protest at Lavrov's presence.")
    assert ("BLR", "DEU", "0841") in _codes(events_of, "Belarus freed Rico Krieger, a German national on death row.")
    assert ("AZE", "RUS", "057") in _codes(events_of, "Azerbaijan and Russia signed a set of documents on energy cooperation.")
    assert ("IRN", "ISR", "1124") in _codes(events_of, "Iran accused Israel of war crimes in Gaza.")
    assert any(c[2] == "1411" for c in _codes(
        events_of, "Thousands of Armenians rallied in Yerevan on Thursday to demand the resignation of Nikol Pashinyan."))


def test_h2_a_meeting_on_the_sidelines_is_at_a_third_place(events_of):
    codes = _codes(events_of, "On the sidelines of the summit, Putin met Iranian President Ebrahim Raisi.")
    assert ("RUS", "IRN", "044") in codes and ("IRN", "RUS", "044") in codes


def test_h2_the_classifiers_root_alone_is_the_codebooks_generic_code():
    from allegiance.coding.acts import generic_code

    assert generic_code("07") == "070" and generic_code("19") == "190"
    assert generic_code("04") == "04"  # a consultation guessed alone is not doubled as an act of both sides


def test_h2_a_verdict_a_speaker_pronounces_judges(events_of):
    assert ("UZB", "RUS", "051") in _codes(events_of, "Mirziyoyev said Russia had always been a reliable partner for Uzbekistan.")
    assert ("RUS", "ARM", "111") in _codes(
        events_of, '"This is an unfriendly step," Peskov said of Armenia\'s decision to join the court.')
    # a negated verdict judges nothing, and a bare statement stays no event
    assert not _codes(events_of, "Lavrov said the talks with Turkey were not constructive.")


def test_h2_joining_or_leaving_a_body(events_of):
    keys, _ = events_of("Belarus joined the Shanghai Cooperation Organisation on Thursday.")
    assert ("BLR", "SCO", "05") in keys
    keys, _ = events_of("Pashinyan told parliament on Wednesday that Armenia would leave the CSTO.")
    assert ("ARM", "CSTO", "13") in keys


def test_h2_an_accusation_answered_in_a_relative_clause_is_a_denial(events_of):
    assert ("TJK", "KGZ", "016") in _codes(events_of, "Bishkek accused Dushanbe of a pre-planned aggression, a charge Tajikistan rejected.")


def test_h2_hitting_with_sanctions_is_no_attack(events_of):
    codes = _codes(events_of, "The European Union has hit Iran with fresh sanctions over the drones.")
    assert any(c[1] == "IRN" and c[2] == "163" for c in codes) and not any(c[2].startswith("19") for c in codes)
    assert any(c[2].startswith("19") for c in _codes(events_of, "Russian missiles hit Kyiv with devastating force."))


def test_h2_an_appeal_demand_or_threat_names_the_act_it_asks_for(events_of):
    from allegiance.coding.classify import asked_code

    assert asked_code("02", "0841") == "0253" and asked_code("10", "087") == "1056" and asked_code("10", "042") == "106"
    assert asked_code("02", "190") is None
    assert ("TJK", "RUS", "1053") in _codes(events_of, "Tajikistan demanded that Russia release the detained migrants.")
    assert ("RUS", "MDA", "1313") in _codes(events_of, "Moscow threatened to downgrade diplomatic ties with Chisinau.")
    assert ("USA", "GEO", "1311") in _codes(events_of, "Washington warned Tbilisi that it could freeze aid over the law.")


def test_h2_taking_part_in_an_exercise_and_appreciating_a_role(events_of):
    assert ("USA", "ARM", "062") in _codes(events_of, "U.S. troops took part in a ten-day exercise with the Armenian army.")
    keys, _ = events_of("Kazakhstan highly appreciates the role of the Eurasian Economic Union in the growth of trade.")
    assert ("KAZ", "EAEU", "05") in keys


def test_h2_leaders_who_discuss_a_matter_negotiate(events_of):
    codes = _codes(events_of, "Putin and Sheikh Mohamed discussed oil markets and trade, the Kremlin said.")
    assert ("RUS", "ARE", "046") in codes


def test_h2_trade_in_energy_is_economic_cooperation_and_helping_two_sides_settle_mediates(events_of):
    assert ("RUS", "UZB", "061") in _codes(events_of, "Russia began supplying natural gas to Uzbekistan through Kazakhstan.")
    assert ("DEU", "UKR", "0332") in _codes(events_of, "Germany will supply more air defence systems to Ukraine.")
    codes = _codes(events_of, "Zakharova said that Russia was ready to help Baku and Yerevan finalise the treaty.")
    assert ("RUS", "AZE", "039") in codes


def test_h2_a_rejection_names_the_act_it_refuses(events_of):
    assert any(c[:1] == ("BLR",) and c[2] == "1243" for c in _codes(
        events_of, "Minsk refused to release Ales Bialiatski, a Lithuanian citizen, despite pressure from Vilnius."))
    assert ("RUS", "USA", "125") in _codes(events_of, "Russia rejected a US proposal to resume talks on arms control.")
    # "crack down" far from "voted" is no voting down
    assert not any(c[2].startswith("12") for c in _codes(
        events_of, "Turkey's parliament voted to ratify Finland's membership after demands that Helsinki crack down on groups."))


def test_h2_a_protest_names_what_it_demands(events_of):
    assert any(c[2] == "1441" for c in _codes(
        events_of, "Supporters of Archbishop Bagrat Galstanyan blocked roads across Yerevan to demand Pashinyan's resignation."))
    assert any(c[2] == "1442" for c in _codes(
        events_of, "Farmers in Kostanay region blocked a highway with tractors to demand cheaper diesel."))


def test_h2_a_conversation_continued_into_the_night_is_no_advance(events_of):
    assert not any(c[2].startswith("19") for c in _codes(
        events_of, "Putin and Lukashenko continued their conversation late into the night, the Kremlin said."))


def test_h2_getting_the_red_carpet_is_a_visit(events_of):
    codes = _codes(events_of, "Putin gets red-carpet treatment in Beijing")
    assert ("RUS", "CHN", "042") in codes and ("CHN", "RUS", "043") in codes


def test_h2_the_classifier_reads_joining_a_body_and_a_ban_as_acts(coder):
    # handwritten training sentences (data/training/handwritten.tsv) for verbs it used to read as no event
    from allegiance import parse

    for text, word, root in (("Kazakhstan joined the Eurasian Economic Union in 2015.", "joined", "05"),
                             ("Latvia banned Russian-registered cars from its roads.", "banned", "16")):
        doc = next(parse.parse([text]))
        token = next(t for t in doc if t.text == word)
        assert coder.classify.classifier.predict(token, doc)[0][0] == root, text
