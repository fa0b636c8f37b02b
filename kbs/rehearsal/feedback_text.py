"""The feedback of a rehearsal (a dict from ``feedback.build_feedback``) in words, as the
practitioner reads it; every phrase is in kbs/catalogues/rehearsal.yml (``feedback``)."""

from __future__ import annotations

from kbs.rehearsal.wording import RehearsalWording, wording


def feedback_text(feedback: dict) -> str:
    words = wording()
    name = feedback["name"]
    found, raised, total = (len(feedback["uncovered"]), len(feedback.get("raised", ())),
                            feedback["facts_total"])
    count = words.phrase("found_count", found=found, total=total)
    if raised:
        count += " " + words.phrase("raised_count", raised=raised, covered=found + raised,
                                    total=total)
    parts = [words.phrase("heading", name=name, title=feedback["title"]), count]
    if feedback["uncovered"]:
        parts.append(_bullets(words.phrase("found", name=name),
                              [f["summary"] for f in feedback["uncovered"]]))
    if raised:
        parts.append(_bullets(words.phrase("raised", name=name), [
            words.phrase("fact", summary=f["summary"], tip=f["tip"])
            for f in feedback["raised"]]))
    if feedback["missed"]:
        parts.append(_bullets(words.phrase("missed", name=name), [
            words.phrase("fact", summary=f["summary"], tip=f["tip"])
            for f in feedback["missed"]]))
    parts.append(_moves(words, feedback["moves"]))
    start, end = feedback["openness"]["start"], feedback["openness"]["end"]
    parts.append(words.phrase("openness", name=name, start=words.openness(start),
                              end=words.openness(end)))
    if feedback["moments"]:
        parts.append(_bullets(words.phrase("moments"), [
            words.phrase("moment", quote=m["quote"], move=m["move"], comment=m["comment"])
            for m in feedback["moments"]]))
    parts.append(_bullets(words.phrase("good_conversation", name=name),
                          feedback["good_conversation"]))
    point = feedback["learning_point"]
    parts.append(words.phrase("learning_point", sections=point["sections"], text=point["text"]))
    return "\n\n".join(parts)


def _moves(words: RehearsalWording, moves: list[dict]) -> str:
    if not moves:
        return words.phrase("no_moves")
    return words.phrase("moves", moves=", ".join(
        words.phrase("move", label=m["label"], count=m["count"]) for m in moves))


def _bullets(heading: str, items: list[str]) -> str:
    return "\n".join([heading, *(f"- {item}" for item in items)])
