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

#: a battery word the text says is not in the box: 배터리 미포함, 건전지 별도, battery not included
_BATTERY_WORD = r"(?:배터리|건전지|전지|batter(?:y|ies))"
_NOT_INCLUDED = re.compile(
    rf"{_BATTERY_WORD}[^<>\n.,;()]{{0,12}}?(?:미포함|불포함|별도|없음|없습|포함되지|포함 안|미동봉"
    r"|not included|sold separately|excluded|not supplied)"
    rf"|(?:without|no)\s+{_BATTERY_WORD}",
    re.IGNORECASE,
)

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
        # "배터리 미포함 (AA 별도)" is no battery in the parcel: not evidence of one
        searched = _NOT_INCLUDED.sub(" ", text) if kind == "battery" else text
        words = list(dict.fromkeys(m.group(0).strip() for m in pattern.finditer(searched)))
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


def batteries_excluded(product: LocalizedProduct) -> bool:
    """True when the source text says the batteries are not included (배터리 미포함, 건전지 별도)
    and nothing else in the product shows a battery in the parcel."""
    source = "\n".join(t for t in (product.source_title, product.source_description) if t)
    if not _NOT_INCLUDED.search(source):
        return False
    hazard = detect(product)
    return hazard is None or hazard.kind != "battery"


def hazard_finding(product: LocalizedProduct, hazard: Hazard, target: str) -> Finding:
    return finding(
        "export.dangerous-goods",
        f"{hazard.evidence} suggests {hazard.kind}: declared as dangerous goods ({hazard.kind}) "
        f"on {target}, never as 'not applicable'",
        sku=product.sku,
        row=product.row,
        target=target,
    )
