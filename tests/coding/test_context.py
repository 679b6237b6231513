import pytest

from allegiance.coding.context import assess


def ctx(nlp, text, word):
    doc = nlp(text)
    return assess(next(t for t in doc if t.text == word))


@pytest.mark.parametrize(
    "text, word",
    [
        ("China has refrained from condemning Russia.", "condemning"),
        ("Xi did not mention Ukraine.", "mention"),
        ("Moscow denied attacking the convoy.", "attacking"),
        ("Kazakhstan refused to join the sanctions against Russia.", "join"),
        ("There were no talks between Baku and Yerevan.", "talks"),
        ("Kazakhstan said it would not send troops to support Russia.", "support"),
        ("Lavrov said Russia will never attack Finland.", "attack"),
    ],
)
def test_negated_and_refused_acts(nlp, text, word):
    c = ctx(nlp, text, word)
    assert c.negated and not c.coded


@pytest.mark.parametrize(
    "text, word, declines",
    [
        ("Armenia will not attend the summit in Minsk.", "attend", True),
        ("Baku won't sign the peace treaty this year.", "sign", True),
        ("Tokayev said Kazakhstan would not recognise the two republics.", "recognise", True),
        ("Armenia did not attend the summit in Minsk.", "attend", False),
        ("Minsk would not comment on the report.", "comment", False),  # not reported: no promise of anything
    ],
)
def test_a_negated_future_declines_the_act(nlp, text, word, declines):
    c = ctx(nlp, text, word)
    assert c.negated and c.refusal is declines


@pytest.mark.parametrize(
    "text, word",
    [
        ("Russia could invade Ukraine.", "invade"),
        ("Concerns are growing that Russia would cut gas supplies to Moldova.", "cut"),
        ("If Russia attacks, NATO will respond.", "attacks"),
        ("Russia is reportedly considering sanctions against Kazakhstan.", "considering"),
        ("Armenia might leave the CSTO.", "leave"),
        ("Will Russia attack Moldova?", "attack"),
        ("Moscow warned that any troops Paris sent to Ukraine would be destroyed.", "sent"),
    ],
)
def test_speculation_is_not_an_act(nlp, text, word):
    c = ctx(nlp, text, word)
    assert c.speculative and not c.coded


@pytest.mark.parametrize(
    "text, word",
    [
        ("Russia will send ammunition to Armenia.", "send"),
        ("Russia is going to send troops to Tajikistan.", "send"),
        ("Russia plans to send troops to Tajikistan.", "send"),
        ("China pledged to invest in Kyrgyzstan.", "invest"),
        # scheduled: what is due is a plan, coded as intent
        ("Negotiators from Moldova and the EU are due to meet in Brussels in July.", "meet"),
        ("Japarov is due to sign the border treaty in Tashkent next month.", "sign"),
    ],
)
def test_intent(nlp, text, word):
    c = ctx(nlp, text, word)
    assert c.intent and c.coded


def test_plain_acts_and_imminent_acts_are_asserted(nlp):
    assert ctx(nlp, "Rahmon accused Putin of neglect.", "accused").coded
    c = ctx(nlp, "Arnor is about to restore ties with Gondor.", "restore")
    assert c.coded and not c.intent


def test_undated_past_perfect_is_background(nlp):
    doc = nlp("By then Russia had attacked the convoy twice.")
    tok = next(t for t in doc if t.text == "attacked")
    assert assess(tok).background
    assert assess(tok, dated=True).coded


def test_reported_past_perfect_and_would_are_backshifted(nlp):
    # "said it had reached" reports "has reached"; "said it would send" reports "will send".
    doc = nlp("India said it had reached an agreement with China.")
    assert assess(next(t for t in doc if t.text == "reached")).coded
    doc = nlp("The CSTO said it would send peacekeepers to Kazakhstan.")
    ctx = assess(next(t for t in doc if t.text == "send"))
    assert ctx.coded and ctx.intent


def test_a_since_phrase_on_the_act_makes_it_background(nlp):
    from allegiance.coding.context import assess

    doc = nlp("Chinese and Russian bombers have patrolled the Sea of Japan together since 2019.")
    ctx = assess(next(t for t in doc if t.lemma_ == "patrol"))
    assert ctx.background and not ctx.coded


def test_an_intent_frame_without_an_object_of_its_own_frames_the_act(nlp):
    c = ctx(nlp, "Baku and Yerevan agreed to reopen their embassies.", "reopen")
    assert c.intent and c.frame is not None


def test_an_intent_frame_with_its_own_object_frames_nothing_away(nlp):
    c = ctx(nlp, "Aliyev and Pashinyan agreed to a ceasefire and to pull back their troops.", "pull")
    assert c.intent and c.frame is None


def test_a_past_tense_conjunct_does_not_share_the_reported_modal(nlp):
    text = "Zourabichvili said she would not recognise the results and accused Russia of rigging the vote."
    assert ctx(nlp, text, "accused").coded
    assert not ctx(nlp, text, "recognise").coded


@pytest.mark.parametrize("text, word", [
    ("Tokayev said Kazakhstan recognised neither Taiwan nor Kosovo.", "recognised"),
    ("Baku and Yerevan signed no agreement in Brussels.", "signed"),
])
def test_an_object_with_neither_or_no_negates_the_act(nlp, text, word):
    doc = nlp(text)
    ctx = assess(next(t for t in doc if t.text == word))
    assert ctx.negated and not ctx.coded


@pytest.mark.parametrize("text, word, background", [
    ("Moldova has repeatedly demanded the withdrawal of the Russian contingent.", "demanded", True),
    ("Kazakh opposition activists have long accused the authorities of crushing dissent.", "accused", True),
    ("Russian forces repeatedly shelled Kharkiv on Monday.", "shelled", False),  # a dated series of acts
    ("Moldova has demanded the withdrawal of the Russian contingent.", "demanded", False),
    ("Erdogan has kept close ties with Putin throughout the war.", "kept", True),
    ("Moscow and Pyongyang have dismissed such claims in the past.", "dismissed", True),
    ("Washington has urged New Delhi for months to use its influence with Moscow.", "urged", True),
    ("Russia has supplied weapons to Armenia over the years.", "supplied", True),
    ("Erdogan has kept close ties with Putin throughout the war, refusing to join the sanctions.", "refusing", True),
    ("Russia condemned the strike on Monday, accusing Kyiv of terrorism.", "accusing", False),
    ("Russian forces shelled Kharkiv for two months in the spring.", "shelled", False),
    ("Kyiv has shelled Donetsk for twelve hours.", "shelled", False),
])
def test_a_habit_in_the_perfect_is_background(nlp, text, word, background):
    doc = nlp(text)
    assert assess(next(t for t in doc if t.text == word)).background is background


def test_what_someone_is_invited_to_do_has_not_happened(nlp):
    doc = nlp("Putin invited the North Korean leader to pay his next visit to Moscow.")
    assert assess(next(t for t in doc if t.text == "pay")).speculative


@pytest.mark.parametrize(
    "text, word, coded",
    [
        ("Putin and Kim signed a treaty under which each side will come to the other's aid if attacked.", "come", False),
        ("The two sides agreed a plan by which Moscow would supply gas to Tashkent.", "supply", False),
        ("Putin and Kim signed a treaty under which each side will come to the other's aid if attacked.", "signed", True),
        ("Rosatom signed the contract that Putin praised on Monday.", "praised", True),
    ],
)
def test_the_terms_a_document_provides_for_are_no_act(nlp, text, word, coded):
    assert ctx(nlp, text, word).coded is coded


@pytest.mark.parametrize("text, word, coded", [
    ("Moscow said it would not return to the grain deal until Western nations lifted their restrictions.", "lifted", False),
    ("There is nothing to talk about until Russia stops bombing our cities, the official said.", "stops", False),
    ("The deal stays dead until the West meets Russia's demands.", "meets", False),
    ("Kyiv will resume talks once Moscow withdraws its troops.", "withdraws", False),
    ("Shelling continued until Russian forces withdrew from the village.", "withdrew", True),  # it happened
    ("Xi greeted Putin before the two leaders sat down for talks.", "sat", True),
    ("Kyiv will resume talks after Russia withdraws its troops.", "withdraws", False),
    ("Moscow will respond when NATO deploys troops in Finland.", "deploys", False),
    ("Russia will retaliate after Ukraine struck Belgorod on Monday.", "struck", True),
    ("Russia struck Kyiv when Zelensky met Biden.", "met", True),
])
def test_a_clause_of_time_on_an_act_yet_to_come_is_its_condition(nlp, text, word, coded):
    assert ctx(nlp, text, word).coded is coded


@pytest.mark.parametrize("text, word", [
    ("The United States accused Iran of delivering missiles to Russia.", "delivering"),
    ("Kyiv blamed Moscow for the attack on Odesa.", "attack"),
    ("Prosecutors charged the two men with spying for Russia.", "spying"),
    ("The US imposed sanctions on Iran after concluding that Tehran has sent missiles to Russia.", "sent"),
])
def test_what_an_accusation_alleges_is_the_accusers_claim_not_an_act(nlp, text, word):
    assert ctx(nlp, text, word).speculative


@pytest.mark.parametrize("text, word, head", [
    ("Minsk denied on Tuesday that its helicopters had crossed the border and accused Warsaw of lying.", "accused", "denied"),
    ("Sandu said she would not recognise the results and accused Russia of meddling.", "accused", "said"),
    ("Minsk said its helicopters crossed the border and landed near Brest.", "landed", "crossed"),  # shares the tense
    ("Zhang defended the abstention, saying sanctions cannot replace dialogue and urging Washington to talk.",
     "urging", "saying"),
])
def test_a_past_tense_cannot_share_a_reported_verbs_auxiliary(nlp, text, word, head):
    from allegiance.coding.context import conjoined_to

    doc = nlp(text)
    assert conjoined_to(next(t for t in doc if t.text == word)).text == head


def test_an_accusation_after_a_denial_of_a_past_perfect_is_coded(nlp):
    c = ctx(nlp, "Minsk denied on Tuesday that its helicopters had crossed the border and accused Warsaw of lying.", "accused")
    assert c.coded


@pytest.mark.parametrize("text, word, coded", [
    ("North Korea is under UN sanctions, which Russia once backed.", "backed", False),
    ("The two ministers had previously met in Washington under US auspices.", "met", False),
    ("A video posted by the embassy appeared to support the rebels' attack.", "support", False),
    ("Moscow seems to have moved troops to the border.", "moved", False),
    ("Russia once again accused Ukraine of shelling the plant.", "accused", True),
    ("Hamas will free the captives once conditions allow, Abu Marzouk said.", "free", True),
])
def test_a_former_act_or_a_hedged_one_is_no_news(nlp, text, word, coded):
    assert ctx(nlp, text, word).coded is coded


@pytest.mark.parametrize("text, word, background", [
    ("Bulgaria, which had initially said it would close its airspace, let the plane cross on Wednesday.", "close", True),
    ("Moscow had said it would respond if Helsinki joined the alliance.", "respond", True),
    ("Russia originally said it would send observers.", "send", True),
    ("Russia said on Monday it would send observers.", "send", False),  # the story's own news: an intent
])
def test_an_intent_stated_before_the_story_is_the_backdrop(nlp, text, word, background):
    c = ctx(nlp, text, word)
    assert c.background is background and c.intent is not background


@pytest.mark.parametrize("text, word, coded", [
    ("Japarov held talks with Putin at the state residence on Thursday, the Presidential Press Service reports.", "held", True),
    ("Tokayev met Xi in Astana, Kazinform reports.", "met", True),
    ("There were reports that Moscow has moved troops to the border.", "moved", False),  # a rumour, not a fact
])
def test_a_press_service_reporting_is_an_attribution_not_a_rumour(nlp, text, word, coded):
    assert ctx(nlp, text, word).coded is coded


@pytest.mark.parametrize("text, word, coded", [
    ("Analysts said Russia used the drills to signal its anger at Tokyo.", "used", False),
    ("Some experts say Beijing pressed Moscow to scale back the exercise.", "pressed", False),
    ("Officials said Russia fired missiles at Kyiv overnight.", "fired", True),  # a source for a fact, not a view
])
def test_what_commentators_say_happened_is_their_reading(nlp, text, word, coded):
    assert ctx(nlp, text, word).coded is coded


@pytest.mark.parametrize("text, word, coded", [
    ("Kyiv condemned Russia's alleged bombing of the hospital.", "bombing", False),
    ("Lukashenko discussed a possible visit to Moscow with Putin.", "visit", False),
    ("There is no evidence that Iran supplied missiles to Russia.", "supplied", False),
    ("Kyiv condemned Russia's bombing of the hospital.", "bombing", True),
])
def test_a_hedged_act_named_by_a_noun_or_a_claim_of_evidence_is_not_coded(nlp, text, word, coded):
    assert ctx(nlp, text, word).coded is coded


@pytest.mark.parametrize("text, word, coded", [
    ('"Why did Kyiv shell the plant?" Lavrov asked reporters on Monday.', "shell", False),
    ('"Kyiv shelled the plant," Lavrov told reporters on Monday.', "shelled", True),
    ("Russia shelled the plant on Monday, and Kyiv asked the IAEA to act.", "shelled", True),
])
def test_a_quoted_question_asks_and_reports_nothing(nlp, text, word, coded):
    assert ctx(nlp, text, word).coded is coded


@pytest.mark.parametrize("text, word, background", [
    ("India, which has kept up close defence ties with Moscow, sent a contingent of soldiers.", "kept", True),
    ("Iran, which has supplied drones to Russia, denied the report on Monday.", "supplied", True),
    ("The deal that Russia has signed with Iran covers energy.", "signed", False),  # restrictive: what deal
])
def test_a_perfect_set_off_in_a_relative_clause_describes_the_actor(nlp, text, word, background):
    assert ctx(nlp, text, word).background is background


@pytest.mark.parametrize(
    "text, word",
    [
        ("None of the Gulf monarchies has recognised the new government.", "recognised"),
        ("Neither Tokayev nor Mirziyoyev criticised the Kremlin.", "criticised"),
        ("No European leader attended the inauguration in Minsk.", "attended"),
        ("Nobody claimed the drone strike on the depot.", "claimed"),
    ],
)
def test_a_subject_that_names_no_one_negates_the_act(nlp, text, word):
    c = ctx(nlp, text, word)
    assert c.negated and not c.coded


@pytest.mark.parametrize(
    "text, word",
    [
        ("Erdogan's trip to Tehran was postponed at the last minute.", "trip"),
        ("The talks between Baku and Yerevan were cancelled after the shelling.", "talks"),
        ("The summit in Astana was called off because of the unrest.", "summit"),
    ],
)
def test_an_event_called_off_did_not_happen(nlp, text, word):
    c = ctx(nlp, text, word)
    assert c.negated and not c.coded


def test_an_event_that_went_ahead_or_a_subject_with_a_name_is_coded(nlp):
    assert ctx(nlp, "The talks between Baku and Yerevan were held in Almaty.", "talks").coded
    assert ctx(nlp, "Each of the leaders criticised the Kremlin.", "criticised").coded


@pytest.mark.parametrize(
    "text, word, background",
    [
        ("Russian and Chinese warships have sailed together through the strait every year since 2021.", "sailed", True),
        ("Kazakhstan and Uzbekistan hold border drills each summer.", "hold", True),
        ("Kazakhstan and Uzbekistan held border drills this summer.", "held", False),
    ],
)
def test_what_recurs_every_year_is_the_backdrop(nlp, text, word, background):
    assert ctx(nlp, text, word).background is background


@pytest.mark.parametrize(
    "text, word, coded",
    [
        ("Azerbaijan's shelling of the village was condemned by the OSCE.", "shelling", False),
        ("The Chinese visit to Minsk was welcomed by Lukashenko as historic.", "visit", False),
        ("Talks between the two foreign ministers were held in Almaty.", "Talks", True),
    ],
)
def test_an_act_a_passive_judges_is_its_topic(nlp, text, word, coded):
    assert ctx(nlp, text, word).coded is coded


@pytest.mark.parametrize(
    "text, word, coded",
    [
        ("Ankara said it had nothing against Sweden joining the alliance.", "joining", False),
        ("The Kremlin spoke about Armenia leaving the CSTO.", "leaving", False),
        ("Moscow is opposed to Moldova joining the European Union.", "joining", False),
        ("Lukashenko praised the help that Beijing has given to Belarus over the years.", "given", False),
        ("Lukashenko praised the help that Beijing gave Belarus on Monday.", "gave", True),
    ],
)
def test_what_a_stance_is_about_or_an_undated_perfect_it_names_is_no_act(nlp, text, word, coded):
    assert ctx(nlp, text, word).coded is coded


@pytest.mark.parametrize(
    "text, word, coded",
    [
        ("Tbilisi criticised Baku's decision to close the crossing.", "close", False),
        ("Moscow condemned the plan to deploy troops to Armenia.", "deploy", False),
        ("Finland announced a decision to close the border.", "close", True),
    ],
)
def test_an_infinitive_on_a_noun_another_verb_judges_is_its_topic(nlp, text, word, coded):
    assert ctx(nlp, text, word).coded is coded


@pytest.mark.parametrize(
    "text, word, coded",
    [
        ("Baku not only condemned the vote but also recalled its envoy.", "condemned", True),
        ("Minsk did not just criticise Vilnius, it expelled two diplomats.", "criticise", True),
        ("Minsk did not criticise Vilnius.", "criticise", False),
    ],
)
def test_not_only_says_the_act_and_more(nlp, text, word, coded):
    assert ctx(nlp, text, word).coded is coded


@pytest.mark.parametrize(
    "text, word, background",
    [
        ("Baku had warned Yerevan two days earlier.", "warned", False),
        ("Ankara had offered to mediate weeks before the talks collapsed.", "offered", False),
        ("Baku had warned Yerevan.", "warned", True),
    ],
)
def test_a_past_perfect_placed_by_its_distance_from_another_event_is_dated(nlp, text, word, background):
    assert ctx(nlp, text, word).background is background


@pytest.mark.parametrize(
    "text, word, intent",
    [
        ("Tokayev said the deal would help Kazakhstan export more grain.", "help", False),
        ("Kyiv said the new sanctions would weaken Russia's army.", "weaken", False),
        ("Tokayev said Kazakhstan would export more grain to China.", "export", True),
    ],
)
def test_what_a_measure_would_do_is_a_forecast_not_an_intent(nlp, text, word, intent):
    assert ctx(nlp, text, word).intent is intent


@pytest.mark.parametrize(
    "text, word",
    [
        ("Ankara is keen to keep close ties with Baku.", "keep"),
        ("Astana was reluctant to join the sanctions against Moscow.", "join"),
    ],
)
def test_a_wish_or_a_reluctance_is_no_act(nlp, text, word):
    c = ctx(nlp, text, word)
    assert c.speculative and not c.coded

