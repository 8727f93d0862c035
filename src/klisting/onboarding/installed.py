"""Installed pieces a target needs: a translation route, fonts for its script, Korean OCR."""

from __future__ import annotations

from klisting.markets.targets import Target
from klisting.onboarding import system
from klisting.onboarding.items import Item
from klisting.onboarding.rules import MarketInfo, market_info, markets
from klisting.project.model import ProjectConfig
from klisting.translate.engines import remote_engine_ids

#: Engines that call a service: no local model is needed (keys come from the environment).
REMOTE_ENGINES = remote_engine_ids()
TESSERACT_INSTALL = "sudo apt-get install tesseract-ocr tesseract-ocr-kor tesseract-ocr-eng"


def font_install_command(fc_lang: str) -> str:
    """The Debian/Ubuntu package command that adds fonts for ``fc_lang``."""
    cjk = fc_lang.split("-")[0] in {"zh", "ja", "ko"}
    return "sudo apt-get install fonts-noto-cjk" if cjk else "sudo apt-get install fonts-noto-core"


def route_pairs(source: str, target: str) -> list[str]:
    """Argos pairs to install for ``source`` -> ``target``.

    Argos publishes Korean models to and from English only, so other targets pivot through
    English (which the argos engine does on its own).
    """
    if target == "en" or source == "en":
        return [f"{source}-{target}"]
    return [f"{source}-en", f"en-{target}"]


def model_install_command(pairs: list[str]) -> str:
    """The klisting command(s) installing ``pairs`` such as ``["ko-en", "en-ja"]``."""
    return " && ".join(f"klisting models install {pair}" for pair in dict.fromkeys(pairs))


def items_for(project: ProjectConfig, target: Target) -> list[Item]:
    """Installed-piece readiness items for one target."""

    info = market_info(target.market)
    if info is None:
        return [
            Item(
                target.id,
                "installed.language",
                "Listing language known",
                "installed",
                "warn",
                f"market '{target.market}' is not in configs/readiness/_markets.yaml",
                "Add the market's language, argos code and fc_lang to configs/readiness/_markets.yaml.",
            )
        ]
    return [_translation(project, target, info), _fonts(target, info), _ocr(target)]


def _translation(project: ProjectConfig, target: Target, info: MarketInfo) -> Item:

    source = markets().source.argos
    title = f"Translation {source} -> {info.language}"
    if info.argos == source:
        return Item(
            target.id, "installed.translation", title, "installed", "pass", "no translation needed"
        )
    if project.engine in REMOTE_ENGINES:
        return Item(
            target.id,
            "installed.translation",
            title,
            "installed",
            "pass",
            f"remote engine '{project.engine}' (API key from the environment)",
        )
    route = system.translation_route(system.translation_models(), source, info.argos)
    if route:
        names = " + ".join(model.name for model in route)
        return Item(
            target.id,
            "installed.translation",
            title,
            "installed",
            "pass",
            f"offline model: {names}",
        )
    step = f"Install a model: `{model_install_command(route_pairs(source, info.argos))}`, or set engine: deepl/openai in klisting.yaml."
    if project.engine == "argos":
        return Item(
            target.id,
            "installed.translation",
            title,
            "installed",
            "fail",
            f"engine argos has no {source}->{info.argos} model (direct or via en)",
            step,
        )
    return Item(
        target.id,
        "installed.translation",
        title,
        "installed",
        "warn",
        f"no offline model for {source}->{info.argos}; engine '{project.engine}' gives draft quality at best",
        step,
    )


def _fonts(target: Target, info: MarketInfo) -> Item:

    title = f"Fonts for {info.script} ({info.fc_lang})"
    families = system.fonts_for(info.fc_lang)
    if families:
        shown = ", ".join(families[:3]) + (f" +{len(families) - 3}" if len(families) > 3 else "")
        return Item(target.id, "installed.fonts", title, "installed", "pass", shown)
    detail = (
        "fontconfig (fc-list) not found"
        if not system.fontconfig_available()
        else f"no font covers :lang={info.fc_lang}"
    )
    return Item(
        target.id,
        "installed.fonts",
        title,
        "installed",
        "fail",
        detail,
        f"Run `{font_install_command(info.fc_lang)}`.",
    )


def _ocr(target: Target) -> Item:

    title = "OCR for Korean text in images (tesseract kor)"
    info = system.tesseract()
    if info.version is None:
        return Item(
            target.id,
            "installed.ocr",
            title,
            "installed",
            "fail",
            "tesseract not found",
            f"Run `{TESSERACT_INSTALL}`.",
        )
    if "kor" not in info.languages:
        return Item(
            target.id,
            "installed.ocr",
            title,
            "installed",
            "fail",
            f"tesseract {info.version} lacks kor",
            f"Run `{TESSERACT_INSTALL}`.",
        )
    return Item(
        target.id, "installed.ocr", title, "installed", "pass", f"tesseract {info.version} with kor"
    )
