"""Training times for `kbs bench`: cold (empty Rasa cache, new models folder) and cached.

Everything runs on a copy of the training inputs in a scratch folder, with Rasa's training
cache (RASA_CACHE_DIRECTORY) there too, so the checkout, its models/ and its .rasa/cache
are never touched and "cold" really starts from nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kbs.measure.rasa_lines import copy_project, train_command
from kbs.measure.runner import run_step
from kbs.ops import rasa_project

# The retrains measured after the cold one, and what each changes first.
CHANGES = {
    "cold": "an empty Rasa cache and a new models folder",
    "nothing changed": "a second `rasa train` with the cache of the first",
    "one response reworded": "the wording of one response changed (domain)",
    "one NLU example added": "one training example added to an intent",
}
PROBE_EXAMPLE = ('version: "3.1"\nnlu:\n  - intent: greet\n    examples: |\n'
                 '      - hello from the bench\n')


@dataclass
class TrainingTimes:
    seconds: dict[str, float] = field(default_factory=dict)
    model: Path | None = None


def measure(scratch: Path, remaining: Callable[[], float],
            say: Callable[[str], None] = print) -> TrainingTimes:
    rasa_project.ensure_spacy_pipeline()
    project = copy_project(_fresh(scratch / "project"))
    out = _fresh(scratch / "models")
    env = rasa_project.rasa_env(RASA_CACHE_DIRECTORY=str(_fresh(scratch / "rasa-cache")))
    times = TrainingTimes()
    for number, step in enumerate(CHANGES):
        if step == "one response reworded":
            reword_a_response(project / "bot" / "domain")
        elif step == "one NLU example added":
            (project / "data" / "zz_bench_probe.yml").write_text(PROBE_EXAMPLE, "utf-8")
        say(f"- training, {step} ({CHANGES[step]})...")
        name = f"train-{number}"
        result = run_step(train_command(project, out, name), scratch / "logs" / f"{name}.log",
                          min(3600.0, remaining()), env)
        times.seconds[step] = result.seconds
        say(f"  training, {step}: {result.seconds:.0f} s")
        if step == "cold":
            times.model = out / f"{name}.tar.gz"
    return times


def reword_a_response(domain_dir: Path) -> str:
    """Append a word to the first text response of the domain; returns the response's name."""
    for path in sorted(domain_dir.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, variants in (data.get("responses") or {}).items():
            if variants and isinstance(variants[0], dict) and "text" in variants[0]:
                variants[0]["text"] = variants[0]["text"].rstrip() + " (reworded)"
                path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True),
                                encoding="utf-8")
                return name
    raise ValueError(f"no text response to reword in {domain_dir}")


def _fresh(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
