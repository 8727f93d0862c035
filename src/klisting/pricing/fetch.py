"""``klisting rates update``: fetch current rates over httpx and rewrite a rates file atomically.

Default source: open.er-api.com (ExchangeRate-API's free, keyless endpoint, daily updates,
attribution requested). Its JSON has ``result``, ``base_code``, ``time_last_update_utc`` and
``rates``; tests serve the same format from a local HTTP server.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx
import yaml
from pydantic import ValidationError

from klisting.errors import RemoteError
from klisting.infra.atomic import write_text_atomic
from klisting.pricing.rates import Rates

DEFAULT_URL = "https://open.er-api.com/v6/latest/USD"
SOURCE_NAME = "open.er-api.com (ExchangeRate-API, https://www.exchangerate-api.com)"


def fetch_rates(url: str = DEFAULT_URL, *, timeout: float = 15.0) -> Rates:
    """Download rates from an open.er-api.com style endpoint.

    Raises:
        RemoteError: on network failure, an HTTP error, or a body that is not rates JSON.
    """
    try:
        response = httpx.get(url, timeout=timeout, follow_redirects=True)
        response.raise_for_status()
    except httpx.HTTPStatusError as exc:
        raise RemoteError(f"rates source {url} answered HTTP {exc.response.status_code}") from None
    except httpx.HTTPError as exc:
        raise RemoteError(f"cannot reach rates source {url}: {exc}") from None
    return parse_rates_json(response.content, url)


def parse_rates_json(content: bytes, url: str = "") -> Rates:
    """Parse an open.er-api.com response body; numbers are read straight into Decimals."""
    try:
        data = json.loads(content, parse_float=Decimal, parse_int=Decimal)
        if data.get("result") != "success":
            raise ValueError(f"result is {data.get('result')!r}: {data.get('error-type', '')}")
        published = _date(data.get("time_last_update_utc"))
        rates = {str(code): Decimal(value) for code, value in data["rates"].items()}
        return Rates(
            base=str(data["base_code"]), date=published, source=SOURCE_NAME, url=url, rates=rates
        )
    except ValidationError as exc:
        # pydantic's own text spans several lines and links to its docs; one line is enough
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise RemoteError(
            f"rates source {url or '(body)'} sent an unusable rate: {where}: {first['msg']}",
            hint="Use an open.er-api.com style URL (--url), or edit the rates file by hand.",
        ) from None
    # ArithmeticError: Decimal("abc") raises InvalidOperation, which is not a ValueError
    except (ValueError, ArithmeticError, KeyError, TypeError, AttributeError) as exc:
        detail = "a rate is not a number" if isinstance(exc, ArithmeticError) else exc
        raise RemoteError(
            f"rates source {url or '(body)'} did not return rates JSON ({detail})",
            hint="Use an open.er-api.com style URL (--url), or edit the rates file by hand.",
        ) from None


def _date(text: object) -> dt.date:
    if not text:
        return dt.date.today()
    return parsedate_to_datetime(str(text)).date()


def write_rates(rates: Rates, path: Path | str) -> None:
    """Write ``rates`` as YAML to ``path`` atomically (amounts as strings)."""
    header = (
        "# Exchange rates: units of each currency per 1 unit of `base`, written by `klisting rates update`.\n"
        f"# Rates by {rates.source}.\n"
    )
    body = {
        "source": rates.source,
        "url": rates.url,
        "date": rates.date.isoformat(),
        "base": rates.base,
        "rates": {code: str(value) for code, value in sorted(rates.rates.items())},
    }
    write_text_atomic(path, header + yaml.safe_dump(body, allow_unicode=True, sort_keys=False))
