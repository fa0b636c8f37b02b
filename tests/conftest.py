import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def kbs() -> str:
    """The installed `kbs` console command of the environment running the tests."""
    return str(Path(sys.executable).with_name("kbs"))
