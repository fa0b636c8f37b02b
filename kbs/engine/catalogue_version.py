"""The catalogue version: which scoring catalogue a profile was scored with.

A profile's result depends on the answers and on three data files only: the factors and
their points (factors.yml), the levels, floors and red flags (scoring.yml) and the wording
of wider-family steps and review items (suggestions.yml). Their version is a hash of the
three, so any change to them, made by anyone, is a new version without a number to bump.
Every saved profile records the version that scored it (kbs.store.profiles), `kbs
--version` prints it, and `kbs profile show` says when today's would score a saved
profile differently.
"""

from __future__ import annotations

import hashlib
from functools import cache

from kbs.engine.catalogue import FACTORS_FILE
from kbs.engine.rules import SCORING_FILE
from kbs.engine.suggestions import SUGGESTIONS_FILE

SCORING_FILES = (FACTORS_FILE, SCORING_FILE, SUGGESTIONS_FILE)
LENGTH = 12  # hexadecimal digits: plenty to tell versions apart, short enough to read


@cache
def catalogue_version() -> str:
    """The version of the catalogue this process scores with (read once, as the files are)."""
    digest = hashlib.sha256()
    for path in SCORING_FILES:
        # Line endings normalised: a checkout on Windows is the same catalogue.
        text = path.read_bytes().replace(b"\r\n", b"\n")
        digest.update(path.name.encode() + b"\0" + text + b"\0")
    return digest.hexdigest()[:LENGTH]
