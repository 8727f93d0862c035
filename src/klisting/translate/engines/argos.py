"""Argos Translate packages run directly with CTranslate2 + SentencePiece.

Why not argostranslate itself: it pulls stanza/torch, downloads a sentence splitter at first
use, batches per paragraph (max 32 tokens, so ~1 sentence per batch), and turns ``_`` into
spaces when decoding (damaging SKUs). Here every segment of a job goes into one
``translate_batch`` per model, sorted into token-sized batches by CTranslate2, and pieces
are decoded by SentencePiece itself.
"""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from klisting.errors import DependencyError
from klisting.translate.base import BatchStats
from klisting.translate.packages import ArgosPackage, argos_code, installed_packages

PIVOT = "en"
_CACHE: dict[tuple[str, str, int], _Loaded] = {}
_CACHE_LOCK = threading.Lock()


@dataclass(slots=True)
class _Loaded:
    translator: Any
    source_sp: Any
    target_sp: Any


def default_threads() -> int:
    """Intra-op threads: the cores we have, at most 4 (more threads slow small batches down)."""
    return max(1, min(4, os.cpu_count() or 1))


class ArgosEngine:
    """Translate with installed Argos packages (direct, or pivoting through English).

    Args:
        model_dirs: extra directories to search before klisting's and argostranslate's.
        beam_size: beam width (2 is near beam 4 quality at half the cost).
        intra_threads: CPU threads per translation; default ``default_threads()``.
        max_batch_size: tokens per CTranslate2 batch.
        compute_type: "int8" on CPU by default.
        max_decoding_length: upper bound on output tokens (the bound used is 2 x input + 10).
        fixed_output_length: decode exactly this many tokens (benchmarks with random models).
        no_repeat_ngram_size: forbid repeating n-grams (0 = off); with ``repetition_penalty``
            a guard against the degenerate loops small models fall into.
        source, target: the pair this engine will serve (sets ``version``).
    """

    id = "argos"
    quality = "machine"

    def __init__(
        self,
        model_dirs: list[Path] | tuple[Path, ...] = (),
        beam_size: int = 2,
        intra_threads: int | None = None,
        max_batch_size: int = 4096,
        compute_type: str = "int8",
        max_decoding_length: int = 256,
        fixed_output_length: int | None = None,
        no_repeat_ngram_size: int = 0,
        repetition_penalty: float = 1.0,
        source: str | None = None,
        target: str | None = None,
    ) -> None:
        self.packages = installed_packages(tuple(Path(d) for d in model_dirs))
        self.beam_size = beam_size
        self.intra_threads = intra_threads or default_threads()
        self.max_batch_size = max_batch_size
        self.compute_type = compute_type
        self.max_decoding_length = max_decoding_length
        # Benchmarks only: random-weight models never emit </s>, so both sides of a comparison
        # must decode the same number of tokens.
        self.fixed_output_length = fixed_output_length
        self.no_repeat_ngram_size = no_repeat_ngram_size
        self.repetition_penalty = repetition_penalty
        self.last_stats = BatchStats()
        route = self.route(source, target) if source and target else None
        used = route or self.packages
        digest = hashlib.sha256(
            "|".join(f"{p.name}@{p.version}" for p in used).encode()
        ).hexdigest()[:12]
        self.version = f"{'+'.join(p.name for p in route) if route else 'all'}:{digest}"

    def route(self, source: str, target: str) -> list[ArgosPackage] | None:
        """Packages to chain for the pair: one direct package, or two through English."""
        src, tgt = argos_code(source), argos_code(target)
        direct = self._find(src, tgt)
        if direct:
            return [direct]
        first, second = self._find(src, PIVOT), self._find(PIVOT, tgt)
        return [first, second] if first and second else None

    def _find(self, src: str, tgt: str) -> ArgosPackage | None:
        return next((p for p in self.packages if p.from_code == src and p.to_code == tgt), None)

    def supports(self, source: str, target: str) -> bool:
        """True when a direct or pivot route is installed."""
        return self.route(source, target) is not None

    def translate_batch(self, segments: list[str], source: str, target: str) -> list[str]:
        """Translate all segments; one CTranslate2 call per package on the route.

        Raises:
            DependencyError: no installed package (or pivot) for the pair; the hint names the
                exact install command.
        """
        route = self.route(source, target)
        if route is None:
            raise missing_model_error(source, target, self)
        texts = list(segments)
        for package in route:
            texts = self._translate_with(package, texts)
        return texts

    def _translate_with(self, package: ArgosPackage, texts: list[str]) -> list[str]:
        loaded = _load(package, self.intra_threads, self.compute_type)
        todo = [i for i, t in enumerate(texts) if t.strip()]
        if not todo:
            return texts
        tokens = loaded.source_sp.encode([texts[i] for i in todo], out_type=str)
        longest = max(len(t) for t in tokens)
        options: dict[str, Any] = {
            "batch_type": "tokens",
            "max_batch_size": self.max_batch_size,
            "beam_size": self.beam_size,
            "replace_unknowns": True,
            # Output length tied to input length: a runaway hypothesis stops early.
            "max_decoding_length": min(self.max_decoding_length, 2 * longest + 10),
            "max_input_length": max(self.max_decoding_length - 2, 1),
            "no_repeat_ngram_size": self.no_repeat_ngram_size,
            "repetition_penalty": self.repetition_penalty,
        }
        if self.fixed_output_length:
            options["min_decoding_length"] = options["max_decoding_length"] = (
                self.fixed_output_length
            )
        if package.target_prefix:
            options["target_prefix"] = [[package.target_prefix]] * len(tokens)
        results = loaded.translator.translate_batch(tokens, **options)
        out = list(texts)
        for i, result in zip(todo, results, strict=True):
            pieces = result.hypotheses[0]
            if package.target_prefix and pieces and pieces[0] == package.target_prefix:
                pieces = pieces[1:]
            out[i] = loaded.target_sp.decode_pieces(pieces).strip()
        return out


def missing_model_error(
    source: str, target: str, engine: ArgosEngine | None = None
) -> DependencyError:
    """The error for a missing model, naming the exact install command(s)."""
    src, tgt = argos_code(source), argos_code(target)
    if (
        src != PIVOT
        and tgt != PIVOT
        and (engine is None or engine._find(src, PIVOT) or engine._find(PIVOT, tgt))
    ):
        missing = [
            p for p in ((src, PIVOT), (PIVOT, tgt)) if engine is None or not engine._find(*p)
        ]
        command = " && ".join(f"klisting models install {a}-{b}" for a, b in missing)
    else:
        command = f"klisting models install {src}-{tgt}"
    return DependencyError(
        f"no Argos translation model installed for {source} -> {target}", f"Install it: {command}"
    )


def _load(package: ArgosPackage, threads: int, compute_type: str) -> _Loaded:
    key = (str(package.path), compute_type, threads)
    with _CACHE_LOCK:
        if key not in _CACHE:
            _CACHE[key] = _open(package, threads, compute_type)
        return _CACHE[key]


def _open(package: ArgosPackage, threads: int, compute_type: str) -> _Loaded:
    try:
        import ctranslate2
        import sentencepiece as spm
    except ImportError as exc:
        raise DependencyError(
            f"the argos engine needs {exc.name}", "pip install ctranslate2 sentencepiece"
        ) from None
    model = str(package.path / "model")
    try:
        translator = ctranslate2.Translator(
            model, device="cpu", compute_type=compute_type, inter_threads=1, intra_threads=threads
        )
    except ValueError:  # a CPU without int8 support: let CTranslate2 choose
        translator = ctranslate2.Translator(
            model, device="cpu", compute_type="auto", inter_threads=1, intra_threads=threads
        )
    except RuntimeError as exc:
        raise DependencyError(
            f"{package.path}: cannot load the CTranslate2 model ({exc})",
            "Reinstall the package with klisting models install.",
        ) from None
    source_file, target_file = package.tokenizer_files()
    source_sp = spm.SentencePieceProcessor(model_file=str(source_file))
    target_sp = (
        source_sp
        if target_file == source_file
        else spm.SentencePieceProcessor(model_file=str(target_file))
    )
    return _Loaded(translator, source_sp, target_sp)
