"""Rasa custom actions, and nothing else: thin translations between a conversation's tracker
and the product package ``kbs``.

Each action reads what it needs from the tracker, calls ``kbs`` and turns the result into
events and messages. Every action is a ``TurnAction`` (``actions/turns.py``, which is also
the one error policy: a database or data-file fault is answered the same way everywhere);
the forms' validation actions are ``FormValidation`` (``actions/forms.py``). This is the
only package that imports ``rasa_sdk``; the action server loads it with ``--actions
actions`` (``kbs/ops/action_server.py``).
"""
