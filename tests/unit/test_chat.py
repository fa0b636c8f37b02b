"""A message's wording read from a catalogue's ``messages`` section (kbs.chat)."""

import pytest
import yaml

from kbs.catalogues import CatalogueError, parse
from kbs.chat import Button, Message, link, read_wording
from kbs.paths import CATALOGUES_DIR
from tests.conftest import ROOT
from tests.unit.discuss.test_wording import strings
from tests.unit.discuss.wording import REASSURANCE

WORDING = """
messages:
  hello:
    text: >-
      Hello {name},
      welcome.
  two:
    text: ["First {name}.", "Second."]
    buttons:
      - {title: "Go {name}", payload: /go}
"""


def test_a_message_is_filled_in_and_its_paragraphs_kept_apart():
    wording = read_wording(parse(WORDING, "test.yml").get("messages"))
    assert wording["hello"].say(name="Sam") == Message("Hello Sam, welcome.")
    assert wording["two"].say(name="Sam") == Message("First Sam.\n\nSecond.",
                                                      (Button("Go Sam", "/go"),))


def test_a_message_without_text_names_the_file_line_and_field():
    with pytest.raises(CatalogueError, match=r"test.yml, line 2: field 'messages.hello.text' "
                                             "is missing"):
        read_wording(parse("messages:\n  hello:\n    buttons: []\n", "test.yml")
                     .get("messages"))


@pytest.mark.parametrize("path", [CATALOGUES_DIR / "rehearsal.yml", CATALOGUES_DIR / "lookup.yml",
                                  ROOT / "bot" / "domain" / "core.yml"], ids=lambda p: p.name)
def test_no_wording_reassures(path):
    for said in strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
        assert not REASSURANCE.search(said), said


def test_a_link_is_markdown_whose_address_ends_where_the_link_does():
    assert link("NICE QS37", "https://nice.org.uk/qs37") == \
        "[NICE QS37](https://nice.org.uk/qs37)"
    assert link("A (bracketed) page", "https://example.org/a (b)") == \
        "[A (bracketed) page](https://example.org/a%20%28b%29)"
