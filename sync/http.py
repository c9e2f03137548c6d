"""HTTP to a shop: timeouts, retries of safe requests, Retry-After, and error translation.

Reads (and writes the caller marks idempotent) are retried here a few times with exponential
backoff and jitter. Other writes are never retried blindly: the error goes up to the outbox,
which reads back before trying again. Sleeping goes through an injectable `sleep` so tests and
benchmarks never wait for real.
"""

from __future__ import annotations

import logging
import random
import ssl
import time
import zlib
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import httpx
import orjson

from sync.errors import AuthError, OfflineError, PermanentError, RateLimitedError, TransientError

Sleep = Callable[[float], None]
Params = Mapping[str, str | int]

# What one answer may weigh, on the wire and once decompressed. The largest real page (100
# orders with notes and metadata) is a few MB; a gzip bomb of 1 MB inflates to gigabytes.
MAX_RESPONSE_BYTES = 16 * 1024 * 1024
MAX_DECODED_BYTES = 32 * 1024 * 1024
_DECODED_HEADERS = ("content-encoding", "content-length", "transfer-encoding")
# A redirect is followed only within the shop's own site (http→https, www↔bare), and a few
# times at most: a longer chain is a misconfigured server, not a shop that moved.
MAX_REDIRECTS = 3
_REDIRECTS = (301, 302, 303, 307, 308)
# What a web application firewall (ModSecurity and the like) answers when it stops a request
# before the shop's code runs: one of these statuses with its own HTML page, not the shop's JSON.
_FIREWALL_STATUSES = (403, 405, 406, 501)


class ResponseTooLargeError(PermanentError):
    """The shop's answer was larger than any real one: refused, not retried."""


class BlockedError(PermanentError):
    """The web server in front of the shop refused the request (a firewall rule), not the shop:
    the same change sent another way (another method) may pass."""


def backoff_s(
    attempt: int, *, base_s: float = 1.0, cap_s: float = 60.0, rng: random.Random | None = None
) -> float:
    """Exponential backoff with jitter: half of the delay fixed, half random."""
    delay = min(cap_s, base_s * (2 ** max(0, attempt - 1)))
    return float(delay / 2 + (rng or random).uniform(0, delay / 2))


def retry_after_s(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def error_code(response: httpx.Response) -> str:
    """The platform's own error code (WordPress's `code`), or "" when the body has none."""
    try:
        body = response.json()
    except ValueError:
        return ""
    return str(body.get("code") or "") if isinstance(body, dict) else ""


def _is_json(response: httpx.Response) -> bool:
    """Whether the answer is the shop's own (every platform answers errors in JSON); a firewall
    in front of it answers with its HTML page."""
    try:
        response.json()
    except ValueError:
        return False
    return True


def same_site(a: str, b: str) -> bool:
    """Two host names of one site: equal once a leading `www.` is set aside."""
    return a.lower().removeprefix("www.") == b.lower().removeprefix("www.")


def error_text(response: httpx.Response) -> str:
    """The shop's own error message, whatever the shop's error shape."""
    try:
        body = response.json()
    except ValueError:
        return response.text[:200].strip() or response.reason_phrase
    if isinstance(body, dict):
        if "message" in body:
            return str(body["message"])
        errors = body.get("errors")
        if isinstance(errors, str):
            return errors
        if isinstance(errors, list) and errors:
            first = errors[0]
            return str(first.get("message", first)) if isinstance(first, dict) else str(first)
        if isinstance(errors, dict):
            return "; ".join(f"{k}: {v}" for k, v in errors.items())
    return str(body)[:200]


class ShopHttp:
    """One shop's HTTP client. `name` appears in messages; credentials never do."""

    def __init__(
        self,
        name: str,
        base_url: str,
        *,
        auth: httpx.Auth | None = None,
        headers: Mapping[str, str] | None = None,
        timeout_s: float = 20.0,
        retries: int = 4,
        sleep: Sleep = time.sleep,
        rng: random.Random | None = None,
        ca_file: str | None = None,
    ) -> None:
        """`ca_file`: a PEM bundle that signs the shop's certificate (a shop on an internal or
        self-signed certificate); without it the usual public authorities are trusted."""
        # httpx logs every URL at INFO, and the log file is kept at INFO: a shop that takes its
        # key in the query string would leave it there.
        logging.getLogger("httpx").setLevel(logging.WARNING)
        self.name = name
        self.sleep = sleep
        self.retries = retries
        self.rng = rng or random.Random()
        self.client = httpx.Client(
            base_url=base_url.rstrip("/"),
            auth=auth,
            # Only what `inflate` reads, a megabyte at a time.
            headers={"Accept-Encoding": "gzip, deflate", **dict(headers or {})},
            timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, 10.0)),
            follow_redirects=False,
            verify=ssl.create_default_context(cafile=ca_file) if ca_file else True,
        )
        self.requests_sent = 0
        self.rate_limited = 0
        self.server_date: str | None = None  # the last answer's `Date`: a second clock

    def close(self) -> None:
        self.client.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Params | None = None,
        json_body: Any = None,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        idempotent: bool | None = None,
    ) -> httpx.Response:
        """Send, retrying transient failures when the request is safe to repeat."""
        safe = method in ("GET", "HEAD") if idempotent is None else idempotent
        attempt = 0
        while True:
            attempt += 1
            try:
                return self._once(method, path, params, json_body, content, headers)
            except TransientError as exc:
                if not safe or attempt > self.retries:
                    raise
                wait = backoff_s(attempt, base_s=0.5, cap_s=30.0, rng=self.rng)
                self.sleep(max(wait, exc.retry_after_s or 0.0))

    def get_json(self, path: str, *, params: Params | None = None) -> tuple[Any, httpx.Response]:
        """GET and parse; a malformed body is retried like a 5xx (it usually is one)."""
        attempt = 0
        while True:
            attempt += 1
            response = self.request("GET", path, params=params)
            try:
                return parse_json(self.name, path, response), response
            except TransientError:
                if attempt > self.retries:
                    raise
                self.sleep(backoff_s(attempt, base_s=0.5, rng=self.rng))

    def _once(
        self,
        method: str,
        path: str,
        params: Params | None,
        json_body: Any,
        content: bytes | None,
        headers: Mapping[str, str] | None,
    ) -> httpx.Response:
        for _ in range(MAX_REDIRECTS + 1):
            response = self._send(method, path, params, json_body, content, headers)
            self.server_date = response.headers.get("date") or self.server_date
            if response.status_code not in _REDIRECTS:
                self.check(method, path, response)
                return response
            self._follow(path, response)
        raise PermanentError("shop_redirect_loop", shop=self.name, path=path)

    def _send(
        self,
        method: str,
        path: str,
        params: Params | None,
        json_body: Any,
        content: bytes | None,
        headers: Mapping[str, str] | None,
    ) -> httpx.Response:
        self.requests_sent += 1
        try:
            request = self.client.build_request(
                method, path, params=params, json=json_body, content=content, headers=headers
            )
            return self._read_bounded(request, f"{method} {path}")
        except httpx.ConnectError as exc:
            if "CERTIFICATE_VERIFY_FAILED" in str(exc):
                # Not an outage, and retrying will not help: the shop's certificate is not one we
                # trust (self-signed, expired, another host name). A person must look at it.
                raise AuthError(
                    "shop_certificate_untrusted", shop=self.name, reason=_ssl_reason(exc)
                ) from None
            raise OfflineError(
                "shop_unreachable", shop=self.name, error=type(exc).__name__
            ) from None
        except httpx.ConnectTimeout as exc:
            raise OfflineError(
                "shop_unreachable", shop=self.name, error=type(exc).__name__
            ) from None
        except httpx.TimeoutException:
            raise TransientError("shop_timeout", shop=self.name, method=method, path=path) from None
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise TransientError(
                "shop_connection_broke",
                shop=self.name,
                method=method,
                path=path,
                error=type(exc).__name__,
            ) from None

    def _follow(self, path: str, response: httpx.Response) -> None:
        """Move to where the shop's site says it lives, if it is the same site: the request is
        then sent again, same method and body, signed for the new address. Credentials never go
        to another host or over plain HTTP after HTTPS; a redirect off the API (a login or
        maintenance page) is not followed either."""
        source = response.request.url
        location = response.headers.get("Location", "")
        if not location:  # a redirect to nowhere: a broken server, never a success
            raise PermanentError("shop_redirect_loop", shop=self.name, path=path)
        target = source.join(location)
        if not same_site(source.host, target.host):
            raise AuthError("shop_redirects_elsewhere", shop=self.name, host=target.host or "?")
        if source.scheme == "https" and target.scheme != "https":
            raise AuthError("shop_redirect_to_http", shop=self.name)
        base = self.client.base_url.path.rstrip("/")
        tail = source.path[len(base) :] if source.path.startswith(base) else source.path
        if not tail or not target.path.endswith(tail):
            raise PermanentError(
                "shop_redirected_off_api", shop=self.name, path=path, target=target.path
            )
        new_base = target.copy_with(path=target.path[: -len(tail)] or "/", query=None)
        self.client.base_url = new_base

    def _read_bounded(self, request: httpx.Request, what: str) -> httpx.Response:
        """The answer, read in chunks and counted both as sent and as decompressed, so that a
        huge or bomb-like body stops at the cap instead of filling the memory."""
        streamed = self.client.send(request, stream=True)
        try:
            chunks, decoded = [], 0
            encoding = streamed.headers.get("content-encoding", "identity")
            for chunk in inflate(streamed.iter_raw(), encoding, self.name):
                decoded += len(chunk)
                if (
                    decoded > MAX_DECODED_BYTES
                    or streamed.num_bytes_downloaded > MAX_RESPONSE_BYTES
                ):
                    raise ResponseTooLargeError(
                        "shop_answer_too_large",
                        shop=self.name,
                        what=what,
                        limit_mb=MAX_DECODED_BYTES // 2**20,
                    )
                chunks.append(chunk)
        finally:
            streamed.close()
        headers = [
            (k, v) for k, v in streamed.headers.multi_items() if k.lower() not in _DECODED_HEADERS
        ]
        return httpx.Response(
            streamed.status_code,
            headers=headers,
            content=b"".join(chunks),
            request=request,
            extensions=streamed.extensions,
        )

    def check(self, method: str, path: str, response: httpx.Response) -> None:
        status = response.status_code
        if status < 300:
            return
        text = error_text(response)
        where = {"shop": self.name, "method": method, "path": path, "detail": text}
        code = error_code(response)
        if status in _FIREWALL_STATUSES and not _is_json(response):
            raise BlockedError(
                "shop_blocked_by_firewall", shop=self.name, method=method, path=path, status=status
            )
        if status == 429:
            self.rate_limited += 1
            raise RateLimitedError(
                "shop_rate_limited", **where, retry_after_s=retry_after_s(response) or 2.0
            )
        if status >= 500 or status == 408:
            raise TransientError(
                "shop_http_failed", **where, status=status, retry_after_s=retry_after_s(response)
            )
        if status in (401, 403):
            error = AuthError("shop_bad_credentials", shop=self.name, detail=text)
            error.platform_code = code
            raise error
        raise PermanentError("shop_refused", **where, status=status)


_INFLATE_STEP = 1 << 20
_WBITS = {"gzip": 31, "x-gzip": 31, "deflate": 47}  # 47: zlib or gzip header, detected


def inflate(raw: Iterator[bytes], encoding: str, name: str) -> Iterator[bytes]:
    """The body decompressed a megabyte at a time: one small chunk of a bomb would otherwise
    inflate to a gigabyte in a single call."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        yield from raw
        return
    if encoding not in _WBITS:
        raise PermanentError("shop_unknown_encoding", shop=name, encoding=encoding)
    decoder = zlib.decompressobj(_WBITS[encoding])
    try:
        for chunk in raw:
            data = chunk
            while data:
                yield decoder.decompress(data, _INFLATE_STEP)
                data = decoder.unconsumed_tail
        yield decoder.flush()
    except zlib.error:
        raise TransientError("shop_broken_body", shop=name, encoding=encoding) from None


def _ssl_reason(exc: Exception) -> str:
    text = str(exc)
    start = text.find("certificate verify failed")
    return text[start:].split("(_ssl")[0].strip(" :") if start >= 0 else "verification failed"


def parse_json(name: str, path: str, response: httpx.Response) -> Any:
    try:
        return orjson.loads(response.content)
    except orjson.JSONDecodeError:
        raise TransientError("shop_malformed_json", shop=name, path=path) from None
