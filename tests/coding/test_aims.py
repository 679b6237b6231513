"""Places standing for states (``aims``): where a thing acted on lies, and where an event is merely held."""


def test_a_gathering_abroad_is_no_target_of_declining_it(events_of):
    keys, _ = events_of("Kazakh President Tokayev declined an invitation to a climate conference in Norway on Monday.")
    assert not any(target == "NOR" for _, target, _ in keys)


def test_an_event_held_somewhere_is_the_setting_of_an_act(events_of):
    keys, _ = events_of("At the regional forum in Bishkek, Armenia signed a memorandum on customs on Friday.")
    assert not any(target == "KGZ" for _, target, _ in keys)


def test_attending_an_event_somewhere_is_a_trip_there(events_of):
    keys, _ = events_of("Mongolian President Khurelsukh accepted an invitation to attend the forum in Vladivostok.")
    assert any(source == "MNG" and target == "RUS" for source, target, _ in keys)


def test_a_thing_in_the_city_of_a_place_stands_for_its_state(events_of):
    keys, _ = events_of("Ukrainian drones struck an oil depot in the city of Belgorod overnight, "
                        "a depot that supplies the war in Ukraine.")
    assert ("UKR", "RUS", "19") in keys
    assert not any(source == "UKR" and target == "UKR" for source, target, _ in keys)
