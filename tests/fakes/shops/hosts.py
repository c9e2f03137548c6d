"""The hosting around a shop, as real web servers behave: an address that only redirects (a
server's `Redirect 301` or `RewriteRule ... [R=301]`), and a host that is not the shop at all
and notes what reached it."""

from __future__ import annotations

from urllib.parse import urlencode

from tests.fakes.shops.base import FakeServer, Request, Response


class Redirector(FakeServer):
    """Answers every request with a redirect to the same path and query under `target`."""

    def __init__(self, target: str, status: int = 301) -> None:
        super().__init__()
        self.target = target.rstrip("/")
        self.status = status

    def handle(self, request: Request) -> Response:
        query = f"?{urlencode(request.query)}" if request.query else ""
        location = f"{self.target}{request.path}{query}"
        return Response(self.status, b"<html><body>Moved</body></html>", {"Location": location})


class Witness(FakeServer):
    """Another site: keeps every request that reached it, headers and query included."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[Request] = []

    def handle(self, request: Request) -> Response:
        self.seen.append(request)
        return Response.json(200, {})
