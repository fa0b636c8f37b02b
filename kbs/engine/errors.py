"""Errors for input the engine cannot use; every message names the file or field at fault."""


class EngineInputError(ValueError):
    """Input the engine cannot use."""


class AnswersError(EngineInputError):
    """A profile's answers document is malformed."""


class RoutesError(EngineInputError):
    """A partnership's routes file is malformed."""


class CatalogueError(EngineInputError):
    """One of the engine's own data files (factors, scoring, wider family) is malformed."""
