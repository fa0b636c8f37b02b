"""The practitioner's written plans (safer sleep, safe handling) from the discuss mode."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import current_user

from web_widget import queries
from web_widget.access import listed, open_record, signed_in_only
from web_widget.plan_text import plan_html

plans = Blueprint("plans", __name__)
signed_in_only(plans)


@plans.get("/plans")
def index():
    found = queries.plans_of(current_user.id)
    listed("plan", len(found))
    return render_template("plans.html", plans=found)


@plans.get("/plans/<int:plan_id>")
def plan(plan_id: int):
    row = open_record(queries.plan(plan_id), "plan", plan_id)
    family = request.args.get("copy") == "family"
    return render_template("plan.html", plan=row, family=family,
                           text=plan_html(row.content, practitioner=not family))
