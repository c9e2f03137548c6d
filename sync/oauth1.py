"""How a WooCommerce key travels: OAuth 1.0a one-legged signing, or the key itself in the query.

WooCommerce (`class-wc-rest-authentication.php`) reads OAuth parameters from `$_GET`, `$_POST`
or the Authorization header, and checks the signature against the site's *home URL* as
WordPress knows it (`get_home_url()` with the scheme of the request), not against the address
the client used. Many Apache/CGI/FPM hosts never hand the Authorization header to PHP, so the
parameters go in the query string, as WooCommerce's own client (wc-api-python) sends them.
Over HTTPS, WooCommerce also takes `consumer_key`/`consumer_secret` from the query string.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Generator
from urllib.parse import quote, unquote

import httpx


def _enc(value: str) -> str:
    return quote(unquote(value), safe="").replace("%", "%25")


def signature(method: str, base_url: str, params: dict[str, str], secret: str) -> str:
    """HMAC-SHA256 over `METHOD&url&sorted params`, key `secret&` (WooCommerce's recipe)."""
    pairs = sorted((k, v) for k, v in params.items() if k != "oauth_signature")
    query = "%26".join(f"{_enc(k)}%3D{_enc(v)}" for k, v in pairs)
    to_sign = f"{method.upper()}&{quote(base_url, safe='')}&{query}"
    digest = hmac.new(f"{secret}&".encode(), to_sign.encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def signing_url(url: httpx.URL, home_url: str) -> str:
    """The URL WooCommerce signs for this request: the request's path taken relative to the home
    path and put under the home URL, with the request's scheme (`check_oauth_signature`). A shop
    reached as `shop.example` whose WordPress home is `www.shop.example` signs with www."""
    if not home_url:
        return str(url.copy_with(query=None, fragment=None))
    home = httpx.URL(home_url)
    home_path = home.path.rstrip("/")
    wp_base = home_path + "/"
    rest = url.path[len(wp_base) :] if url.path.startswith(wp_base) else url.path
    return f"{url.scheme}://{home.netloc.decode()}{home_path}/{rest.lstrip('/')}"


class OAuth1(httpx.Auth):
    """Signs each request with the OAuth parameters in its query string."""

    def __init__(self, key: str, secret: str, home_url: str = "") -> None:
        self._key = key
        self._secret = secret
        self.home_url = home_url  # set once the shop's REST index has told it

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        oauth = {
            "oauth_consumer_key": self._key,
            "oauth_timestamp": str(int(time.time())),
            "oauth_nonce": secrets.token_hex(16),
            "oauth_signature_method": "HMAC-SHA256",
        }
        params = dict(request.url.params.multi_items())
        params.update(oauth)
        base = signing_url(request.url, self.home_url)
        oauth["oauth_signature"] = signature(request.method, base, params, self._secret)
        request.url = request.url.copy_merge_params(oauth)
        yield request

    def __repr__(self) -> str:  # never show the secret
        return "OAuth1(<hidden>)"


class KeyInQuery(httpx.Auth):
    """`consumer_key`/`consumer_secret` in the query string: what WooCommerce reads first over
    HTTPS, and what still arrives where the host strips the Authorization header."""

    def __init__(self, key: str, secret: str) -> None:
        self._key = key
        self._secret = secret

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.url = request.url.copy_merge_params(
            {"consumer_key": self._key, "consumer_secret": self._secret}
        )
        yield request

    def __repr__(self) -> str:
        return "KeyInQuery(<hidden>)"
