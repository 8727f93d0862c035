"""Fixed rates for price tests (never the bundled file, whose values may be refreshed)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from klisting.pricing import Rates

RATES = {"USD": "1", "KRW": "1000", "TWD": "30", "JPY": "150", "IDR": "16000", "VND": "25000", "EUR": "0.9",
         "THB": "35", "SGD": "1.3", "BRL": "5", "GBP": "0.8"}  # fmt: skip


@pytest.fixture
def rates() -> Rates:
    return Rates(
        base="USD", date=dt.date.today(), source="test", rates={k: D(v) for k, v in RATES.items()}
    )


@pytest.fixture
def rates_file(tmp_path):
    lines = [f'  {k}: "{v}"' for k, v in RATES.items()]
    path = tmp_path / "rates.yaml"
    path.write_text(
        f"source: test\ndate: '{dt.date.today()}'\nbase: USD\nrates:\n" + "\n".join(lines) + "\n",
        encoding="utf-8",
    )
    return path
