"""Safer sleep and safe handling discussions: the questions, the findings, the written plans.

Plain Python, no Rasa. The wording, reasons and sources live in the catalogues
(``kbs/catalogues/safer_sleep.yml``, ``safe_handling.yml``); these modules hold the
logic only:

- ``sleep``: which safer sleep questions apply, and what the answers find
  (never-circumstances, modifiable risks, routine disruption).
- ``handling``: which safe handling questions apply (per carer), and what they find.
- ``reading``: what one chat message answers.
- ``discussion``: both discussions behind one interface.
- ``conversation``: a discussion as a form, one message at a time (what is recorded, said
  and asked next), the plan written and saved, leaving.
- ``plans``: the plan content (a JSON document, saved in the ``plans`` table).
- ``render``: the plan as Markdown, for the chat, printing and ``kbs plan show``.
- ``profile``: the profile factors a discussion sets (``apply_discussion``).
"""
