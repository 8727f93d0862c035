"""Dangerous goods (batteries, aerosols, flammable liquids) found in a product's text and attributes.

Every platform asks for a declaration (Amazon ``supplier_declared_dg_hz_regulation`` and
``batteries_included``, Lazada ``Hazmat``, Shopee ``item_dangerous``); a power bank sent as
"not applicable" is a false declaration. Detection reads the Korean source text and the
localized text, so "10000mAh 보조배터리" is found whatever the translation did. What it finds
is evidence, not a classification: the finding asks the seller to confirm the UN number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from klisting.export.model import LocalizedProduct
from klisting.model import Finding, Severity
from klisting.model.codes import Code, declare, finding

declare(
    Code(
        "export.dangerous-goods",
        Severity.WARNING,
        "hazmat",
        "The product looks like dangerous goods (battery, aerosol, flammable liquid)",
        "Check the declaration klisting wrote (battery / flammable) and keep the safety data "
        "sheet and UN number ready: platforms and carriers ask for them.",
    )
)

#: kind -> evidence pattern (Korean and English, case-insensitive)
_PATTERNS = {
    "battery": re.compile(
        r"\d[\d,.]*\s*mah\b|\d[\d,.]*\s*wh\b|리튬|lithium|li-?ion|li-?po|배터리|battery|batteries"
        r"|보조\s*배터리|power\s*bank|충전식|rechargeable|건전지",
        re.IGNORECASE,
    ),
    "aerosol": re.compile(r"에어로졸|aerosol|스프레이\s*캔|spray\s*can|가스\s*충전", re.IGNORECASE),
    "flammable": re.compile(
        r"인화성|flammable|가연성|라이터|lighter|부탄|butane|알코올\s*\d+\s*%|매니큐어|nail\s*polish",
        re.IGNORECASE,
    ),
}

#: attribute names whose value declares a battery (배터리 용량 ...)
_BATTERY_KEYS = re.compile(r"배터리|battery|mah|전지", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Hazard:
    """What was found: the kind and the words that show it."""

    kind: str  # battery | aerosol | flammable
    evidence: str


def detect(product: LocalizedProduct) -> Hazard | None:
    """The first dangerous-goods kind the product's texts or attributes show, or None."""
    texts = [
        product.source_title,
        product.title,
        product.source_description,
        product.description,
        *(f"{k} {v}" for k, v in product.attributes.items()),
    ]
    text = "\n".join(t for t in texts if t)
    for kind, pattern in _PATTERNS.items():
        words = list(dict.fromkeys(m.group(0).strip() for m in pattern.finditer(text)))
        if words:
            return Hazard(kind, ", ".join(words[:3]))
    for key, value in product.attributes.items():
        if (
            _BATTERY_KEYS.search(key)
            and value
            and value.strip() not in ("없음", "해당없음", "no", "none")
        ):
            return Hazard("battery", f"{key}: {value}")
    return None


def hazard_finding(product: LocalizedProduct, hazard: Hazard, target: str) -> Finding:
    return finding(
        "export.dangerous-goods",
        f"{hazard.evidence} suggests {hazard.kind}: declared as dangerous goods ({hazard.kind}) "
        f"on {target}, never as 'not applicable'",
        sku=product.sku,
        row=product.row,
        target=target,
    )
