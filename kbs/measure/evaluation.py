"""`kbs eval pipelines`: NLU quality of config.yml against the `rasa init` baseline, in one run.

Both pipelines are trained here, NLU only, on the same data, each from an empty Rasa cache
(so each training time is a cold one, measured in the same run on the same machine), and
scored on held-out examples, never trained on: tests/nlu/, tests/eval/held_out/ and the
knowledge search's held-out questions (tests/knowledge/heldout_questions.yml, as examples of
the intent ``faq``, kbs.measure.faq_held_out); and, when asked, by k-fold cross-validation
of the training data. Look up's card is chosen by the knowledge search, whose top-1 on the
same held-out questions is reported beside a ResponseSelector's accuracy, if a pipeline has
one.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kbs.measure import entities, faq_held_out, history, nlu_results, report
from kbs.measure.machine import CpuShare, busy_note, load_snapshot
from kbs.measure.rasa_lines import (
    BASELINE_CONFIG,
    copy_held_out,
    copy_nlu_data,
    cross_validation_command,
    test_nlu_command,
    train_nlu_command,
)
from kbs.measure.runner import run_step
from kbs.measure.targets import Check
from kbs.ops import rasa_project
from kbs.paths import CONFIG_FILE, ROOT

TARGET_MACRO_F1 = 0.92
RESULTS_DIR = ROOT / "results" / "eval"
STEP_TIMEOUT = 3600  # seconds; a cross-validation of 5 folds takes about 10 minutes
MODELS = ("ours", "baseline")
SPACY_EXTRACTOR = "SpacyEntityExtractor"


@dataclass
class EvalOptions:
    folds: int = 5
    cross_validation: bool = False
    config: Path | None = None  # a candidate pipeline instead of config.yml
    out: Path = RESULTS_DIR
    history_file: Path = history.HISTORY_FILE


@dataclass
class EvalRun:
    options: EvalOptions
    say: Callable[[str], None] = print
    stem: str = field(default_factory=lambda: report.run_stem("eval"))
    timings: dict[str, float] = field(default_factory=dict)
    training: dict[str, float] = field(default_factory=dict)  # model -> cold NLU training, s
    notes: list[str] = field(default_factory=list)
    entity_misses: list[tuple[str, str]] = field(default_factory=list)

    @property
    def raw(self) -> Path:
        return self.options.out / self.stem

    def step(self, name: str, argv: list[str], log_name: str, **env: str) -> float:
        self.say(f"- {name}...")
        result = run_step(argv, self.raw / "logs" / f"{log_name}.log", STEP_TIMEOUT,
                          rasa_project.rasa_env(**env))
        self.timings[name] = result.seconds
        self.say(f"  {name}: {result.seconds:.0f} s")
        return result.seconds


def run(options: EvalOptions, say: Callable[[str], None] = print) -> dict:
    """Train, test and report; returns the report's data (also written to results/eval)."""
    run_ = EvalRun(options, say)
    started = time.monotonic()
    share = CpuShare([]).start()
    load_before = load_snapshot()
    config = options.config or CONFIG_FILE
    with tempfile.TemporaryDirectory(prefix="kbs-eval-") as scratch:
        rasa_project.ensure_spacy_pipeline()
        data = copy_nlu_data(Path(scratch) / "data")
        held_out_data = copy_held_out(Path(scratch) / "held-out")
        faq_held_out.write(held_out_data)
        configs = {"ours": config, "baseline": BASELINE_CONFIG}
        models = {name: Path(scratch) / "models" / f"{name}.tar.gz" for name in MODELS}
        for name in MODELS:
            run_.training[name] = run_.step(
                f"cold training of {name} ({configs[name].name}, NLU only)",
                train_nlu_command(configs[name], data, models[name].parent, name),
                f"train-{name}", RASA_CACHE_DIRECTORY=str(Path(scratch) / f"cache-{name}"))
        held_out = {}
        for name in MODELS:
            out = run_.raw / f"{name}-held-out"
            run_.step(f"held-out test of {name}",
                      test_nlu_command(models[name], held_out_data, out), f"test-{name}")
            held_out[name] = nlu_results.read(out)
        _score_spacy_entities(run_, held_out["ours"], config, held_out_data)
        _note_unscored_entities(run_, held_out, data)
        cross = {}
        if options.cross_validation:
            for name in MODELS:
                out = run_.raw / f"{name}-cv"
                run_.step(f"{options.folds}-fold cross-validation of {name}",
                          cross_validation_command(configs[name], data, options.folds, out),
                          f"cv-{name}")
                cross[name] = nlu_results.read(out)
        else:
            run_.notes.append("No cross-validation in this run (kbs eval pipelines --cv adds it).")
    run_.timings["total"] = time.monotonic() - started
    machine = {"before": load_before, "after": load_snapshot(), "cpu": share.finish()}
    return _finish(run_, held_out, cross, machine, config)


def checks(held_out: dict[str, nlu_results.NluResult]) -> list[Check]:
    ours, baseline = held_out["ours"].macro_f1, held_out["baseline"].macro_f1
    return [Check("held-out intent macro-F1", ours, ">=", TARGET_MACRO_F1),
            Check("held-out intent macro-F1 against the baseline's", ours, ">=", baseline,
                  note=f"(baseline {baseline:.3f})")]


def response_selector_note(config_file: Path = CONFIG_FILE) -> str | None:
    """None when config.yml has a ResponseSelector; otherwise why none is scored."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    names = [step.get("name") for step in config.get("pipeline") or [] if isinstance(step, dict)]
    if "ResponseSelector" in names:
        return None
    return (f"No ResponseSelector is configured in {config_file.name}, so no response "
            "selection is scored: Look up's card is the knowledge search's (its top-1 above).")


def knowledge_search_top1() -> float:
    """The knowledge search's top-1 card accuracy on the held-out Look up questions (the
    same figure as `kbs eval knowledge`): Look up's choice of card."""
    from kbs.knowledge.answer import default_knowledge_base
    from kbs.knowledge.evaluation import evaluate, read_heldout

    return evaluate(default_knowledge_base(), read_heldout(), []).top1


def figures(held_out: dict, cross: dict, training: dict[str, float] | None = None,
            search_top1: float | None = None) -> dict[str, float | None]:
    found: dict[str, float | None] = {}
    for name, seconds in (training or {}).items():
        found[f"cold_nlu_training_seconds_{name}"] = seconds
    if search_top1 is not None:
        found["held_out_knowledge_search_top1"] = search_top1
    for name, result in held_out.items():
        found[f"held_out_macro_f1_{name}"] = result.macro_f1
        for extractor, f1 in result.entity_f1.items():
            found[f"held_out_entity_f1_{name}_{extractor}"] = f1
        if result.response_accuracy is not None:
            found[f"held_out_response_selection_accuracy_{name}"] = result.response_accuracy
    for name, result in cross.items():
        found[f"cv_macro_f1_{name}"] = result.macro_f1
    return found


def _score_spacy_entities(run_: EvalRun, result: nlu_results.NluResult, config: Path,
                          held_out_data: Path) -> None:
    """Adds the spaCy extractor's exact-span scores (Rasa's own evaluation skips it)."""
    dimensions = entities.spacy_dimensions(config)
    if dimensions is None:
        return
    scores = entities.score(entities.held_out_examples(held_out_data, annotated_only=True),
                            entities.spacy_predictor(dimensions), dimensions)
    result.entities[SPACY_EXTRACTOR] = scores.by_type
    result.entity_f1[SPACY_EXTRACTOR] = scores.micro_f1
    run_.entity_misses = scores.misses
    run_.notes.append(f"{SPACY_EXTRACTOR} is scored by kbs eval pipelines on exact spans and "
                      "types, in the held-out files that annotate entities (Rasa's own "
                      "evaluation leaves it out).")


def _note_unscored_entities(run_: EvalRun, held_out: dict, data: Path) -> None:
    annotated = entities.annotated_count(data)
    for name, result in held_out.items():
        if not result.entity_f1:
            run_.notes.append(
                f"{name}: no trained entity extractor predicted any entity on the held-out "
                f"data ({annotated} training examples carry entity annotations).")


def _finish(run_: EvalRun, held_out: dict, cross: dict, machine: dict, config: Path) -> dict:
    search_top1 = knowledge_search_top1()
    found = figures(held_out, cross, run_.training, search_top1)
    results_checks = checks(held_out)
    note = response_selector_note(config)
    if note:
        run_.notes.append(note)
    before = history.previous("eval", run_.options.history_file, config=_relative(config))
    data = {"kind": "eval", "stem": run_.stem, **history.code_version(),
            "configs": {"ours": _relative(config), "baseline": _relative(BASELINE_CONFIG)},
            "folds": run_.options.folds if cross else None, "timings": run_.timings,
            "training_seconds": run_.training, "knowledge_search_top1": search_top1,
            "machine": machine, "notes": run_.notes,
            "held_out": {name: result.as_dict() for name, result in held_out.items()},
            "cross_validation": {name: result.as_dict() for name, result in cross.items()},
            "checks": [c.as_dict() for c in results_checks], "figures": found,
            "entity_misses": [{"text": t, "what": w} for t, w in run_.entity_misses],
            "changes_since_last": history.changes(before, found)}
    markdown = render(data, held_out, cross, results_checks)
    md, js = report.write(run_.options.out, run_.stem, markdown, data)
    history.append(history.entry("eval", found, report=_relative(md), config=_relative(config),
                                 checks=[c.as_dict() for c in results_checks],
                                 busy=machine["cpu"]["busy"]),
                   run_.options.history_file)
    data["report_files"] = [str(md), str(js)]
    return data


def _relative(path: Path) -> str:
    path = path.resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def render(data: dict, held_out: dict, cross: dict, results_checks: list[Check]) -> str:
    dirty = " (with uncommitted changes)" if data.get("dirty") else ""
    lines = [f"# NLU evaluation {data['stem']}", "",
             f"Commit {data.get('commit')}{dirty}: `{data['configs']['ours']}` and the "
             f"baseline `{data['configs']['baseline']}` (the `rasa init` default pipeline), "
             "both trained in this run on the same data (NLU only, each from an empty Rasa "
             "cache).", "", busy_note(data["machine"]["cpu"]), "", "## Targets", ""]
    lines += [f"- {c.line()}" for c in results_checks]
    lines += ["", "## Training time and F1", "", _training_table(data, held_out, cross)]
    lines += ["", "## Held-out test data (tests/nlu/, tests/eval/held_out/ and "
              "tests/knowledge/heldout_questions.yml)", ""]
    lines += _comparison(held_out)
    if cross:
        lines += ["", f"## {data['folds']}-fold cross-validation of the training data", ""]
        lines += _comparison(cross)
    lines += ["", "## Notes", ""] + [f"- {n}" for n in data["notes"]] if data["notes"] else []
    if data["entity_misses"]:
        lines += ["", f"## Entity mistakes of {SPACY_EXTRACTOR} on held-out data", ""]
        lines += [f"- {m['what']} in {m['text']!r}" for m in data["entity_misses"]]
    if data["changes_since_last"]:
        lines += ["", "## Since the last run", ""] + [f"- {c}" for c in data["changes_since_last"]]
    lines += ["", "## Timings", "",
              report.table(["step", "seconds"], [[k, v] for k, v in data["timings"].items()])]
    return "\n".join(lines) + "\n"


def _training_table(data: dict, held_out: dict, cross: dict) -> str:
    seconds = data.get("training_seconds") or {}
    rows = [[name, f"`{data['configs'][name]}`", seconds.get(name), held_out[name].macro_f1,
             cross[name].macro_f1 if name in cross else None] for name in MODELS]
    table = report.table(["model", "pipeline", "cold NLU training, s", "held-out macro-F1",
                          "CV macro-F1"], rows)
    top1 = data.get("knowledge_search_top1")
    return table + ("" if top1 is None else
                    f"\n\nLook up's card: the knowledge search's top-1 on the held-out "
                    f"questions {_f(top1)} (`kbs eval knowledge`).")


def _comparison(results: dict[str, nlu_results.NluResult]) -> list[str]:
    ours, base = results["ours"], results["baseline"]
    base_by = {s.label: s for s in base.intents}
    rows = [[s.label, s.support, s.precision, s.recall, s.f1,
             base_by[s.label].f1 if s.label in base_by else None] for s in ours.intents]
    rows.append(["**macro-F1**", sum(s.support for s in ours.intents), None, None,
                 ours.macro_f1, base.macro_f1])
    lines = [report.table(["intent", "examples", "precision", "recall", "F1", "baseline F1"],
                          rows), ""]
    lines += ["Entities (micro-averaged F1 over entity types, by extractor):", ""]
    for name, result in results.items():
        if not result.entity_f1:
            lines.append(f"- {name}: no entity extractor was scored")
        for extractor, f1 in result.entity_f1.items():
            per_type = ", ".join(f"{s.label} {s.f1:.2f} ({s.support})"
                                 for s in result.entities.get(extractor, []))
            lines.append(f"- {name}, {extractor}: F1 {_f(f1)}" +
                         (f"; by type: {per_type}" if per_type else ""))
    lines += ["", "Response selection: " + "; ".join(
        f"{name} accuracy {_f(r.response_accuracy)}" if r.response_accuracy is not None
        else f"{name}: none scored" for name, r in results.items()), ""]
    for name, result in results.items():
        pairs = result.most_confused()
        lines.append(f"Most confused pairs, {name} (expected -> predicted, count): " +
                     ("; ".join(f"{c.expected} -> {c.predicted} ({c.count})" for c in pairs)
                      or "none"))
        lines.append("")
    return lines


def _f(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def summary(data: dict) -> str:
    """What `kbs eval pipelines` prints at the end: figures beside targets and the baseline."""
    held = data["held_out"]
    lines = ["Targets:"] + [f"  {_check_line(c)}" for c in data["checks"]]
    lines.append("Held-out data, ours / baseline:")
    lines.append(f"  intent macro-F1      {_f(held['ours']['macro_f1'])} / "
                 f"{_f(held['baseline']['macro_f1'])}")
    seconds = data.get("training_seconds") or {}
    if seconds:
        lines.append("  cold NLU training    " + " / ".join(
            f"{seconds[name]:.0f} s" if name in seconds else "-" for name in MODELS))
    if data.get("knowledge_search_top1") is not None:
        lines.append(f"  Look up card (knowledge search top-1) {_f(data['knowledge_search_top1'])}")
    lines += _entity_lines(held)
    for name in MODELS:
        worst = sorted(held[name]["intents"], key=lambda s: s["f1"])[:3]
        lines.append(f"  worst intents ({name}): " +
                     ", ".join(f"{s['label']} {s['f1']:.2f}" for s in worst))
        lines.append(f"  most confused ({name}): " + ("; ".join(
            f"{c['expected']} -> {c['predicted']} ({c['count']})"
            for c in held[name]["most_confused"]) or "none"))
    cv = data["cross_validation"]
    if cv:
        lines.append(f"{data['folds']}-fold cross-validation, ours / baseline:")
        lines.append(f"  intent macro-F1      {_f(cv['ours']['macro_f1'])} / "
                     f"{_f(cv['baseline']['macro_f1'])}")
        lines += _entity_lines(cv)
    lines += [f"Note: {n}" for n in data["notes"]]
    lines.append(busy_note(data["machine"]["cpu"]))
    if data["changes_since_last"]:
        lines.append("Since the last run: " + "; ".join(data["changes_since_last"]))
    lines.append(f"Took {data['timings']['total']:.0f} s. Report: {data['report_files'][0]}")
    return "\n".join(lines)


def _entity_lines(results: dict) -> list[str]:
    lines = []
    for name in MODELS:
        found = results[name]["entity_f1"]
        lines.append(f"  entity F1 ({name})   " + (", ".join(
            f"{extractor} {_f(f1)}" for extractor, f1 in found.items()) or "none scored"))
        selection = results[name]["response_selection_accuracy"]
        if selection is not None:
            lines.append(f"  response selection accuracy ({name}) {_f(selection)}")
    return lines


def _check_line(check: dict) -> str:
    return Check(check["name"], check["value"], check["op"], check["limit"],
                 note=check["note"]).line()
