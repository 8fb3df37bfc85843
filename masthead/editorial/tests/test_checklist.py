from masthead.editorial import checklist


def labels_failing(**fields):
    defaults = {
        "title": "Dam holds",
        "standfirst": "It held.",
        "section_chosen": True,
        "body": "Words.",
        "hero": {"alt_text": "A dam", "credit": "Jo/Ledger"},
    }
    return [c.label for c in checklist.run(**{**defaults, **fields}) if not c.passed]


def test_a_ready_story_passes_every_check():
    assert labels_failing() == []


def test_each_missing_piece_is_named():
    assert labels_failing(title="x" * 101) == ["Headline of 100 characters or fewer"]
    assert labels_failing(standfirst=" ") == ["Standfirst written"]
    assert labels_failing(section_chosen=False) == ["Section chosen"]
    assert labels_failing(hero={"alt_text": "A dam", "credit": ""}) == [
        "Alt text and credit on the hero image"
    ]
    assert labels_failing(hero=None) == ["Hero image chosen"]
    assert labels_failing(hero={"alt_text": "", "credit": "Jo/Ledger"}) == [
        "Alt text and credit on the hero image"
    ]
    assert labels_failing(body="![](a.jpg) and ![Map](b.png)") == [
        "Alt text on every picture in the body"
    ]
