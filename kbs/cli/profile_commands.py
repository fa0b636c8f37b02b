"""`kbs score` and `kbs compare`: the Infant Care Profile from an answers file."""

from __future__ import annotations

from pathlib import Path

import click

from kbs import engine
from kbs.catalogues import CatalogueError
from kbs.cli.output import FORMAT, json_text

# An answers file the engine cannot use, or a data file (factors, scoring, routes) with a mistake.
INPUT_ERRORS = (engine.EngineInputError, CatalogueError)
ANSWERS_FILE = click.Path(dir_okay=False, path_type=Path)


@click.command()
@click.argument("file", type=ANSWERS_FILE)
@FORMAT
def score(file: Path, output_format: str) -> None:
    """Score a baby's answers FILE (JSON if it ends in .json, YAML otherwise).

    The text form reads: level, red flags first, routes with local contacts, open
    factors, what is not yet known, what is uncorroborated and how to corroborate it,
    wider-family steps, and what to review at each contact.

    \b
    Answers format (docs/PROFILE-FORMAT.md; every part optional):
      assessed_on: 2024-05-01            date of this version (YYYY-MM-DD)
      infant: {age_weeks: 10, gestation_weeks: 39, birth_weight_kg: 3.3, mobile: false}
      factors:                           the baby, household, care, information
        household.material_hardship: {status: present, source: observed, note: "..."}
      carers:                            mother, father, partner, other_adult (_2, _3 ...)
        mother:
          relation: mother               optional; who this adult is to the baby
          contact: lives_in              lives_in | visits | no_contact (optional)
          sole_carer: true               ever alone with the baby (true/false)
          substance_use: {status: present, source: professional, pattern: chaotic}
      wider_family:                      family named in the answers
        - {relation: maternal aunt, contact: not_yet, note: "..."}
      judgement: {level: null, note: "", immediate_danger: false}

    \b
    status:  present (the risk is there) | absent (excluded) | unknown (not known);
             a factor not mentioned is unknown, and unknown is never counted as safe
    source:  observed | carer_account | professional | wider_family
             (required when status is absent)
    extras:  substance_use: pattern (none|stable|chaotic), intoxicated_care_observed
             mental_health: controlled (true/false)
             domestic_abuse: dash (standard|medium|high), dash_yes (0-24),
                             role (victim|perpetrator|both)
             care.unsafe_sleep: shares_sleep_surface, never [...], modifiable [...]
    contact: not_yet | made | refused (wider_family)
    judgement.level (1-4) raises the level, never lowers it, and needs a note;
    judgement.immediate_danger: true is the red flag immediate_danger (emergency route).

    \b
    Every factor, its question and why it is asked: kbs/catalogues/factors.yml.
    The whole format, the output's keys and what changed: docs/PROFILE-FORMAT.md.
    Routes and contacts come from KBS_ROUTES_FILE if set, else Derby and
    Derbyshire's file (docs/ROUTES.md).
    """
    try:
        profile = engine.score(engine.load_answers(file))
        text = (json_text(profile.to_dict()) if output_format == "json"
                else engine.render_profile(profile, engine.load_routes()))
    except INPUT_ERRORS as err:
        raise click.ClickException(str(err)) from err
    click.echo(text, nl=False)


@click.command()
@click.argument("old", type=ANSWERS_FILE)
@click.argument("new", type=ANSWERS_FILE)
@FORMAT
def compare(old: Path, new: Path, output_format: str) -> None:
    """Re-assessment: compare two versions (OLD, NEW) of a baby's answers.

    Lists factors that are new, resolved, worse or no longer known, red flags raised or
    no longer raised, and the change of level. Both files follow the format in
    `kbs score --help`.
    """
    try:
        comparison = engine.compare(engine.load_answers(old), engine.load_answers(new))
    except INPUT_ERRORS as err:
        raise click.ClickException(str(err)) from err
    text = (json_text(comparison.to_dict()) if output_format == "json"
            else engine.render_comparison(comparison))
    click.echo(text, nl=False)
