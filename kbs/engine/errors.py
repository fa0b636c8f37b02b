"""Errors for answers the engine cannot use; every message names the field at fault.

The engine's data files (factors, scoring rules, suggestions, routes) are read by
``kbs.catalogues.load``: a problem in one is a ``kbs.catalogues.CatalogueError``.
"""


class EngineInputError(ValueError):
    """Input the engine cannot use."""


class AnswersError(EngineInputError):
    """A profile's answers document is malformed."""


class CatalogueError(EngineInputError):
    """Compatibility only, until kbs/assessment/vocabulary.py reads its file through
    ``kbs.catalogues``: the validators in ``checks`` raise it there ("field: problem"), and
    ``checks.read_data_file`` turns it into a ``kbs.catalogues.CatalogueError`` naming the
    file, the line and the field. Nothing catches this class; catch that one."""
