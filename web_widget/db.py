"""The project's database for the current app (DATABASE_URL, from KBS_DATABASE_URL)."""

from flask import current_app
from sqlalchemy.engine import Engine

from kbs.store.database import engine_for


def engine() -> Engine:
    return engine_for(current_app.config["DATABASE_URL"])
