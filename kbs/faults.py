"""Faults a conversation cannot fix: the project's database failing, or a data file with a
mistake in it.

A database fault is any ``SQLAlchemyError`` (an ``OperationalError`` when the database
cannot be reached, is locked or lacks its tables). A data-file fault is a ``ValueError``:
``kbs.catalogues.CatalogueError`` and the older per-file error classes being folded into it
all are, so catching ``ValueError`` does not depend on which of them a reader still raises.
The Rasa actions answer both the same way (``actions/turns.py``).

A fault is logged by ``description``, never by its message, which for a database fault can
hold the statement's parameters: a practitioner's words. A CatalogueError's message is kept:
it names a data file, a line and a field, never what anyone typed.
"""

from __future__ import annotations

import traceback

from sqlalchemy.exc import SQLAlchemyError

from kbs.catalogues import CatalogueError

DATABASE, CATALOGUE = "database", "catalogue"
FAULTS = (SQLAlchemyError, ValueError)


def kind(fault: BaseException) -> str:
    """DATABASE or CATALOGUE, for one of FAULTS."""
    return DATABASE if isinstance(fault, SQLAlchemyError) else CATALOGUE


def description(fault: BaseException) -> str:
    """What to log of ``fault``: its class (and the driver's), and the project's code it was
    raised in (the innermost two frames outside the installed libraries)."""
    if isinstance(fault, CatalogueError):
        return f"{_name(fault)}: {fault}"
    cause = getattr(fault, "orig", None)
    frames = traceback.extract_tb(fault.__traceback__)
    own = [frame for frame in frames if "site-packages" not in frame.filename] or frames
    where = " < ".join(f"{frame.filename}:{frame.lineno} in {frame.name}"
                       for frame in reversed(own[-2:]))
    return f"{_name(fault)}{f' ({_name(cause)})' if cause is not None else ''} at {where}"


def _name(error: BaseException) -> str:
    return f"{type(error).__module__}.{type(error).__qualname__}"
