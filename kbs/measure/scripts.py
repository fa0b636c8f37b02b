"""The practitioners' scripted conversations for `kbs bench`, one YAML file each.

A script names its mode and the messages a practitioner sends, in order::

    # What this conversation exercises.
    mode: assess                 # core, assess, discuss, rehearse or lookup
    requires: [assessment_form]  # optional: names the domain must hold (intents, actions...)
    turns:
      - hello
      - say: /start_assess       # a button's payload, as the widget sends it
        expect: case reference   # optional: a piece of the reply (any case)
      - KBS-9{n}                 # {n}: the practitioner's number, 001, 002, ...

A script whose mode is not in this checkout (no ``bot/domain/<mode>.yml``) or whose
``requires`` names are missing from the domain is skipped, with the reason printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from kbs.paths import BOT_DIR, ROOT

SCRIPTS_DIR = ROOT / "tests" / "bench" / "conversations"
DOMAIN_DIR = BOT_DIR / "domain"
MODES = ("core", "assess", "discuss", "rehearse", "lookup")
ALWAYS_THERE = {"core"}
DOMAIN_SECTIONS = ("intents", "entities", "slots", "responses", "actions", "forms")
KNOWN_KEYS = {"name", "mode", "requires", "turns", "description"}


class ScriptError(ValueError):
    """A script file that cannot be used; the message names the file and what is wrong."""


@dataclass(frozen=True)
class Turn:
    say: str
    expect: str | None = None

    def text_for(self, practitioner: int) -> str:
        return self.say.replace("{n}", f"{practitioner:03d}")


@dataclass(frozen=True)
class Script:
    name: str
    mode: str
    turns: tuple[Turn, ...]
    requires: tuple[str, ...] = ()
    path: Path | None = None

    def limited(self, turns: int | None) -> Script:
        if turns is None:
            return self
        return Script(self.name, self.mode, self.turns[:turns], self.requires, self.path)


def load_script(path: Path) -> Script:
    """One script file; ScriptError naming the file when it is malformed."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise ScriptError(f"{path}: cannot be read ({err})") from err
    except yaml.YAMLError as err:
        raise ScriptError(f"{path}: is not valid YAML ({_one_line(err)})") from err
    if not isinstance(data, dict):
        raise ScriptError(f"{path}: must be a mapping with 'mode' and 'turns'")
    unknown = sorted(set(data) - KNOWN_KEYS)
    if unknown:
        raise ScriptError(f"{path}: unknown key(s) {', '.join(unknown)}; "
                          f"use {', '.join(sorted(KNOWN_KEYS))}")
    mode = data.get("mode")
    if mode not in MODES:
        raise ScriptError(f"{path}: 'mode' must be one of {', '.join(MODES)}, not {mode!r}")
    requires = data.get("requires") or []
    if not isinstance(requires, list) or not all(isinstance(r, str) for r in requires):
        raise ScriptError(f"{path}: 'requires' must be a list of names")
    raw_turns = data.get("turns")
    if not isinstance(raw_turns, list) or not raw_turns:
        raise ScriptError(f"{path}: 'turns' must be a non-empty list of messages")
    turns = tuple(_turn(path, number, raw) for number, raw in enumerate(raw_turns, start=1))
    name = data.get("name") or path.stem
    if not isinstance(name, str):
        raise ScriptError(f"{path}: 'name' must be text")
    return Script(name, mode, turns, tuple(requires), path)


def _turn(path: Path, number: int, raw) -> Turn:
    if isinstance(raw, str) and raw.strip():
        return Turn(raw)
    if isinstance(raw, dict):
        unknown = sorted(set(raw) - {"say", "expect"})
        say, expect = raw.get("say"), raw.get("expect")
        if not unknown and isinstance(say, str) and say.strip() and (
                expect is None or isinstance(expect, str) and expect.strip()):
            return Turn(say, expect)
    hint = " (YAML reads an unquoted yes, no, on or off as true/false: quote it)" \
        if isinstance(raw, bool) else ""
    raise ScriptError(f"{path}: turn {number} must be a message, or a mapping with 'say' "
                      f"(a message) and optionally 'expect' (text the reply contains); "
                      f"got {raw!r}{hint}")


def domain_names(domain_dir: Path = DOMAIN_DIR) -> set[str]:
    """Every intent, entity, slot, response, action and form the split domain declares."""
    names: set[str] = set()
    for path in sorted(domain_dir.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for section in DOMAIN_SECTIONS:
            value = data.get(section) or []
            for item in value:
                names.update(item.keys() if isinstance(item, dict) else [str(item)])
    return names


def unavailable_because(script: Script, domain_dir: Path, names: set[str]) -> str | None:
    """Why ``script`` cannot run on this checkout, or None when it can."""
    if script.mode not in ALWAYS_THERE and not (domain_dir / f"{script.mode}.yml").exists():
        return f"the {script.mode} mode is not in this checkout (no bot/domain/{script.mode}.yml)"
    missing = [name for name in script.requires if name not in names]
    if missing:
        return f"the domain has no {', '.join(missing)}"
    return None


def load_scripts(folder: Path = SCRIPTS_DIR, domain_dir: Path = DOMAIN_DIR
                 ) -> tuple[list[Script], list[tuple[str, str]]]:
    """The scripts this checkout can run, and (script, reason) for those skipped.

    Every file is loaded (so a malformed one is an error even when its mode is missing).
    """
    files = sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml"))
    if not files:
        raise ScriptError(f"{folder}: no conversation scripts (*.yml)")
    scripts = [load_script(path) for path in files]
    names = domain_names(domain_dir)
    runnable, skipped = [], []
    for script in scripts:
        reason = unavailable_because(script, domain_dir, names)
        if reason:
            skipped.append((script.name, reason))
        else:
            runnable.append(script)
    return runnable, skipped


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split())
