import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from allegiance.coding.when import event_date, find_dates, lead_dates

PUB = dt.date(2022, 10, 14)  # Friday


def one(text, pub=PUB):
    found = find_dates(text, pub)
    assert len(found) == 1, found
    return found[0].date, found[0].precision


def test_weekday_is_the_latest_one_on_or_before_publication():
    assert one("Putin met Rahmon on Monday.") == (dt.date(2022, 10, 10), "day")
    assert one("They met on Friday.") == (PUB, "day")
    assert one("They met last Friday.") == (dt.date(2022, 10, 7), "day")


def test_relative_days_and_periods():
    assert one("He arrived yesterday.") == (dt.date(2022, 10, 13), "day")
    assert one("Russia said last month it may act.") == (dt.date(2022, 9, 1), "month")
    assert one("Sanctions were imposed last year.") == (dt.date(2021, 1, 1), "year")
    assert one("Talks were held three days ago.") == (dt.date(2022, 10, 11), "day")


def test_day_month_without_year_is_not_far_in_the_future():
    assert one("On September 16 the leaders met.") == (dt.date(2022, 9, 16), "day")
    assert one("On December 20 the leaders met.") == (dt.date(2021, 12, 20), "day")
    assert one("on 16 September 2021") == (dt.date(2021, 9, 16), "day")


def test_years_and_months():
    assert one("In 1991 the Soviet Union collapsed.") == (dt.date(1991, 1, 1), "year")
    assert one("It happened in March 2014.") == (dt.date(2014, 3, 1), "month")


def test_may_the_verb_is_no_date():
    assert find_dates("Russia may respond to the sanctions.", PUB) == []


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2040, 12, 31)))
def test_full_dates_round_trip(day):
    text = f"The treaty was signed on {day.strftime('%B')} {day.day}, {day.year}, in Minsk."
    assert one(text, dt.date(2041, 1, 1)) == (day, "day")
    assert one(f"signed {day.isoformat()} in Minsk", dt.date(2041, 1, 1)) == (day, "day")


def test_event_date_prefers_the_sentence_then_the_paragraph_then_publication():
    sentence = find_dates("Rahmon met Putin on Monday.", PUB)
    paragraph = find_dates("In March 2014, Russia annexed Crimea.", PUB)
    assert event_date(sentence, paragraph, 12, PUB) == (dt.date(2022, 10, 10), "day")
    assert event_date([], paragraph, 0, PUB) == (dt.date(2014, 3, 1), "month")
    assert event_date([], [], 0, PUB) == (PUB, "published")
    assert event_date([], [], 0, None) == (None, None)


def test_day_offsets_and_target_years():
    assert one("The meeting came a day after Putin sat down with Xi.") == (dt.date(2022, 10, 13), "day")
    assert find_dates("Russia will supply gas by 2030.", PUB) == []
    assert find_dates("Exports will double in 2030.", PUB) == []


def test_a_since_date_never_dates_the_act():
    text = "Lukashenko, who has ruled Belarus since 1994, criticised Warsaw on Monday."
    dates = find_dates(text, PUB)
    assert event_date(dates, [], text.index("criticised"), PUB) == (dt.date(2022, 10, 10), "day")
    text = "Aliyev, in power since 2003, criticised Paris."
    assert event_date(find_dates(text, PUB), [], text.index("criticised"), PUB) == (PUB, "published")


def test_month_and_year_without_a_preposition():
    assert one("He claimed victory in an August 2020 election.") == (dt.date(2020, 8, 1), "month")
    assert one("The March 2014 referendum was not recognised.") == (dt.date(2014, 3, 1), "month")


def test_a_month_with_its_year_said_in_words():
    assert one("The talks collapsed in March last year.") == (dt.date(2021, 3, 1), "month")
    assert one("They first met in November of last year.") == (dt.date(2021, 11, 1), "month")
    assert one("The plant opens in December this year.") == (dt.date(2022, 12, 1), "month")


def test_the_dateline_date_is_not_an_event_date():
    text = "Kazakhstan recalls envoy\n\nBy Astana Desk\n\nASTANA, Oct 14 (Reuters) - Kazakhstan recalled its envoy on Wednesday."
    found = find_dates(text, PUB)
    assert [d.text for d in found] == ["on Wednesday"]
    assert event_date(found, [], text.index("recalled"), PUB) == (dt.date(2022, 10, 12), "day")


def test_a_planned_date_dates_the_plan_by_its_announcement():
    text = "Tokayev will travel to Beijing next week."
    assert event_date(find_dates(text, PUB), [], text.index("travel"), PUB) == (PUB, "published")
    text = "Exercises will run from October 3 until October 28."
    assert event_date(find_dates(text, PUB), [], 0, PUB) == (dt.date(2022, 10, 3), "day")


def test_the_timeline_carries_the_story_day_forward_but_not_back():
    from allegiance.coding.when import Timeline

    timeline = Timeline(PUB)
    assert timeline.current == []
    timeline.read(find_dates("Putin said on Wednesday that troops would stay.", PUB))
    assert timeline.current[0].date == dt.date(2022, 10, 12)
    timeline.read(find_dates("Aliyev had complained on Monday, and in March 2021 too.", PUB))
    assert timeline.current[-1].date == dt.date(2022, 10, 12)  # a flashback does not move the story back
    assert event_date([], timeline.current, 0, PUB) == (dt.date(2022, 10, 12), "day")
    timeline.read(find_dates("Kyiv replied on Thursday. Talks are due next Tuesday.", PUB))
    assert timeline.current[0].date == dt.date(2022, 10, 13)
    assert event_date([], timeline.current, 0, PUB) == (dt.date(2022, 10, 13), "day")


def test_a_month_just_ahead_is_the_coming_one():
    assert one("Talks are due to resume in November.") == (dt.date(2022, 11, 1), "month")
    assert one("Clashes broke out in March.") == (dt.date(2022, 3, 1), "month")
    may = dt.date(2022, 5, 10)
    assert one("Clashes broke out in October.", may) == (dt.date(2021, 10, 1), "month")
    assert one("Talks are due in July.", may) == (dt.date(2022, 7, 1), "month")
    text = "The ministers agreed on Tuesday to meet again in December."
    assert event_date(find_dates(text, PUB), [], text.index("agreed"), PUB) == (dt.date(2022, 10, 11), "day")


def test_a_planned_weekday_is_the_coming_one():
    assert one("Armenia will hold exercises with US troops from Monday.") == (dt.date(2022, 10, 17), "day")
    assert one("Shoigu is due in Pyongyang on Tuesday.") == (dt.date(2022, 10, 18), "day")
    assert one("Lavrov will visit Ankara, the ministry said on Monday.") == (dt.date(2022, 10, 10), "day")
    assert one("Putin said on Monday that Russia will respond.") == (dt.date(2022, 10, 10), "day")


def test_this_year_runs_up_to_publication():
    assert one("They met for the third time this year.") == (PUB, "year")
    assert one("Trade grew earlier this year.") == (PUB, "year")
    assert one("Trade fell last year.") == (dt.date(2021, 1, 1), "year")


def test_a_heading_takes_the_leads_first_day_else_what_the_lead_dates() -> None:
    lead = find_dates("Putin met Tokayev on Monday and they spoke again on Wednesday, after talks in August.", PUB)
    assert [(d.date, d.precision) for d in lead_dates(lead, PUB)] == [(dt.date(2022, 10, 10), "day")]
    vague = find_dates("The two sides have quarrelled since June and met last month.", PUB)
    assert [(d.date, d.precision) for d in lead_dates(vague, PUB)] == [(dt.date(2022, 9, 1), "month")]
    assert lead_dates(find_dates("They will meet next Tuesday.", PUB), PUB) == []


def test_a_span_of_years_dates_nothing_by_its_first_year():
    assert find_dates("Kazakhstan chaired the bloc in 2021–2022 and handed over to China.", PUB) == []
    assert find_dates("Trade grew in 2021-22.", PUB) == []
    assert one("Trade grew in 2021.") == (dt.date(2021, 1, 1), "year")


def test_earlier_in_the_year_is_this_year_up_to_publication():
    assert one("Guterres declined an invitation to a summit earlier in the year.") == (PUB, "year")
    assert one("The envoys met earlier in the month.") == (dt.date(2022, 10, 1), "month")


def test_a_paragraph_lends_its_day_not_a_year_mentioned_in_passing():
    earlier = find_dates("On Thursday Modi and Xi spoke briefly, their first conversation since a clash in 2020.", PUB)
    assert event_date([], earlier, 0, PUB) == (dt.date(2022, 10, 13), "day")
    background = find_dates("Russia annexed Crimea in March 2014.", PUB)  # no day: the paragraph's backdrop
    assert event_date([], background, 0, PUB) == (dt.date(2014, 3, 1), "month")


def test_exactly_so_long_ago_is_a_day():
    assert one("Exactly two months ago the mercenaries seized Rostov.") == (dt.date(2022, 8, 14), "day")
    assert one("Two months ago the mercenaries seized Rostov.") == (dt.date(2022, 8, 1), "month")
    assert one("exactly a year ago") == (dt.date(2021, 10, 14), "day")


def test_a_day_counted_from_the_date_just_told() -> None:
    text = "Kyiv accused Minsk on October 3 of massing troops, a charge Belarus rejected the following day."
    found = find_dates(text, PUB)
    assert [(d.date, d.precision) for d in found] == [(dt.date(2022, 10, 3), "day"), (dt.date(2022, 10, 4), "day")]
    assert event_date(found, [], text.index("rejected"), PUB) == (dt.date(2022, 10, 4), "day")
    text = "On Tuesday a ceremony was held for Tokayev, who had landed in Baku the previous evening."
    assert [d.date for d in find_dates(text, PUB)] == [dt.date(2022, 10, 11), dt.date(2022, 10, 10)]
    text = "Armenia filed its complaint on Sept. 30 and withdrew it two days later."
    assert find_dates(text, PUB)[-1].date == dt.date(2022, 10, 2)


def test_a_day_counted_from_a_month_or_from_nothing() -> None:
    text = "Washington accused Tehran last month of arming Moscow, a claim Iran denied the next day."
    assert [(d.date, d.precision) for d in find_dates(text, PUB)] == [(dt.date(2022, 9, 1), "month")] * 2
    assert find_dates("The envoy left the next morning.", PUB) == []  # a day not yet come
    assert one("The envoy had arrived the day before.") == (dt.date(2022, 10, 13), "day")
    assert find_dates("He arrived the day before the vote.", PUB) == []


def test_last_with_a_month_ahead_of_publication_is_last_year() -> None:
    july = dt.date(2023, 7, 5)
    assert one("At last September's summit, Iran signed a memorandum.", july) == (dt.date(2022, 9, 1), "month")
    assert one("Talks are due to resume in September.", july) == (dt.date(2023, 9, 1), "month")


def test_a_pages_time_stamp_is_no_day_of_the_story() -> None:
    pub = dt.date(2023, 5, 14)  # a Sunday
    stamp = "By Foreign Desk\nPUBLISHED: 08:05, Sun, May 14, 2023 | UPDATED: 11:20, Sun, May 14, 2023"
    assert find_dates(stamp, pub) == []
    assert find_dates("Last updated 14 May 2023", pub) == []
    text = stamp + "\n\nTroops shelled the town on Saturday."
    assert [d.text for d in find_dates(text, pub)] == ["on Saturday"]
    # a time of day opening a line of prose is no stamp
    assert [d.text for d in find_dates("11:20 GMT: troops shelled the town on Saturday.", pub)] == ["on Saturday"]


def test_hours_later_is_the_day_told_last_even_a_flashback() -> None:
    from allegiance.coding.when import Timeline

    timeline = Timeline(PUB)
    timeline.read(find_dates("Officials said on Thursday that the unrest was over.", PUB))
    timeline.read(find_dates("Protesters stormed the city hall on Monday.", PUB))  # a flashback
    text = "Hours later, the president declared a state of emergency."
    assert event_date(find_dates(text, PUB), timeline.current, text.index("declared"), PUB) == (dt.date(2022, 10, 10), "day")
    # a sentence that gives no date of any kind stays on the story's day
    assert event_date([], timeline.current, 0, PUB) == (dt.date(2022, 10, 13), "day")
    text = "The group claimed the bombing within hours."
    assert event_date(find_dates(text, PUB), [], 0, PUB) == (PUB, "published")
    text = "Troops crossed the border on Tuesday, and the same night Minsk recalled its envoy."
    assert event_date(find_dates(text, PUB), [], text.index("recalled"), PUB) == (dt.date(2022, 10, 11), "day")


def test_a_sentence_that_dates_only_a_plan_is_told_on_the_story_day() -> None:
    monday = find_dates("Clashes broke out on Monday.", PUB)
    text = "The two foreign ministers are due to meet in Minsk next Tuesday."
    assert event_date(find_dates(text, PUB), monday, text.index("meet"), PUB) == (PUB, "published")
    text = "Mirziyoyev is due in Astana early next month."
    assert event_date(find_dates(text, PUB), monday, text.index("due"), PUB) == (PUB, "published")
    # a day of its own still dates it: the announcement
    text = "Baku said on Wednesday that talks would resume next week."
    assert event_date(find_dates(text, PUB), monday, text.index("resume"), PUB) == (dt.date(2022, 10, 12), "day")


def test_a_bare_month_ahead_is_no_sure_plan() -> None:
    july = dt.date(2023, 7, 8)
    monday = find_dates("Clashes broke out on Monday.", july)
    text = "They were handed over to Ankara in September."
    assert event_date(find_dates(text, july), monday, text.index("handed"), july) == (dt.date(2023, 7, 3), "day")


def test_later_this_week_is_still_to_come() -> None:
    text = "Chinese and Russian ships will hold joint firing drills later this week, the ministry said."
    assert find_dates(text, PUB)[0].date > PUB
    monday = find_dates("Clashes broke out on Monday.", PUB)
    assert event_date(find_dates(text, PUB), monday, text.index("hold"), PUB) == (PUB, "published")


def test_the_day_a_report_was_made_does_not_move_the_story_on() -> None:
    from allegiance.coding.when import Timeline

    timeline = Timeline(PUB)
    timeline.read(find_dates("Border guards clashed on Wednesday.", PUB))
    timeline.read(find_dates("Eleven soldiers were killed, the ministry said on Thursday.", PUB))
    assert timeline.current[-1].date == dt.date(2022, 10, 12)
    timeline.read(find_dates("The two presidents spoke on Thursday.", PUB))  # an act of that day does
    assert timeline.current[-1].date == dt.date(2022, 10, 13)
    # a report's date still dates its own sentence
    text = "Eleven soldiers were killed, the ministry said on Thursday."
    assert event_date(find_dates(text, PUB), [], text.index("said"), PUB) == (dt.date(2022, 10, 13), "day")


def test_the_same_day_is_not_a_day_counted_in_passing() -> None:
    from allegiance.coding.when import Timeline

    timeline = Timeline(PUB)
    timeline.read(find_dates("On Wednesday a ceremony was held for Aliyev, who had landed the previous evening.", PUB))
    text = "On the same day, Aliyev laid a wreath."
    assert event_date(find_dates(text, PUB), timeline.current, text.index("laid"), PUB) == (dt.date(2022, 10, 12), "day")


_DATE_WORDS = ["on", "in", "the", "last", "next", "this", "same", "day", "days", "later", "Monday", "monday", "night",
               "Tonight", "ago", "two", "a", "one", "since", "May", "may", "SEPT.", "Sept", "Jan", "24th", "2023",
               "1990s", "2021-03-04", "of", "year", "Week", "month", "hours", "within", "shortly", "afterwards",
               "Updated", "17:42,", "Thu", "KYIV,", "(Reuters)", "-", "previous", "evening", "before", "ı", "İn", "ſince",
               "DAY", "ＭＯＮＴＨ", "٣", "following", "morning", "that", "mid-", "early", "\n", ",",
               "the next day", "the previous evening", "the night before", "two days later", "hours later",
               "later that day", "the same night", "a day after", "Sept 24", "12 March", "in the 1990s", "THIS AFTERNOON",
               "3 weeks ago", "earlier this year", "Sep. 3rd, 2022", "KYIV, Sept 24 (Reuters) -", "PUBLISHED: 17:42, Thu, Jul 27, 2023"]


def _joined(words: list[str], separators: list[str], max_size: int):
    """Texts made of ``words``, each followed by one of ``separators``."""
    return (st.lists(st.tuples(st.sampled_from(words), st.sampled_from(separators)), max_size=max_size)
            .map(lambda parts: "".join(w + sep for w, sep in parts)))


@settings(max_examples=500)
@given(_joined(_DATE_WORDS, [" ", "\n"], 12))
def test_a_pattern_skipped_by_its_prefilter_would_have_found_nothing(text):
    from allegiance.coding import when

    low, digit = when._prefilter_inputs(text)
    patterns = dict(when.PATTERNS, dateline=when._DATELINE, stamp=when._STAMP, shift=when.SHIFT,
                    anaphor=when.ANAPHOR)
    assert set(patterns) == set(when._NEEDS)
    for kind, pattern in patterns.items():
        if pattern.search(text):
            assert when._could_match(kind, text, low, digit), (kind, text)


_ANY_PARTS = ["Monday", "days", "today", "Sunday's", "dayton", "agony", "agora", "ago", "AGO.", "Decree", "decade",
              "Mayor", "may", "janitor", "Kyiv", "yearly", "nightly", "weeK", "ＭＯＮＴＨ", "٣", "7", "ı", "İ", "ſep",
              "Oct.", "novel", "Augustine", "said", "the", "-", ",", "\n", "'"]


@settings(max_examples=500)
@given(_joined(_ANY_PARTS, ["", " ", "\n"], 8))
def test_the_any_prefilter_answers_as_its_pattern(text):
    from allegiance.coding import when

    low, digit = when._prefilter_inputs(text)
    assert when._has_any(text, low, digit) == (when._ANY.search(text) is not None), text


@settings(max_examples=300)
@given(_joined(_DATE_WORDS, [" ", "\n"], 12))
def test_prefilter_answers_kept_per_text_are_the_answers(text):
    from allegiance.coding import when

    low, digit = when._prefilter_inputs(text)
    seen: dict[int, bool] = {}
    for kind in list(when._NEEDS) * 2:
        assert when._could_match(kind, text, low, digit, seen) == when._could_match(kind, text, low, digit), (kind, text)
