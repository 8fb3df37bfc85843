"""What the speaker ranker reads of each candidate (issue #25, the fifth pass).

Each test is one class of error found on polnear-train, written as a made-up
sentence: every person and place here is invented.
"""

from masthead.quotes import ranker
from masthead.quotes.attribute import Attributor
from masthead.quotes.extract import extract_quotes, prepare


def last_choice(text):
    masked, table, bounds, speech = prepare(text)
    made = []
    Attributor(masked, table, bounds, record=made).attribute_all(speech)
    _, kind, choice = made[-1]
    named = {
        e.name: dict(zip(ranker.FEATURES, f, strict=True)) for e, f in choice.candidates
    }
    return kind, choice, named


def test_a_name_that_qualifies_a_role_is_an_owner_not_a_subject():
    text = "Marlowe consultant Jonas Renner ran the count. Marlowe’s staff waited."
    assert ranker.possessive_at(text, 0)
    assert ranker.possessive_at(text, text.index("Marlowe’s"))
    assert not ranker.possessive_at(text, text.index("Jonas"))
    text = "Marlowe senior communications adviser Jonas Renner agreed."
    assert ranker.possessive_at(text, 0)
    # A verb after the name: the name is the subject.
    assert not ranker.possessive_at("Marlowe told campaign staff to wait.", 0)


def test_the_person_a_qualifying_name_introduces_is_the_he():
    text = (
        "Governor Tobias Marlowe won the county by nine points.\n\n"
        "Marlowe pollster Peter Renner saw the result coming weeks ago.\n\n"
        "“The numbers were there in June,” he said."
    )
    assert extract_quotes(text)[-1].speaker == "Peter Renner"
    _, _, named = last_choice(text)
    assert named["Tobias Marlowe"]["possessive"]


def test_a_name_after_someone_elses_verb_is_not_the_reporter():
    text = "Renner said Marlowe has kept in touch."
    assert not ranker._reporting(text, text.index("Marlowe"))
    assert ranker._reporting(text, 0)
    text = "“We kept in touch,” said Marlowe."
    assert ranker._reporting(text, text.index("Marlowe"))


def test_a_known_first_name_marks_a_person_and_a_lone_word_half_a_name():
    text = (
        "Peter Renner spoke after the Pine Hollow Fair. Renner was brief.\n\n"
        "“It went well,” he said."
    )
    _, _, named = last_choice(text)
    assert named["Peter Renner"]["given_name"]
    assert not named["Peter Renner"]["one_word"]
    for name, features in named.items():
        if name != "Peter Renner":
            assert not features["given_name"], name


def test_the_stored_weights_match_the_features():
    weights = ranker._stored_weights()
    assert set(weights) == set(ranker.KINDS)
    assert all(len(w) == len(ranker.FEATURES) for w in weights.values())
