"""Exchange rates: a dated file naming its source, loaded as Decimals, refreshed over httpx.

File format (configs/rates.yaml, or a user file): ``base``, ``date``, ``source``, ``url`` and
``rates`` (units of each currency per one ``base``, written as strings so no precision is lost).
Lookup order when no file is named: ``$KLISTING_HOME/rates.yaml`` (written by
``klisting rates update``), then the bundled configs/rates.yaml.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from klisting.errors import ConfigError, InputError
from klisting.model import Money
from klisting.paths import config_dir, data_home

#: rates older than this many days get an info finding on every price
STALE_DAYS = 30


class Rates(BaseModel):
    """A set of exchange rates against one base currency, with its date and source."""

    model_config = ConfigDict(extra="forbid")

    base: str = Field(pattern=r"^[A-Z]{3}$")
    date: dt.date
    source: str
    url: str = ""
    rates: dict[str, Decimal]
    path: str = ""

    @field_validator("rates")
    @classmethod
    def _positive(cls, rates: dict[str, Decimal]) -> dict[str, Decimal]:
        for code, rate in rates.items():
            if rate <= 0:
                raise ValueError(f"rate for {code} must be positive, got {rate}")
        return rates

    def rate(self, source: str, target: str) -> Decimal:
        """Units of ``target`` per one unit of ``source``.

        Raises:
            ConfigError: when either currency is not in the file.
        """
        for code in (source, target):
            if code != self.base and code not in self.rates:
                raise ConfigError(
                    f"no exchange rate for {code} in {self.path or 'the rates file'}",
                    hint="Run `klisting rates update` or add the currency to the rates file.",
                )
        source_rate = Decimal(1) if source == self.base else self.rates[source]
        target_rate = Decimal(1) if target == self.base else self.rates[target]
        return target_rate / source_rate

    def convert(self, money: Money, currency: str) -> Money:
        """``money`` in ``currency`` (not rounded; rounding is a pricing step)."""
        if money.currency == currency:
            return money
        return Money(money.amount * self.rate(money.currency, currency), currency)

    def age_days(self, today: dt.date | None = None) -> int:
        """Days since the rates were published."""
        return ((today or dt.date.today()) - self.date).days


def default_rates_path() -> Path:
    """The rates file used when none is named: the user copy if present, else the bundled one."""
    user = data_home() / "rates.yaml"
    return user if user.is_file() else config_dir() / "rates.yaml"


def load_rates(path: Path | str | None = None) -> Rates:
    """Load a rates file (``path``, or ``default_rates_path()``).

    Raises:
        InputError: when a named file does not exist.
        ConfigError: when the file is not a valid rates file (message names file and key).
    """
    target = Path(path) if path else default_rates_path()
    try:
        stamp = target.stat().st_mtime_ns
    except OSError:
        if path:
            raise InputError(
                f"{target}: rates file not found",
                hint="Give an existing file or run `klisting rates update`.",
            ) from None
        raise ConfigError(
            f"{target}: bundled rates file is missing", hint="Run `klisting rates update`."
        ) from None
    return _load_cached(str(target), stamp)


@lru_cache(maxsize=16)
def _load_cached(path: str, stamp: int) -> Rates:
    # keyed on the modification time too: `klisting rates update` may rewrite the file in-process
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read rates file: {exc}") from None
    try:
        rates = Rates.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(part) for part in first["loc"]) or "(top level)"
        raise ConfigError(f"{path}: key '{key}': {first['msg']}") from None
    return rates.model_copy(update={"path": path})
