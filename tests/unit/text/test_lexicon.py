"""The words every mode reads alike (kbs/catalogues/words.yml) are checked when read."""

import pytest

from kbs.catalogues import CatalogueError
from kbs.text.lexicon import WORDS_FILE, load_lexicon


def test_the_words_file_reads():
    lexicon = load_lexicon()
    assert {"not", "n't", "nobody"} <= lexicon.negations
    assert lexicon.gestation_weeks == (20, 45) and lexicon.birth_weight_kg == (0.2, 7)
    assert lexicon.drinks.units == "unit"


@pytest.mark.parametrize("change, field", [
    (("gestation_weeks: [20, 45]", "gestation_weeks: [45, 20]"), "plausible.gestation_weeks"),
    (("  units: unit", "  units: shot"), "drinks.units"),
    # a misspelt section is named where it stands (the loader names an unknown field first)
    (("mobility:", "mobile_words:"), "mobile_words"),
])
def test_a_mistake_names_the_file_line_and_field(tmp_path, change, field):
    broken = tmp_path / "words.yml"
    broken.write_text(WORDS_FILE.read_text(encoding="utf-8").replace(*change, 1),
                      encoding="utf-8")
    with pytest.raises(CatalogueError, match=rf"words.yml, line \d+: field '{field}'"):
        load_lexicon(broken)
