"""The Admin API access token: a permanent one (admin custom apps made before 2026), or one
fetched with the app's client ID and secret (the client-credentials grant, which apps made in
the Dev Dashboard use; its tokens expire, 24 hours after they are issued).

A fetched token is kept with the shop's secrets (keyring or the 0600 file), so a bench that
restarts does not ask for a new one each round; it is fetched again shortly before it expires
and whenever the shop answers 401.
Source: https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/client-credentials-grant
(`POST /admin/oauth/access_token`, form fields `grant_type=client_credentials`, `client_id`,
`client_secret`; answer `access_token`, `scope`, `expires_in`).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping
from urllib.parse import urlencode

from sync.errors import AuthError, PermanentError
from sync.http import ShopHttp, parse_json

TOKEN_PATH = "/admin/oauth/access_token"
REFRESH_BEFORE_S = 600.0  # a token this close to expiring is replaced before it is used

Store = Callable[[dict[str, str]], None]


class AccessToken:
    def __init__(
        self,
        name: str,
        secrets: Mapping[str, str],
        *,
        store: Store | None = None,
        now: Callable[[], float] = time.time,
    ) -> None:
        self.name = name
        self.static = secrets.get("token", "")
        self.client_id = secrets.get("client-id", "")
        self.client_secret = secrets.get("client-secret", "")
        self.token = secrets.get("access-token", "") if self.client_id else self.static
        self.expires_at = float(secrets.get("access-token-expires", "0") or 0)
        self.store = store
        self.now = now
        self.fetched = 0

    @property
    def renewable(self) -> bool:
        return bool(self.client_id and self.client_secret)

    def current(self, http: ShopHttp) -> str:
        if self.renewable and (not self.token or self.now() >= self.expires_at - REFRESH_BEFORE_S):
            self.renew(http)
        return self.token

    def renew(self, http: ShopHttp) -> None:
        body = urlencode(
            {
                "grant_type": "client_credentials",
                "client_id": self.client_id,
                "client_secret": self.client_secret,
            }
        ).encode()
        try:
            response = http.request(
                "POST",
                TOKEN_PATH,
                content=body,
                headers={"Content-Type": "application/x-www-form-urlencoded"},
                idempotent=True,  # a second token is harmless; the first one simply expires
            )
        except PermanentError as exc:  # 400 invalid_client: the ID or secret is wrong
            detail = str(exc.params.get("detail") or exc.code)
            # OAuth's error body ({"error", "error_description"}) reaches us as its repr
            found = re.search(r"'error_description': '([^']+)'", detail)
            detail = found.group(1) if found else detail
            raise AuthError("shopify_client_refused", shop=self.name, detail=detail) from None
        answer = parse_json(self.name, TOKEN_PATH, response)
        token = answer.get("access_token") if isinstance(answer, dict) else None
        if not token:
            raise AuthError("shopify_client_refused", shop=self.name, detail="no access_token")
        self.token = str(token)
        self.expires_at = self.now() + float(answer.get("expires_in") or 86399)
        self.fetched += 1
        if self.store is not None:
            self.store(
                {"access-token": self.token, "access-token-expires": f"{self.expires_at:.0f}"}
            )
