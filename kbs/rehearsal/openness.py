"""How open a carer is to talking: a small scale every persona and move uses (its names, for
feedback, are in kbs/catalogues/rehearsal.yml)."""

LOWEST = 0
MOST = 5


def clamp(value: int) -> int:
    return max(LOWEST, min(MOST, value))
