"""Rasa custom actions: thin translations between the tracker and the plain-Python modules.

This is the only package that imports rasa_sdk; the action server loads it with
``--actions actions.dialogue``.
"""
