import pytest

from kbs.knowledge.answer import KnowledgeBase, default_knowledge_base


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return default_knowledge_base()
