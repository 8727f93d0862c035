"""``klisting doctor``: is this machine able to run klisting? Each check names its fix.

``run_checks()`` is reusable: the pipeline can call it before a long run and stop early with
the install command instead of failing halfway.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from klisting.onboarding import system
from klisting.onboarding.installed import (
    TESSERACT_INSTALL,
    font_install_command,
    model_install_command,
    route_pairs,
)
from klisting.onboarding.rules import MarketInfo, market_info, markets
from klisting.paths import data_home

CheckStatus = Literal["ok", "warn", "missing"]
#: OCR languages klisting needs: Korean source text plus Latin brand names and units.
REQUIRED_OCR_LANGUAGES = ("kor", "eng")
DETECTION_INSTALL = ".venv/bin/pip install rapidocr-onnxruntime"


@dataclass
class Check:
    """One doctor check: ``missing`` makes doctor exit 4 and ``fix`` says how to install it."""

    name: str
    status: CheckStatus
    detail: str
    fix: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def run_checks(
    target_markets: list[str] | None = None,
    work_dir: Path | None = None,
    engine: str | None = None,
) -> list[Check]:
    """Run every doctor check.

    Args:
        target_markets: markets whose scripts need fonts and models (default: every market
            in configs/readiness/_markets.yaml, one per script).
        work_dir: the directory that must be writable (default: klisting's data home).
        engine: the project's translation engine; with ``argos`` a missing model is
            ``missing`` (exit 4), otherwise only a warning (glossary and remote engines work).

    Returns:
        Checks in a stable order: tesseract, OCR languages, fonts per script, detection model,
        translation models, work dir.
    """
    infos = _market_infos(target_markets)
    checks = [*_tesseract_checks(), *(_font_check(info) for info in _one_per_script(infos))]
    checks.append(_detection_check())
    checks.append(_translation_check(infos, required=engine == "argos"))
    checks.append(_work_dir_check(work_dir or data_home()))
    return checks


def missing(checks: list[Check]) -> list[Check]:
    """The checks that are missing (doctor exits 4 when any are)."""
    return [check for check in checks if check.status == "missing"]


def _market_infos(target_markets: list[str] | None) -> list[MarketInfo]:
    """Source language first, then each known market's info (every market when None)."""
    table = markets()
    if target_markets is None:
        return [table.source, *table.markets.values()]
    found = [market_info(market) for market in target_markets]
    return [table.source, *(info for info in found if info is not None)]


def _one_per_script(infos: list[MarketInfo]) -> list[MarketInfo]:
    """The first info of each script: one font check covers a script's languages."""
    chosen: dict[str, MarketInfo] = {}
    for info in infos:
        chosen.setdefault(info.script, info)
    return list(chosen.values())


def _tesseract_checks() -> list[Check]:
    info = system.tesseract()
    if info.version is None:
        return [Check("tesseract", "missing", "tesseract not found on PATH", TESSERACT_INSTALL)]
    checks = [Check("tesseract", "ok", f"tesseract {info.version}")]
    absent = [lang for lang in REQUIRED_OCR_LANGUAGES if lang not in info.languages]
    if absent:
        packages = " ".join(f"tesseract-ocr-{lang}" for lang in absent)
        checks.append(
            Check(
                "tesseract languages",
                "missing",
                f"missing {', '.join(absent)} (have {', '.join(info.languages) or 'none'})",
                f"sudo apt-get install {packages}",
            )
        )
    else:
        checks.append(Check("tesseract languages", "ok", ", ".join(info.languages)))
    return checks


def _font_check(info: MarketInfo) -> Check:
    families = system.fonts_for(info.fc_lang)
    name = f"fonts {info.script} ({info.fc_lang})"
    if families:
        return Check(
            name,
            "ok",
            ", ".join(families[:3]) + (f" +{len(families) - 3}" if len(families) > 3 else ""),
        )
    detail = (
        f"no font covers :lang={info.fc_lang}"
        if system.fontconfig_available()
        else "fontconfig (fc-list) not found"
    )
    return Check(name, "missing", detail, font_install_command(info.fc_lang))


def _detection_check() -> Check:
    model = system.detection_model()
    if model is None:
        return Check(
            "text detection model",
            "missing",
            "rapidocr-onnxruntime det .onnx not found",
            DETECTION_INSTALL,
        )
    return Check("text detection model", "ok", str(model))


def _translation_check(infos: list[MarketInfo], required: bool = False) -> Check:
    """Offline models are optional (glossary and remote engines work without) unless required."""
    models = system.translation_models()
    source = markets().source.argos
    wanted = [info.argos for info in infos if info.argos != source]
    uncovered = [
        code for code in dict.fromkeys(wanted) if not system.translation_route(models, source, code)
    ]
    have = ", ".join(f"{model.source}->{model.target}" for model in models) or "none"
    if not uncovered:
        return Check("translation models", "ok", f"installed: {have}")
    fix = model_install_command([pair for code in uncovered for pair in route_pairs(source, code)])
    route = f"installed: {have}; no offline route for {source}->{', '.join(uncovered)}"
    if required:
        return Check(
            "translation models", "missing", f"{route} (the project's engine is argos)", fix
        )
    return Check(
        "translation models", "warn", f"{route} (glossary or remote engines still work)", fix
    )


def _work_dir_check(directory: Path) -> Check:
    problem = system.writable(directory)
    if problem:
        # no mkdir can fix a path that runs through a file: only another directory can
        fix = (
            "pass --work-dir with a directory path"
            if problem.endswith("not a directory")
            else f"mkdir -p {directory} && chmod u+w {directory}, or pass --work-dir"
        )
        return Check("work dir", "missing", f"{directory}: not writable ({problem})", fix)
    return Check("work dir", "ok", f"{directory} is writable")
