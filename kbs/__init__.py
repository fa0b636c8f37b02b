"""Keeping Babies Safe assistant: the product as plain Python, with no Rasa import.

``engine`` scores a profile's answers; ``assessment``, ``safer_practice``, ``rehearsal`` and
``knowledge`` hold the four modes (each has a ``conversation``: a chat message in, a
``chat.Turn`` out); ``chat`` what the assistant says and sets in a turn; ``faults`` the
database and data-file faults a turn can meet; ``text`` reads practitioners' words;
``catalogues`` holds the data files a safeguarding lead reviews and the one loader that
reads them; ``store`` the project's database; ``ops`` settings and the launcher of the
servers; ``cli`` the ``kbs`` command. The Rasa custom actions (package ``actions``) are
thin adapters over these.
"""
