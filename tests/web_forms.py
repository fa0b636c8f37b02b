"""The tokens web tests read from pages: a form's CSRF field and the page's meta tag."""

import re

CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*? value="([^"]+)"')
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def form_token_in(html: str) -> str:
    return CSRF_FIELD.search(html).group(1)


def page_token_in(html: str) -> str:
    return CSRF_META.search(html).group(1)
