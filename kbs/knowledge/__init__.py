"""Look up: the cited knowledge base (cards, search, answers) with no Rasa import.

Entry points: ``kbs.knowledge.answer.answer_question`` and ``KnowledgeBase``; text and
JSON renderings in ``kbs.knowledge.render``. Importing this package stays cheap: spaCy is
loaded only by the modules that search.
"""
