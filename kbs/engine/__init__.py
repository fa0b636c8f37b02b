"""The Infant Care Profile engine: plain Python, no Rasa, quick to import.

Answers in (a dict or file following docs/PROFILE-FORMAT.md), profile out:

    profile = score(load_answers("answers.yml"))
    profile.to_dict()                     # the spec's JSON keys
    render_profile(profile, load_routes())  # the text a practitioner reads
    compare(old_answers, new_answers)      # re-assessment
    catalogue_version()                    # which scoring catalogue gave the result
"""

from kbs.engine.answers import Answers, load_answers, parse_answers
from kbs.engine.catalogue import load_catalogue
from kbs.engine.catalogue_version import catalogue_version
from kbs.engine.compare import Comparison, compare
from kbs.engine.errors import AnswersError, EngineInputError
from kbs.engine.profile import Profile, score
from kbs.engine.report import render_comparison, render_profile
from kbs.engine.routes_config import load_routes

__all__ = [
    "Answers",
    "AnswersError",
    "Comparison",
    "EngineInputError",
    "Profile",
    "catalogue_version",
    "compare",
    "load_answers",
    "load_catalogue",
    "load_routes",
    "parse_answers",
    "render_comparison",
    "render_profile",
    "score",
]
