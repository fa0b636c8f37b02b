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
``requires`` names are missing from the domain is skipped, with the reason printed. A
malformed script is a kbs.catalogues.CatalogueError naming the file, the line and the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from kbs.catalogues import CatalogueError, Node, load
from kbs.paths import BOT_DIR, ROOT

SCRIPTS_DIR = ROOT / "tests" / "bench" / "conversations"
DOMAIN_DIR = BOT_DIR / "domain"
MODES = ("core", "assess", "discuss", "rehearse", "lookup")
ALWAYS_THERE = {"core"}
DOMAIN_SECTIONS = ("intents", "entities", "slots", "responses", "actions", "forms")
OPTIONAL_KEYS = ("name", "requires", "turns", "description")  # a missing turns is named below


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
    """One script file; kbs.catalogues.CatalogueError naming the file when it is malformed."""
    doc = load(path)
    doc.only(("mode",), OPTIONAL_KEYS)
    mode = doc.get("mode").one_of(MODES)
    requires = doc.get("requires").texts(at_least=0) if doc.has("requires") else ()
    turns = tuple(_turn(node) for node in doc.get("turns").items())
    name = doc.get("name").raw_text() if doc.has("name") else path.stem
    return Script(name, mode, turns, requires, path)


def _turn(node: Node) -> Turn:
    if isinstance(node.value, bool):
        node.fail("must be a message; YAML reads an unquoted yes, no, on or off as "
                  "true/false: quote it")
    if not isinstance(node.value, dict):
        return Turn(node.raw_text())
    node.only(("say",), ("expect",))
    expect = node.get("expect").raw_text() if node.has("expect") else None
    return Turn(node.get("say").raw_text(), expect)


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
        raise CatalogueError(folder, "holds no conversation scripts (*.yml)")
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

