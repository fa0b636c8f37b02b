"""The rehearsals written in tests/stories/test_rehearse.yml, for tests that replay them."""

from pathlib import Path

import yaml

STORIES = Path(__file__).resolve().parent / "stories" / "test_rehearse.yml"
GOOD_CURIOSITY = "good curiosity uncovers everything the mother who drinks is hiding"
PREMATURE_REASSURANCE = "premature reassurance with the mother who drinks uncovers nothing"
EARLY_FINISH = "choosing the father from the buttons, then finishing early"


def rehearsal_in(story_name: str) -> tuple[str, list[tuple[str, str]]]:
    """The persona id and the (intent, words) said to it before finishing."""
    story = next(s for s in yaml.safe_load(STORIES.read_text(encoding="utf-8"))["stories"]
                 if s["story"] == story_name)
    persona_id, turns = None, []
    for step in story["steps"]:
        for entity in step.get("entities") or []:
            persona_id = entity.get("persona", persona_id)
        if persona_id and "user" in step and step["intent"] != "finish":
            turns.append((step["intent"], step["user"].strip()))
    return persona_id, turns
