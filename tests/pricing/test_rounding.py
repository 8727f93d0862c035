"""Every rounding rule: steps, charm endings, whole-number currencies, IDR/VND, Shopee decimals."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from klisting.pricing.rounding import apply_charm, round_to_step


@pytest.mark.parametrize(
    ("amount", "step", "mode", "expected"),
    [
        ("12.341", "0.01", "up", "12.35"), ("12.341", "0.01", "nearest", "12.34"), ("12.349", "0.01", "down", "12.34"),
        ("285.2", "1", "up", "286"), ("285.5", "1", "nearest", "286"), ("285.9", "1", "down", "285"),
        ("200257", "100", "up", "200300"), ("200249", "100", "nearest", "200200"),
        ("319428", "1000", "up", "320000"), ("319428", "1000", "down", "319000"),
        ("0.001", "1", "down", "1"),
    ],
)  # fmt: skip
def test_round_to_step(amount, step, mode, expected):
    assert round_to_step(D(amount), D(step), mode) == D(expected)


@pytest.mark.parametrize(
    ("amount", "charm", "mode", "expected"),
    [
        ("10.20", ".99", "up", "10.99"), ("10.20", ".99", "down", "9.99"), ("10.20", ".99", "nearest", "9.99"),
        ("10.80", ".99", "nearest", "10.99"), ("10.99", ".99", "up", "10.99"), ("49.10", ".90", "up", "49.90"),
        ("286", "9", "up", "289"), ("286", "9", "down", "279"), ("286", "9", "nearest", "289"),
        ("1320", "900", "up", "1900"), ("1320", "900", "nearest", "900"),
        ("0.50", ".99", "down", "0.99"),
    ],
)  # fmt: skip
def test_apply_charm(amount, charm, mode, expected):
    assert apply_charm(D(amount), charm, mode) == D(expected)
