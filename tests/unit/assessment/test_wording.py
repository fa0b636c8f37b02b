"""The Assess mode's wording is assessment.yml's: every message and button the code asks for
is there, with exactly the placeholders the code fills, and nothing there goes unused."""

import ast
from pathlib import Path

import pytest

import kbs.assessment
from kbs.assessment.vocabulary import fill, load_vocabulary, placeholders
from kbs.catalogues import CatalogueError, parse

# Every module of the mode but the one that defines say() and button().
CODE = sorted(p for p in Path(kbs.assessment.__file__).parent.glob("*.py")
              if p.name != "vocabulary.py")
VOCAB = load_vocabulary()


def uses(kind: str) -> list[tuple[str, str, set[str]]]:
    """(where, id, keywords) for every ``say(...)`` or ``button(...)`` call in the code; an
    id chosen between two (``say("a" if x else "b")``) counts as both."""
    found = []
    for path in CODE:
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(call, ast.Call) or not call.args:
                continue
            name = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
            if name != kind:
                continue
            where = f"{path.name}:{call.lineno}"
            keywords = {k.arg for k in call.keywords}
            first = call.args[0]
            ids = [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]
            for node in ids:
                assert isinstance(node, ast.Constant), f"{where}: the id must be written out"
                found.append((where, node.value, keywords))
    return found


MESSAGES = uses("say")
BUTTONS = uses("button")


def test_the_code_asks_for_messages_and_buttons():
    assert len(MESSAGES) > 60 and len(BUTTONS) > 15


@pytest.mark.parametrize("where, message_id, keywords", MESSAGES,
                         ids=[f"{w} {m}" for w, m, _ in MESSAGES])
def test_every_message_used_is_in_the_catalogue_with_its_placeholders_filled(
        where, message_id, keywords):
    assert message_id in VOCAB.messages, f"{where}: no message {message_id!r} in assessment.yml"
    assert placeholders(VOCAB.messages[message_id]) == keywords, where


@pytest.mark.parametrize("where, button_id, keywords", BUTTONS,
                         ids=[f"{w} {b}" for w, b, _ in BUTTONS])
def test_every_button_used_is_in_the_catalogue_with_its_placeholders_filled(
        where, button_id, keywords):
    assert button_id in VOCAB.buttons, f"{where}: no button {button_id!r} in assessment.yml"
    assert placeholders(VOCAB.buttons[button_id].title) == keywords, where


def test_nothing_in_the_catalogue_goes_unused():
    assert set(VOCAB.messages) - {m for _, m, _ in MESSAGES} == set()
    assert set(VOCAB.buttons) - {b for _, b, _ in BUTTONS} == set()


def test_the_prompts_have_the_placeholders_the_dialogue_fills():
    assert placeholders(VOCAB.intro) == {"emergency"}
    assert placeholders(VOCAB.level_lead) == {"level", "name"}
    assert placeholders(VOCAB.prompts["offer"].question) == {"who"}


def test_a_message_given_the_wrong_values_fails_loudly():
    with pytest.raises(KeyError, match="reference"):
        fill("Saved under {reference}.", "saved", {"version": 2})


def test_a_placeholder_that_is_not_a_plain_name_is_refused_naming_the_line():
    path = Path(kbs.assessment.vocabulary.VOCABULARY_FILE)
    text = path.read_text(encoding="utf-8").replace(
        "Starting version {version} of the profile for {reference}.",
        "Starting version {version.number} of the profile for {reference}.", 1)
    node = parse(text, path).get("messages").get("started")
    with pytest.raises(CatalogueError, match=r"line \d+: field 'messages.started'"):
        kbs.assessment.vocabulary._wording(node)
