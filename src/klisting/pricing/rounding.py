"""Rounding a price to a step (0.01, 1, 100, 1000) and to a charm ending (.99, 9, 900)."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

_MODES = {"up": ROUND_CEILING, "down": ROUND_FLOOR, "nearest": ROUND_HALF_UP}


def round_to_step(amount: Decimal, step: Decimal, mode: str = "up") -> Decimal:
    """``amount`` rounded to a multiple of ``step`` (up, down or nearest, half up).

    A price never rounds to zero: the smallest result is one step.
    """
    units = (amount / step).quantize(Decimal(1), rounding=_MODES[mode])
    return max(units, Decimal(1)) * step


def charm_modulus(charm: str) -> tuple[Decimal, Decimal]:
    """(modulus, ending) of a charm: ".99" -> (1, 0.99); "9" -> (10, 9); "900" -> (1000, 900)."""
    if charm.startswith("."):
        return Decimal(1), Decimal("0" + charm)
    return Decimal(10) ** len(charm), Decimal(charm)


def apply_charm(amount: Decimal, charm: str, mode: str = "up") -> Decimal:
    """The price with the charm ending nearest ``amount`` in direction ``mode``.

    Example: ``apply_charm(Decimal("10.20"), ".99")`` == 10.99 (up), 9.99 (down or nearest).
    A charm that would make the price zero or negative is not applied downwards.
    """
    modulus, ending = charm_modulus(charm)
    below = (amount // modulus) * modulus + ending
    if below > amount:
        below -= modulus
    above = below if below == amount else below + modulus
    if mode == "up" or below <= 0:
        return above
    if mode == "down":
        return below
    return below if amount - below < above - amount else above
