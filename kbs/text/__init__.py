"""The one reader of practitioners' words, for every mode.

- ``words``: a message as words and entity mentions; finding phrases; negation scope
- ``numbers``: lengths of time in weeks, weights in kg, counts
- ``amounts``: amounts of drink, as said
- ``lexicon``: the words every mode reads the same way (kbs/catalogues/words.yml)
- ``facts``: a sentence read once into ``Facts`` (age, gestation, birth weight, amounts,
  mobility, relations, negation), which the Assess and Discuss modes both apply
"""

from kbs.text.facts import AGE, BIRTH, Facts, Relation, read_facts

__all__ = ["AGE", "BIRTH", "Facts", "Relation", "read_facts"]
