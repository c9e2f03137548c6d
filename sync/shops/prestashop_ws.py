"""The PrestaShop webservice as hosts really serve it (`webservice/dispatcher.php`).

The key goes as the Basic user name; many CGI/FPM hosts drop the Authorization header before
PHP sees it, and the dispatcher then takes the key from `?ws_key=`. `/api/...` needs the shop's
URL rewriting; `/webservice/dispatcher.php?url=...` answers on every host. The first refusal
(401) or missing route (404) switches to those, but only before anything has gone through, so a
real refusal later is never mistaken for a host's quirk.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from typing import Any, TypeVar

import httpx

from sync.errors import AuthError, PermanentError
from sync.http import ShopHttp

DISPATCHER = "/webservice/dispatcher.php"
T = TypeVar("T")


class _HideKey(logging.Filter):
    """httpx logs every request's URL at INFO, and the home's log file keeps INFO: with the key
    in the URL, that line would write the key to disk."""

    def filter(self, record: logging.LogRecord) -> bool:
        line = record.getMessage()
        if "ws_key=" in line:
            record.msg, record.args = re.sub(r"ws_key=[^&\s\"']*", "ws_key=***", line), ()
        return True


_HIDE_KEY = _HideKey()


def _hide_key_in_logs() -> None:
    logger = logging.getLogger("httpx")
    if _HIDE_KEY not in logger.filters:
        logger.addFilter(_HIDE_KEY)


class Webservice:
    def __init__(self, http: ShopHttp, key: str, *, key_in_url: bool, dispatcher: bool) -> None:
        self.http, self.key = http, key
        self.key_in_url, self.dispatcher = False, dispatcher
        self._settled = False  # a request went through: no more switching of key or route
        self.shop_time: dt.datetime | None = None  # the shop's clock at the last answer
        self.http.client.auth = httpx.BasicAuth(key, "")
        if key_in_url:
            self._key_in_url()

    def _key_in_url(self) -> None:
        self.key_in_url = True
        self.http.client.auth = httpx.Auth()  # no header: it does not arrive anyway
        _hide_key_in_logs()

    def where(self, resource: str, params: dict[str, str]) -> tuple[str, dict[str, str]]:
        query = {**params, "ws_key": self.key} if self.key_in_url else dict(params)
        if self.dispatcher:  # no URL rewriting: the script itself, the resource as `url`
            return DISPATCHER, {"url": resource, **query}
        return f"/api/{resource}", query

    def routed(self, resource: str, params: dict[str, str], send: Callable[..., T]) -> T:
        """Send; until something has gone through, a 401 retries with the key in the URL and
        a 404 through dispatcher.php. Each switch happens once, so this ends."""
        while True:
            path, query = self.where(resource, params)
            try:
                result = send(path, query)
            except AuthError as exc:
                # Only a refused key can mean a stripped header; a redirect elsewhere or an
                # untrusted certificate is said as it is, not tried again another way.
                if self._settled or self.key_in_url or exc.code != "shop_bad_credentials":
                    raise
                self._key_in_url()
                continue
            except PermanentError as exc:
                if self._settled or self.dispatcher or exc.params.get("status") != 404:
                    raise
                self.dispatcher = True
                continue
            self._settled = True
            return result

    def get(self, resource: str, **params: str) -> Any:
        def send(path: str, query: dict[str, str]) -> Any:
            body, response = self.http.get_json(path, params={"output_format": "JSON", **query})
            self.shop_time = _unix(response.headers.get("Access-Time"))
            return body

        return self.routed(resource, params, send)

    def write(self, method: str, resource: str, body: str, *, sendemail: bool) -> None:
        """Send an XML body; errors come back as JSON. Never retried blindly here: the shop
        mails the customer on some writes, so a retry goes through the outbox, which reads the
        shop's state first."""
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?><prestashop xmlns:xlink='
            f'"http://www.w3.org/1999/xlink">{body}</prestashop>'
        )
        params = {"sendemail": "1" if sendemail else "0", "output_format": "JSON"}

        def send(path: str, query: dict[str, str]) -> httpx.Response:
            return self.http.request(
                method,
                path,
                params=query,
                content=xml.encode(),
                headers={"Content-Type": "application/xml"},
                idempotent=False,
            )

        self.routed(resource, params, send)


def _unix(value: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(int(value or ""), dt.UTC)
    except (ValueError, OverflowError, OSError):
        return None
