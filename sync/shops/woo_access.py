"""Reaching a WooCommerce shop's REST API the way real hosts let a key through.

`class-wc-rest-authentication.php` (WooCommerce) authenticates a request in this order: over
HTTPS, `consumer_key`/`consumer_secret` from the query string, else Basic (`PHP_AUTH_USER`);
then, on any scheme, OAuth 1.0a with its parameters from the query string, the body or the
Authorization header, signed for the home URL. Many Apache/CGI/FPM hosts never give PHP the
Authorization header, so Basic silently arrives as an anonymous request. Hence:

- plain HTTP: OAuth 1.0a in the query string, signed for the home URL of the REST index;
- HTTPS: Basic; when the key did not arrive, once more with the key in the query string;
- the shop's `auth` setting forces one way: basic, query or oauth.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import httpx

from sync.errors import AuthError, PermanentError
from sync.http import BlockedError, ShopHttp, Sleep
from sync.oauth1 import KeyInQuery, OAuth1

T = TypeVar("T")

API = "/wp-json/wc/v3"
AUTH_MODES = ("auto", "basic", "query", "oauth")
# What WordPress answers a request that arrived with no key at all: the REST controllers'
# permission checks fail for the anonymous user (`woocommerce_rest_cannot_view`, ...).
ANONYMOUS = ("woocommerce_rest_cannot_", "rest_forbidden", "rest_cannot_")
# What WooCommerce says when the key or its secret is not the shop's.
WRONG_KEY = (
    "Consumer key is invalid.",
    "Consumer secret is invalid.",
    "Invalid signature - provided signature does not match.",
)


class WooAccess:
    """One shop's HTTP client with the key sent the way the shop accepts it."""

    def __init__(
        self,
        name: str,
        url: str,
        key: str,
        secret: str,
        *,
        settings: dict[str, Any],
        timeout_s: float,
        sleep: Sleep | None,
    ) -> None:
        self.name = name
        self._key, self._secret = key, secret
        forced = str(settings.get("auth") or "auto")
        https = url.lower().startswith("https://")
        self.mode = forced if forced != "auto" else "basic" if https else "oauth"
        self._may_fall_back = forced == "auto" and https
        self._https = https
        self.header_stripped = False  # Basic never arrived; the key went in the query instead
        self._oauth = OAuth1(key, secret)
        self._namespaces: list[str] | None = None
        self._index_read = False
        self._edit_method = "PUT"
        extra: dict[str, Any] = {"sleep": sleep} if sleep else {}
        self.http = ShopHttp(
            name,
            url,
            auth=self._auth(self.mode),
            timeout_s=timeout_s,
            ca_file=settings.get("ca_file") or None,
            **extra,
        )

    def _auth(self, mode: str) -> httpx.Auth:
        if mode == "query":
            return KeyInQuery(self._key, self._secret)
        if mode == "oauth":
            return self._oauth
        return httpx.BasicAuth(self._key, self._secret)

    def has_namespace(self, namespace: str) -> bool | None:
        """Whether the REST index lists this plugin namespace; None when the index is hidden."""
        self._read_index()
        return None if self._namespaces is None else namespace in self._namespaces

    def get(self, path: str, params: dict[str, str | int] | None = None) -> Any:
        return self._call(lambda: self.http.get_json(path, params=params))

    def post(self, path: str, body: Any) -> None:
        self._call(lambda: self.http.request("POST", path, json_body=body))

    def edit(self, path: str, body: Any) -> None:
        """Update a resource. Where a firewall (ModSecurity rules on shared hosts) refuses PUT,
        the same edit goes as POST, which WordPress routes as an edit (`EDITABLE` is
        `POST, PUT, PATCH` in `WP_REST_Server`)."""
        if self._edit_method == "PUT":
            try:
                self._call(lambda: self.http.request("PUT", path, json_body=body, idempotent=True))
                return
            except BlockedError:
                self._edit_method = "POST"
        self._call(lambda: self.http.request("POST", path, json_body=body, idempotent=True))

    def _read_index(self) -> None:
        """Once per connection: the REST index (`/wp-json/`) gives the home URL WordPress signs
        with and the plugin namespaces. A shop that hides its index (404, or 401 from a security
        plugin) is signed for the address configured."""
        if self._index_read:
            return
        self._index_read = True
        try:
            index, _ = self.http.get_json("/wp-json/", params={"_fields": "home,namespaces"})
        except PermanentError:
            return
        except AuthError as exc:
            # Security plugins close the index to anonymous callers; a redirect elsewhere or
            # an untrusted certificate is another matter and stops here.
            if exc.code != "shop_bad_credentials":
                raise
            return
        if isinstance(index, dict):
            self._oauth.home_url = str(index.get("home") or "")
            namespaces = index.get("namespaces")
            self._namespaces = (
                [str(n) for n in namespaces] if isinstance(namespaces, list) else None
            )

    def _call(self, send: Callable[[], T]) -> T:
        """Send; if the key never reached WooCommerce through the Authorization header, send
        once more with the key in the query string (HTTPS, not forced). A request that arrived
        anonymous changed nothing, so sending it again is safe."""
        self._read_index()
        try:
            return send()
        except AuthError as exc:
            if not (self._may_fall_back and _anonymous(exc)):
                raise self._cause(exc) from None
        self._may_fall_back = False
        self.header_stripped = True
        self.mode = "query"
        self.http.client.auth = self._auth("query")
        try:
            return send()
        except AuthError as exc:
            raise self._cause(exc) from None

    def _cause(self, exc: AuthError) -> AuthError:
        """The refusal named by its cause: over plain HTTP WooCommerce reads neither Basic nor a
        key in the query; over HTTPS an anonymous answer to Basic means the web server dropped
        the header; otherwise the shop does not know the key."""
        detail = str(exc.params.get("detail", ""))
        if _anonymous(exc) and self.mode in ("basic", "query") and not self._https:
            return AuthError("woocommerce_key_needs_https", shop=self.name, mode=self.mode)
        if _anonymous(exc) and self.mode == "basic":
            return AuthError("woocommerce_header_stripped", shop=self.name)
        if _anonymous(exc) or detail in WRONG_KEY:
            return AuthError("woocommerce_wrong_key", shop=self.name, detail=detail)
        return exc


def _anonymous(exc: AuthError) -> bool:
    return exc.platform_code.startswith(ANONYMOUS)
