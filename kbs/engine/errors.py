"""Errors for answers the engine cannot use; every message names the field at fault.

The engine's data files (factors, scoring rules, suggestions, routes) are read by
``kbs.catalogues.load``: a problem in one is a ``kbs.catalogues.CatalogueError``.
"""


class EngineInputError(ValueError):
    """Input the engine cannot use."""


class AnswersError(EngineInputError):
    """A profile's answers document is malformed."""
