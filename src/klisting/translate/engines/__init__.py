"""Engine registry: ``get_engine(name, **options)`` and ``available_engines()``.

Engines are imported lazily so ``klisting --help`` never loads ctranslate2, kiwipiepy or httpx.
"auto" picks argos when a model (or an English pivot) for the pair is installed, else the
offline glossary engine.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from klisting.errors import DependencyError, UsageError
from klisting.translate.base import Engine

#: the engine a run uses when neither the project file nor a flag names one
DEFAULT_ENGINE = "auto"

_REMOTE_OPTIONS = ("base_url", "timeout", "retries", "backoff", "concurrency")


@dataclass(frozen=True)
class EngineInfo:
    """One built-in engine, declared once: onboarding, `klisting doctor` and the CLI help read
    these, so a new engine touches its own module and this table only.

    Attributes:
        id: the name users type (--engine, klisting.yaml).
        factory: "module:class", imported on first use.
        remote: True when it calls a service (no local model; keys from the environment).
        options: keyword options the engine accepts.
    """

    id: str
    factory: str
    remote: bool
    options: tuple[str, ...] = ()


ENGINES: tuple[EngineInfo, ...] = (
    EngineInfo(
        "glossary",
        "klisting.translate.engines.glossary:GlossaryEngine",
        False,
        ("termbase", "extra_files", "directory"),
    ),
    EngineInfo(
        "argos",
        "klisting.translate.engines.argos:ArgosEngine",
        False,
        (
            "model_dirs",
            "beam_size",
            "intra_threads",
            "max_batch_size",
            "compute_type",
            "max_decoding_length",
            "fixed_output_length",
        ),
    ),  # fmt: skip
    EngineInfo(
        "libretranslate",
        "klisting.translate.engines.libretranslate:LibreTranslateEngine",
        True,
        _REMOTE_OPTIONS,
    ),
    EngineInfo("deepl", "klisting.translate.engines.deepl:DeepLEngine", True, _REMOTE_OPTIONS),
    EngineInfo(
        "openai",
        "klisting.translate.engines.openai:OpenAIEngine",
        True,
        (*_REMOTE_OPTIONS, "model", "price_input", "price_output"),
    ),
)
_INFO = {info.id: info for info in ENGINES}
_BUILTIN: dict[str, str] = {info.id: info.factory for info in ENGINES}
_EXTRA: dict[str, Callable[..., Engine]] = {}


def engine_ids() -> tuple[str, ...]:
    """Built-in engine names, offline ones first ("auto" not included)."""
    return tuple(info.id for info in ENGINES)


def remote_engine_ids() -> frozenset[str]:
    """Engines that call a service rather than a local model."""
    return frozenset(info.id for info in ENGINES if info.remote)


def engine_help(auto: bool = True) -> str:
    """The engine list for CLI help: "auto, glossary, argos, libretranslate, deepl, openai"."""
    return ", ".join((("auto",) if auto else ()) + engine_ids())


def register_engine(name: str, factory: Callable[..., Engine]) -> None:
    """Add an engine factory under ``name`` (plugins and tests)."""
    _EXTRA[name] = factory


def available_engines() -> list[str]:
    """Engine names accepted by ``get_engine`` ("auto" first)."""
    return ["auto", *_BUILTIN, *(n for n in _EXTRA if n not in _BUILTIN)]


def get_engine(name: str, *, source: str = "ko", target: str = "en", **options: Any) -> Engine:
    """Build the engine called ``name``.

    Args:
        name: one of ``available_engines()``.
        source: source language, used by "auto" to choose.
        target: target language, used by "auto" to choose.
        **options: engine settings (model dirs, URLs, timeouts, beam size ...).

    Raises:
        UsageError: unknown engine name.
        DependencyError: the engine's code or model is missing.
    """
    if name == "auto":
        return _auto(source, target, options)
    if name in _EXTRA:
        return _EXTRA[name](**options)
    if name == "argos":  # the pair selects the packages (and so the memory version)
        options = {**options, "source": source, "target": target}
    if name not in _BUILTIN:
        raise UsageError(
            f"unknown translation engine {name!r}", f"Use one of: {', '.join(available_engines())}."
        )
    return _load(name)(**options)


def _load(name: str) -> Callable[..., Engine]:
    module_name, _, attr = _BUILTIN[name].partition(":")
    try:
        return getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise DependencyError(f"translation engine {name!r} is not available ({exc})") from None


def _auto(source: str, target: str, options: dict[str, Any]) -> Engine:
    from klisting.translate.engines.argos import ArgosEngine

    argos_keys = set(_INFO["argos"].options)
    argos = ArgosEngine(
        source=source, target=target, **{k: v for k, v in options.items() if k in argos_keys}
    )
    if argos.supports(source, target):
        return argos
    glossary_options = {k: v for k, v in options.items() if k not in argos_keys}
    try:
        glossary = _load("glossary")(**glossary_options)
    except DependencyError:
        raise DependencyError(
            f"no Argos model for {source}->{target} and the glossary engine is unavailable",
            f"Install a model: klisting models install {source}-{target}",
        ) from None
    if not glossary.supports(source, target):
        # Say so now, with the install command, rather than fail later inside the glossary
        # engine with a message about an engine the user never chose.
        from klisting.translate.engines.argos import missing_model_error
        from klisting.translate.termbase import LANGUAGES

        # with nothing installed, name the English pivot route (Argos has ko-en, not ko-de)
        error = missing_model_error(source, target, argos if argos.packages else None)
        raise DependencyError(
            f"{error.message}, and the offline glossary engine only covers {', '.join(LANGUAGES)}",
            error.hint,
        )
    return glossary
