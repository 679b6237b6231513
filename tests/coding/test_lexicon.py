from pathlib import Path

import pytest

from allegiance.coding.cameo import load_codebook
from allegiance.coding.lexicon import load_lexicon
from allegiance.coding.lexicon_io import read_petrarch, split_code
from allegiance.errors import DataFileError

REPO = Path(__file__).resolve().parents[2]


def _shared_dicts() -> Path | None:
    for base in (REPO.parent / "shared", Path("/work/shared")):
        d = base / "reference" / "dictionaries" / "petrarch2"
        if d.is_dir():
            return d
    return None


DICTS = _shared_dicts()
needs_shared = pytest.mark.skipif(DICTS is None, reason="PETRARCH dictionaries (../shared) are not available")

TOY = """\
# a small PETRARCH-style dictionary
&ARMS
+WEAPON
+MILITARY_AID
+&AMMO
&AMMO
+AMMUNITION
--- SEND  [---]  ---
SEND {SENDS SENT SENDING}
DISPATCH [070]
- * &ARMS (TO +)                    [072]   # SEND
- * FOOD                            [073]
- NOT * FOOD                        [---]
--- LASH OUT [111] ---
+LASH_OUT
- % * [030:030]
~ a (a b ATTACK) SAY = a b 015
- * (BROKEN                          [010]
"""


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def test_packaged_lexicon_sizes_and_codes(lexicon):
    stats = lexicon.stats()
    assert stats["patterns"] > 4000 and stats["verbs"] > 1500
    assert stats["nominal"] >= 80 and stats["multiword"] >= 40
    book = load_codebook()
    for block in lexicon.blocks:
        for entry in (*block.verbs, *block.patterns):
            for code in (entry.code, entry.reverse):
                assert code is None or code in book, (block.name, code)


def test_split_code():
    assert split_code("042:043") == ("042", "043")
    assert split_code(":054") == (None, "054")
    assert split_code("---") == (None, None)
    assert split_code("080!") == ("080", None)


def test_petrarch_reader_on_toy_file(tmp_path):
    path = tmp_path / "toy.verbs.txt"
    path.write_text(TOY)
    d = read_petrarch(path)
    assert [b.name for b in d.blocks] == ["send", "lash_out"]
    send = d.blocks[0]
    assert send.code is None and send.verbs[0].forms == ("sends", "sent", "sending")
    assert send.verbs[1].code == "070"
    assert [p.code for p in send.patterns] == ["072", "073", None]
    assert d.synsets["arms"] == (("weapon",), ("military", "aid"), ("ammunition",))
    lash = d.blocks[1].verbs[0]
    assert (lash.lemma, lash.after, lash.code) == ("lash", ("out",), "111")
    assert d.blocks[1].patterns[0].reverse == "030"
    assert d.skipped == 1 and len(d.rejected) == 1
    with pytest.raises(DataFileError):
        read_petrarch(path, strict=True)


def test_toy_dictionary_matches_through_the_same_loader(tmp_path, nlp):
    path = tmp_path / "toy.verbs.txt"
    path.write_text(TOY)
    lex = load_lexicon([path])
    doc = nlp("Iran sent ammunition to the rebels in Yemen.")
    best = lex.match(doc, doc[1])[0]
    assert (best.code, best.kind) == ("072", "pattern")
    assert doc[best.slot("target")].text == "rebels"
    doc = nlp("Iran did not send food.")
    assert lex.match(doc, doc[3])[0].code is None  # PETRARCH null pattern: not an event
    toks = "Iran sent food to Syria".split()
    assert lex.match(toks, 1)[0].code == "073"


def test_project_file_validation(tmp_path):
    bad = tmp_path / "verbs.yaml"
    bad.write_text('format: allegiance-verbs/1\nblocks:\n- {name: x, code: "0x2", verbs: [{lemma: x}], patterns: []}\n')
    with pytest.raises(DataFileError):
        load_lexicon([bad])
    bad.write_text("format: allegiance-verbs/1\nblocks:\n- {name: x, verbs: [{lemma: x}], patterns: [{pattern: '* (a', code: '010'}]}\n")
    with pytest.raises(DataFileError):
        load_lexicon([bad])


@pytest.mark.parametrize(
    "text, word, code",
    [
        ("Russia asked China for military aid on Monday.", "asked", "0232"),
        ("Iran accused Israel of attacking its embassy.", "accused", "1123"),
        ("The United States imposed sanctions on Russian banks.", "imposed", "163"),
        ("Tajikistan turned down the invitation to the summit.", "turned", "125"),
        ("India and China held talks in Beijing.", "held", "046"),
        ("The president rejected the proposal.", "rejected", "120"),
        # "on" in a multiword entry is the word, not YAML's boolean
        ("Oil workers went on strike to demand higher wages.", "went", "143"),
        ("Police cracked down on protesters.", "cracked", "175"),
        # a short pattern word matches inflections only: "(for)" is not "forces", "off" is not "office"
        ("Putin ordered the nuclear forces on special alert.", "ordered", "152"),
        ("Protesters stormed the mayor's office.", "stormed", "145"),
        ("The Kazakh president voiced pessimism about the talks.", "voiced", "012"),
        ("Tajikistan amnestied thousands of prisoners.", "amnestied", "0841"),
        # project families (scripts/data/lexicon_overrides.yaml): they beat PETRARCH patterns of equal length
        ("Rebels hijacked a passenger plane over the desert.", "hijacked", "181"),
        ("Gunmen killed three police officers in Dagestan.", "killed", "180"),
        ("Farmers blocked highways near Warsaw.", "blocked", "144"),
        ("The army fired missiles into the sea during drills.", "fired", "150"),
        ("Baku ordered a ceasefire in the region.", "ordered", "0871"),
        ("Georgia dropped plans to join the programme.", "dropped", "0832"),
        ("Turkey withdrew its peacekeepers from the island.", "withdrew", "1661"),
        ("Serbia opened a new railway crossing with Hungary.", "opened", "061"),
        ("Russia forcibly moved thousands of people into camps.", "moved", "201"),
        ("Kyrgyzstan adopted a law banning foreign funding of charities.", "adopted", "1721"),
        ("The president ordered police to open fire on the crowd.", "ordered", "175"),
        ("Berlin slams Moscow over the attack.", "slams", "111"),
        ("Armenia rejected the Russian claims as unfounded.", "rejected", "016"),
        ("Armenia handed over a shipment of humanitarian aid to Ukraine.", "handed", "073"),
        ("Belarus handed over two captured pilots to Poland.", "handed", "084"),
        ("Putin awarded Modi Russia's highest state honour.", "awarded", "017"),
        ("Riot police used tear gas against the crowd.", "used", "175"),
        ("A Moscow court charged four men with terrorism.", "charged", "173"),
        ("Kyiv called the decision an unfriendly act.", "called", "111"),
        ("Thousands rallied in Yerevan on Thursday.", "rallied", "141"),
        ("Azerbaijan sent a field hospital to Turkey.", "sent", "073"),
        ("Israel summoned Russia's ambassador on Friday.", "summoned", "114"),
        ("Estonia ordered Russia to cut the staff of its embassy.", "ordered", "161"),
        ("Wagner fighters have been training Belarusian special forces.", "training", "062"),
        ("Putin called off his visit to Ankara.", "called", "125"),
        # "off" is a word, not the start of "offer" (PETRARCH's "* off" of "call" is kept exact)
        ("Erdogan called Pashinyan to offer his condolences.", "called", "041"),
        ("Minsk denied the accusation.", "denied", "016"),
        ("EU hits Russian LNG in its 14th sanctions package", "hits", "163"),
        ("Germany freed Vadim Krasikov, a Russian intelligence officer.", "freed", "0841"),
        ("Niger said it was reviewing its relations with Kyiv.", "reviewing", "014"),
        ("Germany supplied tanks to Ukraine.", "supplied", "072"),
        ("Kazakhstan rejected Russia's request for troops.", "rejected", "120"),
        ("Armenia withdrew from the CSTO summit.", "withdrew", "161"),
        ("The ICC issued an arrest warrant for Putin.", "issued", "173"),
        ("Erdogan snubs Macron at the NATO summit.", "snubs", "125"),
        ("The bloc held the Russian regime responsible for his death.", "held", "112"),
        ("Britain summoned Russian embassy officials on Saturday.", "summoned", "114"),
        ("Moldova orders 45 Russian diplomats out over spying fears", "orders", "161"),
        ("Moscow calls the claims baseless.", "calls", "016"),
        ("Japan disbursed billions of dollars in budget support to Ukraine.", "disbursed", "071"),
        ("The EU removed two businessmen from its sanctions list.", "removed", "085"),
        ("Wagner fighters handed over their heavy weapons to the army.", "handed", "0873"),
        ("The EU probes Chinese subsidies for electric cars.", "probes", "090"),
        ("Orban stood up for the Kremlin at the summit.", "stood", "052"),
        # spaCy lemmatises "staged" as "stag": the entry lists the form
        ("China staged large-scale live-fire drills around Taiwan.", "staged", "150"),
        ("Kazakh activists staged a march in Almaty.", "staged", "141"),
        ("Minsk moved additional troops to the border.", "moved", "154"),
        ("Moscow broke off talks with Tokyo.", "broke", "164"),
        ("Russia and Belarus coordinated their positions before the meeting.", "coordinated", "050"),
        ("Tbilisi shrugged off calls from Brussels to drop the law.", "shrugged", "123"),
        ("Xi received Putin in Beijing.", "received", "043"),
        ("The Kremlin hit back at Washington over sanctions.", "hit", "111"),
        ("Lithuania blocked Russian transit to Kaliningrad.", "blocked", "163"),
        ("Police detained dozens of protesters in Almaty.", "detained", "173"),
        # families from the generalisation review: each verb of a family, not only the one in a dev sentence
        ("Militia fighters slaughtered dozens of farmers near the river.", "slaughtered", "202"),
        ("Guards mistreated detained journalists in the jail.", "mistreated", "1822"),
        ("Insurgents detonated a roadside bomb near the convoy.", "detonated", "1833"),
        ("Serbia sprang to Hungary's defence in the debate.", "sprang", "052"),
        # a projectile's impact is an aerial strike by whoever fired it, not criticism
        ("Drones slammed into an apartment block in Odesa.", "slammed", "195"),
        ("Officials slammed the decision as reckless.", "slammed", "111"),
        ("Cars slammed into the barrier on the bridge.", "slammed", None),
        ("Turkey shipped tents and blankets to Syria.", "shipped", "073"),
        ("Hungary froze its aid to Kyiv.", "froze", "162"),
        ("Moscow declared the German foundation undesirable.", "declared", "1721"),
        ("Kyiv refuted the allegations from Budapest.", "refuted", "016"),
        ("The two navies wrapped up their joint exercise in the Gulf.", "wrapped", "062"),
        ("Rebels kidnapped two aid workers.", "kidnapped", "181"),
        ("Moscow pinned the blame on Kyiv.", "pinned", "112"),
        ("Seoul and Tokyo clinched a deal on intelligence sharing.", "clinched", "057"),
        # families from the event-coding quality pass
        ("Cruise missiles struck a power plant near Lviv.", "struck", "195"),
        ("Glide bombs pounded the town for a third day.", "pounded", "195"),
        ("Jihadists shot scores of worshippers at the mosque.", "shot", "202"),
        ("The militia executed more than fifty villagers.", "executed", "202"),
        ("Gunmen killed dozens of soldiers at the base.", "killed", "180"),  # combatants: no massacre
        ("Tbilisi ruled out Turkish mediation.", "ruled", "126"),
        ("Baku ruled out talks with the separatists.", "ruled", "125"),
        ("Warsaw held Minsk solely responsible for the incident.", "held", "112"),
        # the exact code within the root: what an appeal, demand or threat names; visits; missile fire
        ("The Pope asked Moscow to free the detained priests.", "asked", "0253"),
        ("Ankara pressed both sides to settle the dispute.", "pressed", "027"),
        ("Tokyo demanded that Moscow withdraw its troops from the islands.", "demanded", "1056"),
        ("The opposition insisted that the minister resign.", "insisted", "1041"),
        ("Washington threatened Minsk with new sanctions.", "threatened", "1312"),
        ("Pyongyang warned that it would strike American bases.", "warned", "138"),
        ("Erdogan landed in Baku for talks with Aliyev.", "landed", "042"),
        ("Russia launched dozens of missiles at the port.", "launched", "194"),
        ("Azerbaijani guns shelled the village overnight.", "shelled", "194"),
        ("Estonia expelled two Russian diplomats.", "expelled", "161"),
        ("The president pardoned twelve jailed activists.", "pardoned", "0841"),
        ("Vilnius lodged a formal protest with Minsk.", "lodged", "114"),
        ("Kyiv accused Moscow of prolonging the war.", "accused", "112"),
        ("Baku threatened to walk out of the talks.", "threatened", "134"),
        ("Unions threatened mass protests over the reform.", "threatened", "133"),
        ("Tehran warned that it could blockade the strait.", "warned", "1381"),
        ("Ankara and Baku will boost bilateral trade.", "boost", "061"),
        ("Minsk and Moscow will practise joint landings.", "practise", "062"),
        ("Russia will deploy missiles in Belarus.", "deploy", "062"),
        ("Kyrgyz prosecutors opened a corruption investigation into the former minister.", "opened", "091"),
        ("Kyiv launched a war crimes probe into the shelling of the town.", "launched", "094"),
        ("Russia launched an attack on the town.", "launched", "190"),  # no investigation named
        ("The ombudsman investigated the torture of detainees in the prison.", "investigated", "092"),
        ("Students rallied in Bishkek against the new media law.", "rallied", "1412"),
        ("Blinken spoke to Aliyev by phone on Tuesday.", "spoke", "041"),
        ("Ukraine imposed martial law across the country.", "imposed", "1724"),
        ("The authorities imposed a curfew in Almaty.", "imposed", "1723"),
        # agreeing commits to what is agreed: an intent (03), whatever the complement
        ("Baku and Yerevan agreed to continue negotiations.", "agreed", "030"),
        ("The ministry declined to say whether the talks had ended.", "declined", "011"),
        ("The embassy refused to confirm the report.", "refused", "011"),
        ("Vilnius granted refugee status to the Belarusian journalist.", "granted", "075"),
        ("Kyiv welcomed the package and thanked the EU for its support.", "welcomed", "051"),
        ("Tokayev welcomed Putin to Astana.", "welcomed", "043"),
        ("Lavrov called the refusal a petty act of spite.", "called", "111"),
    ],
)
def test_verb_matches(lexicon, nlp, text, word, code):
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    assert lexicon.match(doc, token)[0].code == code


def test_nominal_and_multiword(lexicon, nlp):
    doc = nlp("The Russian airstrike on Idlib killed five people.")
    m = lexicon.match_nominal(doc[2])[0]
    assert m.code == "195" and doc[m.slot("target")].text == "Idlib"
    doc = nlp("Putin's visit to Dushanbe lasted two days.")
    m = lexicon.match_nominal(doc[2])[0]
    assert (m.code, doc[m.slot("source")].text, doc[m.slot("target")].text) == ("042", "Putin", "Dushanbe")
    doc = nlp("Rahmon gave Putin a dressing down in front of the cameras.")
    assert [m.code for m in lexicon.match_multiword(doc, doc[4])] == ["111"]
    doc = nlp("Russian troops pulled out of the city.")
    assert lexicon.match(doc, doc[2])[0].code == "087"
    doc = nlp("Serbian troops carried out mass killings in the valley.")
    assert lexicon.match_nominal(doc[5])[0].code == "202"  # "mass" makes a killing mass violence
    doc = nlp("Japan lodged a protest with Moscow.")
    assert lexicon.match_multiword(doc, doc[3])[0].code == "114"  # a diplomatic protest, not a demonstration
    doc = nlp("Washington pulled out of the treaty.")
    assert lexicon.match(doc, doc[1])[0].code == "161"


@needs_shared
def test_petrarch_cameo_dictionary_loads():
    lex = load_lexicon([DICTS / "CAMEO.2.0.txt"])
    assert lex.stats()["blocks"] == 397 and lex.stats()["patterns"] > 4600
    assert lex.has_verb("condemn") and lex.has_verb("shell")


@needs_shared
def test_petrarch_validation_dictionary_loads(nlp):
    d = read_petrarch(DICTS / "PETR.Validate.verbs.txt")
    assert len(d.blocks) > 250 and not d.rejected
    lex = load_lexicon([DICTS / "PETR.Validate.verbs.txt"])
    doc = nlp("Arnor abandoned diplomatic ties with Gondor.")
    assert lex.match(doc, doc[1])[0].code == "901"


def test_pattern_lines_and_project_overrides(tmp_path, lexicon, nlp):
    path = tmp_path / "verbs.yaml"
    path.write_text(
        "format: allegiance-verbs/1\n"
        "blocks:\n"
        "- name: ship\n"
        "  code: '061'\n"
        "  verbs: [{lemma: ship}]\n"
        "  patterns: ['* &arms (to +) [072:0231] # ship', {pattern: '* grain', code: '061'}]\n"
        "synsets: {arms: [rifle, tank_, air defence system]}\n"
    )
    lex = load_lexicon([path])
    p = lex.blocks[0].patterns[0]
    assert (p.code, p.reverse, p.note, p.pattern.text()) == ("072", "0231", "ship", "* &arms (to +)")
    doc = nlp("Germany shipped air defence systems to Kyiv.")
    assert lex.match(doc, doc[1])[0].code == "072"
    # generic PETRARCH verbs code nothing alone; verbs PETRARCH lacks were added by the project
    doc = nlp("Two soldiers died near the border.")
    assert lexicon.match(doc, doc[2]) == []
    doc = nlp("The EU urged Russia to withdraw its troops.")
    assert lexicon.match(doc, doc[2])[0].code == "0256"


def test_build_overrides_recode_drop_and_rank(tmp_path):
    import importlib.util
    script = Path(__file__).resolve().parents[2] / "scripts" / "build_lexicon.py"
    spec = importlib.util.spec_from_file_location("build_lexicon", script)
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    src = tmp_path / "verbs.txt"
    src.write_text("---  HIT   [190]  ---\nHIT\nGRAB [171]\n- &ARMS * [193:193] # battle\n- * (FOR) [042]\n"
                   "&ARMS\n+ROCKET\n")
    overrides = {"recode_verbs": {"grab": "181"},
                 "recode_patterns": [{"block": "hit", "pattern": "&arms *", "code": "193"},
                                     {"block": "hit", "pattern": "* (for)", "drop": True}],
                 "add_synsets": {"arms": ["shell"]},
                 "add_blocks": [{"name": "mine", "code": None, "verbs": [{"lemma": "hit"}], "patterns": ["* road [144]"]}]}
    doc, _, _ = build.build(src, overrides)
    assert [b["name"] for b in doc["blocks"]] == ["mine", "hit"]  # project first: it wins ties
    hit = doc["blocks"][1]
    assert list(hit["patterns"]) == ["&arms * [193] # battle"]
    assert {v["lemma"]: v["code"] for v in hit["verbs"]} == {"hit": "190", "grab": "181"}
    assert doc["synsets"]["arms"] == ["rocket", "shell"]
    with pytest.raises(SystemExit):
        build.build(src, {"recode_verbs": {"absent": "010"}})


def test_an_ultimatum_is_not_the_disarmament_it_demands(lexicon, nlp):
    doc = nlp("Baku gave the rebels a day to lay down their arms.")
    assert all(m.code != "0873" for m in lexicon.match(doc, doc[1]))


def test_an_according_to_phrase_is_no_word_of_the_act(lexicon, nlp):
    doc = nlp("Modi told Xi that peace mattered, according to an Indian readout.")
    assert [m.code for m in lexicon.match(doc, doc[1])] == ["010"]  # not "told ... to": a demand
    doc = nlp("Modi told Xi to withdraw his troops, according to an Indian readout.")
    assert lexicon.match(doc, doc[1])[0].code == "1056"


def test_a_reported_clause_with_its_own_subject_is_not_read_as_the_telling(lexicon, nlp):
    doc = nlp("Pashinyan told journalists that Armenia had no plans to leave the union.")
    assert [m.code for m in lexicon.match(doc, doc[1])] == ["010"]  # not "told ... to leave": an expulsion
    doc = nlp("Peskov said Kyiv was responsible for the attack.")  # a verdict stays the speaker's
    assert lexicon.match(doc, doc[1])[0].code == "112"


def test_receiving_arms_is_the_givers_act(lexicon, nlp):
    # "received ammunition from Prague": the giver provides military aid (072), a reverse-only reading
    doc = nlp("Kyiv received ammunition from Prague.")
    first = lexicon.match(doc, doc[1])[0]
    assert (first.code, first.reverse) == (None, "072")


def test_a_visit_named_by_a_noun_mirrors_as_hosting(lexicon, nlp):
    doc = nlp("Aliyev's state visit to China opened with a ceremony.")
    visit = next(t for t in doc if t.lemma_ == "visit")
    m = lexicon.match_nominal(visit)[0]
    assert (m.code, m.reverse) == ("042", "043")


def test_an_agreement_reached_is_both_sides_act(lexicon, nlp):
    doc = nlp("India reached an agreement with China on patrolling.")
    first = lexicon.match(doc, doc[1])[0]
    assert (first.code, first.reverse) == ("037", "037")


def test_efforts_stepped_up_are_no_military_posture(lexicon, nlp):
    doc = nlp("The European Union stepped up its mediation efforts.")
    verb = next(t for t in doc if t.text == "stepped")
    assert all(m.code is None or m.code[:2] != "15" for m in lexicon.match(doc, verb))


def test_h2_judgements_file_is_validated_and_read(tmp_path):
    from allegiance.coding.lexicon import load_judgements
    from allegiance.coding.phrases import read_judgements
    from allegiance.errors import DataFileError

    book = load_judgements()
    assert "call" in book.verbs
    assert book.code_of({"an", "act", "of", "self", "harm"}) == "111"
    assert book.code_of({"a", "dear", "friend"}) == "051"
    assert book.code_of({"friend", "provocation"}) is None  # words of two codes decide nothing
    assert book.code_of({"worst"}, of_relations=True) == "012"
    bad = tmp_path / "j.yaml"
    bad.write_text('format: allegiance-judgements/1\nverbs: [call]\ncodes: {"51x": [friend]}\n', encoding="utf-8")
    with pytest.raises(DataFileError):
        read_judgements(bad)


@pytest.mark.parametrize("text, verb, code", [
    # hyphenated pattern words, as the parser splits them
    ("The governor declared a counter-terrorism operation in the region.", "declared", "1724"),
    # an arrest of a minister is an arrest (173), not the abduction PETRARCH's "seize" patterns give (181)
    ("Baku arrested Ruslan Mirzoev, the former economy minister of the enclave, at a checkpoint.", "arrested", "173"),
    # an envoy stripped of accreditation: relations cut (161)
    ("Lithuania revoked the accreditation of the Belarusian envoy.", "revoked", "161"),
    ("Kyiv stripped the Iranian ambassador of his accreditation on Monday.", "stripped", "161"),
    # a plant or joint venture opened with another country is investment (061)
    ("Turkish and Kazakh companies opened a joint venture in Shymkent.", "opened", "061"),
    ("Chinese carmakers inaugurated an assembly plant near Tashkent.", "inaugurated", "061"),
    # welcoming a vote or a ruling praises it (051)
    ("The ministry welcomed the vote, calling it a contribution to peace.", "welcomed", "051"),
    # welcoming a state into a club praises it (051), no hosting
    ("The bloc's chairman welcomed Bolivia into the group of partner countries.", "welcomed", "051"),
    # "* call" is the noun: "what he called" in a clause below the verb is no appeal backed (032)
    ("Baku said it backed the measures taken by Ankara to protect what it called its sovereignty.", "backed", "050"),
    # fighters intercepting another's bombers show force (150); a mobilisation approved or announced is 154; an
    # envoy summoned, told in the passive, is 114
    ("Norwegian F-35s intercepted two Russian bombers over the Barents Sea.", "intercepted", "150"),
    ("Putin announced a partial mobilisation of reservists.", "announced", "154"),
    ("The Turkish envoy was summoned by the Greek foreign ministry.", "summoned", "114"),
    # gas supplies launched through a pipeline are trade (061)
    ("Turkmenistan launched supplies of gas to China through the new pipeline.", "launched", "061"),
    # military aircraft flying into another's airspace show force (150)
    ("Two Russian fighter jets flew into Finnish airspace near Loviisa.", "flew", "150"),
])
def test_project_patterns_read_the_act(lexicon, nlp, text, verb, code):
    doc = nlp(text)
    token = next(t for t in doc if t.text == verb)
    assert lexicon.match(doc, token)[0].code == code


def test_a_clause_with_its_own_subject_lends_no_words_to_the_verb(lexicon, nlp):
    # "as leaders meet" is another act: the PETRARCH pattern "* meet" (111) is no reading of the clash
    doc = nlp("Armenian and Azerbaijani troops clash near Sotk as diplomats meet in Washington")
    clash = next(t for t in doc if t.text == "clash")
    assert all(m.code is None or m.code[:2] != "11" for m in lexicon.match(doc, clash))
    doc = nlp("The president flew into Sochi on Monday.")
    assert all(m.code != "154" for m in lexicon.match(doc, doc[2]))  # a leader flying in is no deployment


@pytest.mark.parametrize("text, verb", [
    ("Mongolia held an exercise with Indian troops near Ulaanbaatar.", "held"),
    ("Serbian paratroopers took part in a week-long exercise with the Belarusian army.", "took"),
    ("Iran and Pakistan conducted joint naval exercises off Karachi.", "conducted"),
])
def test_exercises_with_a_partner_are_both_sides_cooperation(lexicon, nlp, text, verb):
    doc = nlp(text)
    token = next(t for t in doc if t.text == verb)
    first = lexicon.match(doc, token)[0]
    assert (first.code, first.reverse) == ("062", "062")


def test_framing_verbs_are_no_act_of_their_own(lexicon, nlp):
    # "voted to join" is the joining (coded at the infinitive), not an intent 030 of the vote itself
    doc = nlp("The Senate in Manila voted on Monday to approve the visiting forces pact.")
    voted = next(t for t in doc if t.text == "voted")
    assert all(m.code is None for m in lexicon.match(doc, voted) if m.kind == "verb")
    # declining to comment needs "to" right before the verb of saying, not a "saying" clause later on
    doc = nlp("Orban refused to sign the joint statement, saying it ignored Hungary's concerns.")
    refused = next(t for t in doc if t.text == "refused")
    assert all(m.code != "011" for m in lexicon.match(doc, refused))
    doc = nlp("The Elysee declined to say when Macron would travel to Beijing.")
    declined = next(t for t in doc if t.text == "declined")
    assert lexicon.match(doc, declined)[0].code == "011"
