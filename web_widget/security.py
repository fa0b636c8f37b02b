"""Response headers that keep pages with sensitive records out of caches, frames and scripts."""

from flask import Response, current_app, request

# No inline script or style anywhere: the widget's JavaScript and CSS are files, and bot
# text is turned into DOM nodes, never HTML, so an injected <script> could not run anyway.
CONTENT_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; "
                  "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'")


def add_security_headers(response: Response) -> Response:
    ancestors = " ".join(["'self'", *current_app.config["FRAME_ANCESTORS"]])
    response.headers["Content-Security-Policy"] = f"{CONTENT_POLICY}; frame-ancestors {ancestors}"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    if request.endpoint != "static":
        response.headers["Cache-Control"] = "no-store"
    return response
