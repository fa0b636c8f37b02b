"""Look up: the cited knowledge base (cards, search, answers) with no Rasa import.

Entry points: ``kbs.knowledge.answer.answer_question`` and ``KnowledgeBase``; text and
JSON renderings in ``kbs.knowledge.render``; the reply in the chat (a card, "I don't know"
with the nearest cards, or the Rasa response for where a message was said) in
``kbs.knowledge.conversation``. Importing this package stays cheap: spaCy is
loaded only by the modules that search.
"""
