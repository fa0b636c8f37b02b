"""Keeping Babies Safe assistant.

Plain-Python domain modules (engine, catalogues, NLP pipeline) live beside the thin
Rasa actions in ``actions.dialogue``; only that subpackage imports ``rasa_sdk``.
"""
