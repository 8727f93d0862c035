"""Country of origin as an ISO 3166-1 alpha-2 code, from what sellers write (configs/countries.yaml)."""

from __future__ import annotations

import re

from klisting.configfiles import load_yaml, per_config_dir
from klisting.paths import config_dir

_NOISE = re.compile(r"[\s_\-.,/]+")
# "중국산", "국내산 (경북 영양)", "Made in China": the country is what is left without these.
_AFFIXES = re.compile(r"^(made ?in|원산지[: ]*)|(산지|산|제|製)$")
_BRACKETED = re.compile(r"[(\[（].*?[)\]）]")


def _key(text: str) -> str:
    text = _BRACKETED.sub("", text.strip().lower())
    text = _NOISE.sub(" ", text).strip()
    return _AFFIXES.sub("", text).strip().replace(" ", "")


@per_config_dir
def _index() -> dict[str, str]:
    data = load_yaml(config_dir() / "countries.yaml")
    index: dict[str, str] = {}
    for code, names in data.items():
        index[code.lower()] = code
        for name in names:
            index[_key(name)] = code
    return index


def country_code(text: str) -> str:
    """'중국', '중국산', 'Made in China', 'CN' -> 'CN'; '국내산 (경북 영양)' -> 'KR'; unknown -> ''."""
    if not text or not text.strip():
        return ""
    key = _key(text)
    index = _index()
    if key in index:
        return index[key]
    # "국내산 경북" / "국산 고춧가루": a known name at the start of the cell.
    for name in sorted(index, key=len, reverse=True):
        if len(name) >= 2 and key.startswith(name):
            return index[name]
    return ""
