"""Response headers that keep pages with sensitive records out of caches, frames and scripts;
cookies that go over https only, with HSTS, everywhere but plain http on a loopback address;
and the client's address behind a configured number of proxies."""

from __future__ import annotations

import ipaddress

from flask import Flask, Response, current_app, has_request_context, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.middleware.proxy_fix import ProxyFix

# No inline script or style anywhere: the widget's JavaScript and CSS are files, and bot
# text is turned into DOM nodes, never HTML, so an injected <script> could not run anyway.
CONTENT_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; "
                  "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'")
HSTS = "max-age=31536000"  # a year: browsers then never ask this host over plain http
SESSION_COOKIE = "kbs_session"
DEVICE_COOKIE = "kbs_device"


def install(app: Flask) -> None:
    """Secure cookies, HSTS and the other headers, and ProxyFix when proxies are trusted."""
    if app.config["TRUSTED_PROXIES"]:
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops,
                                x_port=hops)
    app.session_interface = SessionCookies()
    app.after_request(add_security_headers)


def is_secure_request() -> bool:
    """Whether cookies are https-only (and HSTS sent) for this request: KBS_SECURE_COOKIES
    if set, else yes unless the request came over http to a loopback address."""
    chosen = current_app.config.get("KBS_SECURE_COOKIES")
    if chosen is not None:
        return bool(chosen)
    return not (request.scheme == "http" and _is_loopback(request.host))


def cookie_name(base: str) -> str:
    """``__Host-`` and the name on secure requests: the browser then keeps the cookie only if
    it came over https, for this exact host and every path, so no other site sets it."""
    return f"__Host-{base}" if is_secure_request() else base


def client_address() -> str:
    """The client's address: the peer's, or the one the trusted proxies saw (ProxyFix)."""
    return request.remote_addr or "unknown"


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed cookie session, named and flagged per request (see cookie_name)."""

    def get_cookie_name(self, app: Flask) -> str:
        return cookie_name(SESSION_COOKIE) if has_request_context() else SESSION_COOKIE

    def get_cookie_secure(self, app: Flask) -> bool:
        return is_secure_request() if has_request_context() else True


def add_security_headers(response: Response) -> Response:
    ancestors = " ".join(["'self'", *current_app.config["FRAME_ANCESTORS"]])
    response.headers["Content-Security-Policy"] = f"{CONTENT_POLICY}; frame-ancestors {ancestors}"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    if is_secure_request():
        response.headers["Strict-Transport-Security"] = HSTS
    if request.endpoint != "static":
        response.headers["Cache-Control"] = "no-store"
    return response


def _is_loopback(host: str) -> bool:
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    name = name.strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False
