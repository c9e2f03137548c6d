"""HTTP to a carrier, apart from any carrier's wire format: JSON or form fields in, JSON or
text out, a deadline.

A carrier that cannot be reached, answers too late, is in its maintenance window (5xx) or
answers with something that is not JSON raises `CarrierUnreachableError`: the parcel's order
is not refused, it waits for the carrier. Credentials travel in bodies or headers and are
never part of an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx

from station.carriers.port import ShippingError

DEFAULT_DEADLINE_S = 1.5  # a bench waits no longer than this for a carrier's label


class CarrierUnreachableError(ShippingError):
    """The carrier did not answer in time, or not at all: nothing was refused."""


@dataclass
class CarrierHttp:
    carrier: str
    base_url: str
    deadline_s: float = DEFAULT_DEADLINE_S
    client: httpx.Client | None = field(default=None, repr=False)

    def send(
        self,
        method: str,
        path: str,
        body: Any = None,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> Any:
        """The answer's JSON, whatever its status: carriers put their refusals in the body."""
        return self.json_of(self.request(method, path, json=body, headers=headers, **kwargs))

    def json_of(self, response: httpx.Response) -> Any:
        try:
            return response.json()
        except ValueError:
            raise CarrierUnreachableError(
                "carrier_answer_unreadable", carrier=self.carrier, status=response.status_code
            ) from None

    def post_form(self, path: str, fields: dict[str, str]) -> str:
        """An HTTP POST of form fields (an ASMX web service's way); the answer's text."""
        return self.request("POST", path, data=fields).text

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """`path` under the base URL, or a whole URL the carrier gave (a label to download)."""
        url = path if "://" in path else f"{self.base_url.rstrip('/')}/{path.lstrip('/')}"
        try:
            response = self._client().request(method, url, **kwargs)
        except httpx.TimeoutException:
            raise CarrierUnreachableError(
                "carrier_timeout", carrier=self.carrier, seconds=self.deadline_s
            ) from None
        except httpx.HTTPError:
            raise CarrierUnreachableError("carrier_unreachable", carrier=self.carrier) from None
        if response.status_code >= 500:
            raise CarrierUnreachableError(
                "carrier_down", carrier=self.carrier, status=response.status_code
            )
        return response

    def _client(self) -> httpx.Client:
        if self.client is None:
            self.client = httpx.Client(timeout=self.deadline_s)
        return self.client

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
