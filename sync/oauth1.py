"""OAuth 1.0a one-legged signing, as WooCommerce requires over plain HTTP.

The parameters travel in an `Authorization: OAuth ...` header, so no credential ever appears in
a URL (and so in no log line). The signing mirrors WooCommerce's own client (wc-api-python).
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


class OAuth1(httpx.Auth):
    def __init__(self, key: str, secret: str) -> None:
        self._key = key
        self._secret = secret

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        oauth = {
            "oauth_consumer_key": self._key,
            "oauth_timestamp": str(int(time.time())),
            "oauth_nonce": secrets.token_hex(16),
            "oauth_signature_method": "HMAC-SHA256",
        }
        params = dict(request.url.params.multi_items())
        params.update(oauth)
        url = request.url.copy_with(query=None, fragment=None)
        oauth["oauth_signature"] = signature(request.method, str(url), params, self._secret)
        request.headers["Authorization"] = "OAuth " + ", ".join(
            f'{k}="{quote(v, safe="")}"' for k, v in oauth.items()
        )
        yield request

    def __repr__(self) -> str:  # never show the secret
        return "OAuth1(<hidden>)"
