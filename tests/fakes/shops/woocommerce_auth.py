"""How a fake WooCommerce decides who is calling, line by line after WooCommerce's own
`plugins/woocommerce/includes/class-wc-rest-authentication.php` (woocommerce/woocommerce
@170a8939), as a host with or without the Authorization header passes it to PHP:

- `authenticate()`: over HTTPS `perform_basic_authentication()` first, which reads
  `$_GET['consumer_key']`/`['consumer_secret']` before `PHP_AUTH_USER`/`PHP_AUTH_PW`; an unknown
  key is no error there, a wrong secret is "Consumer secret is invalid.". Then, on any scheme,
  `perform_oauth_authentication()`, with parameters from `$_GET`, `$_POST` and the
  Authorization header (`get_oauth_parameters()`), none at all meaning "not OAuth".
- `check_oauth_signature()`: the base string uses `get_home_url(null, $path, is_ssl() ? 'https'
  : 'http')`, the request path taken relative to the home path: the home URL WordPress is set
  to, not the host the client used.
- `check_oauth_timestamp_and_nonce()`: 15 minutes either way; a nonce once.
- With no user, the request goes on anonymous and the controller's permission check refuses it
  (`woocommerce_rest_cannot_view`, 401 from `rest_authorization_required_code()`).
- `check_permissions()`: read / write / read_write per method.

A host that strips the Authorization header (Apache without `CGIPassAuth`, many CGI/FPM setups)
is `strip_authorization=True`: PHP sees neither `PHP_AUTH_USER` nor `HTTP_AUTHORIZATION`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from tests.fakes.shops.base import Clock, Request, Response

OAUTH_PARAMS = (
    "oauth_consumer_key",
    "oauth_timestamp",
    "oauth_nonce",
    "oauth_signature",
    "oauth_signature_method",
)
AUTH_ERROR = "woocommerce_rest_authentication_error"


def error(status: int, code: str, message: str, **data: Any) -> Response:
    return Response.json(
        status, {"code": code, "message": message, "data": {"status": status, **data}}
    )


def _enc(value: str) -> str:
    return quote(unquote(value), safe="").replace("%", "%25")


def home_relative_url(home: str, scheme: str, path: str) -> str:
    """`get_home_url(null, $request_path, $scheme)` after stripping the home's relative base."""
    parts = urlsplit(home)
    wp_base = parts.path.rstrip("/") + "/"
    rest = path[len(wp_base) :] if path.startswith(wp_base) else path
    return f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}/{rest.lstrip('/')}"


@dataclass
class WooKeys:
    """The shop's API keys and what the host passes to PHP."""

    keys: dict[str, tuple[str, str]]  # consumer key -> (secret, permissions)
    clock: Clock
    home: str = ""  # WordPress's home URL; "" = the address the request came to
    strip_authorization: bool = False
    seen: list[str] = field(default_factory=list)  # how each request arrived: basic, query, ...
    nonces: set[str] = field(default_factory=set)

    def authenticate(self, request: Request, https: bool) -> Response | None:
        """None when the request may go on as the key's user; else the answer WooCommerce sends."""
        header = "" if self.strip_authorization else request.headers.get("authorization", "")
        failure: Response | None = None
        permissions = None
        if https:
            permissions, failure = self._basic(request, header)
        if permissions is None:
            permissions, oauth_failure = self._oauth(request, header, https)
            failure = oauth_failure or failure
        if failure is not None:
            return failure
        if permissions is None:
            self.seen.append("none")
            return _anonymous(request)
        return _check_permissions(request, permissions)

    def _basic(self, request: Request, header: str) -> tuple[str | None, Response | None]:
        key, secret = request.arg("consumer_key"), request.arg("consumer_secret")
        how = "query"
        if not (key and secret) and header.startswith("Basic "):
            key, _, secret = base64.b64decode(header[6:]).decode().partition(":")
            how = "basic"
        if not (key and secret) or key not in self.keys:
            return None, None
        expected, permissions = self.keys[key]
        if not hmac.compare_digest(expected, secret):
            return None, error(401, AUTH_ERROR, "Consumer secret is invalid.")
        self.seen.append(how)
        return permissions, None

    def _oauth(
        self, request: Request, header: str, https: bool
    ) -> tuple[str | None, Response | None]:
        params = dict(request.query)
        if header.startswith("OAuth "):
            params.update(
                {k: unquote(v) for k, v in re.findall(r'(oauth_[a-z_-]*)="([^"]*)"', header)}
            )
        missing = [p for p in OAUTH_PARAMS if not params.get(p)]
        if len(missing) == len(OAUTH_PARAMS):
            return None, None  # not trying OAuth at all
        if missing:
            plural = "parameter" if len(missing) == 1 else "parameters"
            message = f"Missing OAuth {plural} {', '.join(missing)}"
            return None, error(401, "woocommerce_rest_authentication_missing_parameter", message)
        key = params["oauth_consumer_key"]
        if key not in self.keys:
            return None, error(401, AUTH_ERROR, "Consumer key is invalid.")
        secret, permissions = self.keys[key]
        refusal = self._check_signature(request, params, secret, https)
        if refusal is None:
            refusal = self._check_timestamp_and_nonce(params)
        if refusal is not None:
            return None, error(401, AUTH_ERROR, refusal)
        self.seen.append("oauth")
        return permissions, None

    def _check_signature(
        self, request: Request, params: dict[str, str], secret: str, https: bool
    ) -> str | None:
        method = params["oauth_signature_method"]
        given = params.pop("oauth_signature").replace(" ", "+")
        scheme = "https" if https else "http"
        home = self.home or f"{scheme}://{request.headers.get('host', '')}"
        base = quote(home_relative_url(home, scheme, request.path), safe="")
        pairs = sorted(params.items())
        query = "%26".join(f"{_enc(k)}%3D{_enc(v)}" for k, v in pairs)
        to_sign = f"{request.method}&{base}&{query}"
        if method not in ("HMAC-SHA1", "HMAC-SHA256"):
            return "Invalid signature - signature method is invalid."
        algo = hashlib.sha256 if method == "HMAC-SHA256" else hashlib.sha1
        digest = hmac.new(f"{secret}&".encode(), to_sign.encode(), algo).digest()
        if not hmac.compare_digest(base64.b64encode(digest).decode(), given):
            return "Invalid signature - provided signature does not match."
        return None

    def _check_timestamp_and_nonce(self, params: dict[str, str]) -> str | None:
        stamp = int(params["oauth_timestamp"])
        # The fake's clock may run ahead of the real one (tests advance it instead of sleeping).
        if min(abs(stamp - self.clock.now()), abs(stamp - time.time())) > 15 * 60:
            return "Invalid timestamp."
        if params["oauth_nonce"] in self.nonces:
            return "Invalid nonce - nonce has already been used."
        self.nonces.add(params["oauth_nonce"])
        return None


def _anonymous(request: Request) -> Response:
    """What the REST controllers' permission callbacks answer a request with no user."""
    if request.method == "GET":
        if re.search(r"/\d+$", request.path):
            return error(
                401, "woocommerce_rest_cannot_view", "Sorry, you cannot view this resource."
            )
        return error(401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.")
    if re.search(r"/\d+$", request.path):
        return error(
            401, "woocommerce_rest_cannot_edit", "Sorry, you are not allowed to edit this resource."
        )
    return error(
        401, "woocommerce_rest_cannot_create", "Sorry, you are not allowed to create resources."
    )


def _check_permissions(request: Request, permissions: str) -> Response | None:
    if request.method in ("GET", "HEAD") and permissions not in ("read", "read_write"):
        return error(401, AUTH_ERROR, "The API key provided does not have read permissions.")
    if request.method not in ("GET", "HEAD") and permissions not in ("write", "read_write"):
        return error(401, AUTH_ERROR, "The API key provided does not have write permissions.")
    return None
