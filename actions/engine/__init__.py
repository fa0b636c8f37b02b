"""The Infant Care Profile engine: plain Python, no Rasa, quick to import.

Answers in (a dict or file following PROFILE-SPEC.md), profile out:

    profile = score(load_answers("answers.yml"))
    profile.to_dict()                     # the spec's JSON keys
    render_profile(profile, load_routes())  # the text a practitioner reads
    compare(old_answers, new_answers)      # re-assessment
"""

from actions.engine.answers import Answers, load_answers, parse_answers
from actions.engine.catalogue import load_catalogue
from actions.engine.compare import Comparison, compare
from actions.engine.errors import AnswersError, CatalogueError, EngineInputError, RoutesError
from actions.engine.profile import Profile, score
from actions.engine.report import render_comparison, render_profile
from actions.engine.routes_config import load_routes

__all__ = [
    "Answers",
    "AnswersError",
    "CatalogueError",
    "Comparison",
    "EngineInputError",
    "Profile",
    "RoutesError",
    "compare",
    "load_answers",
    "load_catalogue",
    "load_routes",
    "parse_answers",
    "render_comparison",
    "render_profile",
    "score",
]
