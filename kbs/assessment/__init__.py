"""The Assess mode: the Infant Care Profile as a guided dialogue, in plain Python (no Rasa).

- ``vocabulary``: the dialogue's own wording (messages, buttons, prompts) and the phrases it
  recognises (kbs/catalogues/assessment.yml)
- ``interpret``: a message read once (``kbs.text``, the reader of every mode) and what it
  means for the question asked: command, status and source, details
- ``answering``: one answer applied to the profile, and said back
- ``steps``: which question comes next, from the answers so far
- ``record``: answers into the answers document (docs/PROFILE-FORMAT.md)
- ``conversation``: one turn at a time, each answer saved as it is given
- ``summary``: red-flag interruptions and the end-of-assessment summary

Rasa actions (actions/assess.py) only move state between slots and these modules.
docs/ASSESS.md describes the design.
"""
