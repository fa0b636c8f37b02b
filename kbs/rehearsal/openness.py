"""How open a carer is to talking: a small scale every persona and move uses."""

LOWEST = 0
MOST = 5
LABELS = ["shut down", "guarded", "wary", "talking", "open", "trusting"]


def clamp(value: int) -> int:
    return max(LOWEST, min(MOST, value))


def label(value: int) -> str:
    return LABELS[value]
