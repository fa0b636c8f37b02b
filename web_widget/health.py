"""Health for whoever runs the assistant (a load balancer, `kbs status`), without sign-in.

``/healthz``: liveness, 200 while the web app's process answers at all. ``/readyz``:
readiness, 200 when a practitioner's message can be answered (the Rasa server answers with
a model loaded, the action server answers, the project's database answers with its newest
schema), 503 otherwise; the JSON body says which check failed (kbs.ops.readiness).
"""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from kbs.ops import readiness

health = Blueprint("health", __name__)


@health.get("/healthz")
def healthz():
    return {"status": "ok"}


@health.get("/readyz")
def readyz():
    config = current_app.config
    found = readiness.check(config["RASA_URL"], config["RASA_TOKEN"], config["ACTION_URL"],
                            config["DATABASE_URL"])
    return jsonify(found.to_dict()), 200 if found.ready else 503
