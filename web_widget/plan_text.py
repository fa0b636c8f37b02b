"""A saved plan as HTML: the same Markdown the chat shows and `kbs plan show` prints,
rendered without raw HTML so nothing typed into a plan can run in the page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markdown_it import MarkdownIt
from markupsafe import Markup

from kbs.safer_practice.render import render_markdown

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False})


def plan_html(content: Mapping[str, Any], *, practitioner: bool = True) -> Markup:
    return Markup(_MARKDOWN.render(render_markdown(content, practitioner=practitioner)))
