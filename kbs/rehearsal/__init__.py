"""Rehearse mode: the assistant plays a carer in a difficult conversation, then gives feedback.

Plain Python with no Rasa import: the move catalogue and persona files (`moves`,
`personas`, read by `kbs.catalogues.load`), the persona engine (`engine`: openness,
hidden facts, replies) and the feedback (`feedback` builds it, `feedback_text` words it).
`conversation` is a rehearsal as a form, one message at a time. What is said around the
carer, feedback included, is `kbs/catalogues/rehearsal.yml` (read by `wording`).
"""
