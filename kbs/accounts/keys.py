"""Keyed hashes of what must be recognised again but never stored as typed: the name typed
at a failed sign-in (it may be a password typed in the wrong box) and the client's address.

HMAC-SHA-256 with the web app's secret key (KBS_SECRET_KEY): without the key a hash cannot be
tried against a list of likely names; with it, whoever runs the assistant can check whether
a given name was the one typed (``typed_name_key(key, "hv.jones")``)."""

from __future__ import annotations

import hashlib
import hmac

PREFIX = "h:"  # marks a hash in the audit log's object_id


def keyed_hash(key: str, purpose: str, text: str) -> str:
    digest = hmac.new(key.encode(), f"{purpose}\0{text}".encode(), hashlib.sha256)
    return PREFIX + digest.hexdigest()[:40]


def typed_name_key(key: str, typed: str) -> str:
    """The typed sign-in name, as the back-off and the audit log know it (case and
    surrounding spaces ignored, as the sign-in form does)."""
    return keyed_hash(key, "sign-in name", typed.strip().lower()[:200])


def client_key(key: str, client: str) -> str:
    return keyed_hash(key, "client", client)
