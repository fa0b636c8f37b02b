import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent

# Hypothesis profiles (tests/unit/engine/test_properties.py). The normal run is "ci":
# derandomised, with no example database, so the same examples run every time and a random
# search never decides whether a run is green; the examples a search has found are kept as
# @example. "fuzz" explores afresh with many more examples: `make fuzz`, run before changing
# the engine. HYPOTHESIS_PROFILE chooses one (read here only: kbs/ reads the environment in
# kbs/ops/settings.py alone).
settings.register_profile("ci", derandomize=True, database=None, deadline=None,
                          max_examples=200, print_blob=True)
settings.register_profile("fuzz", derandomize=False, deadline=None, max_examples=2500,
                          print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def kbs() -> str:
    """The installed `kbs` console command of the environment running the tests."""
    return str(Path(sys.executable).with_name("kbs"))
