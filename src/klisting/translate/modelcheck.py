"""Load a translation package once before accepting it, so a broken model is refused at install.

A package whose metadata and file names look right can still hold a 1-byte ``model.bin`` or a
tokenizer that is not a SentencePiece model. Accepted as installed, it made every later run
exit 4; loaded here, it is an install error (exit 3) naming the file, and nothing is kept.
"""

from __future__ import annotations

from pathlib import Path

from klisting.errors import InputError


def check_package_loads(model_dir: Path, tokenizers: tuple[Path, ...], origin: str) -> None:
    """Open the CTranslate2 model and SentencePiece tokenizers and translate one token.

    Without ctranslate2/sentencepiece installed nothing is checked: the argos engine reports
    the missing library when it is used.

    Raises:
        InputError: the model or a tokenizer does not load or cannot translate.
    """
    try:
        import ctranslate2
        import sentencepiece as spm
    except ImportError:
        return
    try:
        translator = ctranslate2.Translator(
            str(model_dir), device="cpu", compute_type="auto", intra_threads=1
        )
        loaded = [spm.SentencePieceProcessor(model_file=str(f)) for f in tokenizers]
        tokens = loaded[0].encode("test", out_type=str) or ["▁"]
        translator.translate_batch([tokens], max_decoding_length=4, beam_size=1)
    except Exception as exc:  # ctranslate2 and sentencepiece raise RuntimeError, OSError, ...
        detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise InputError(
            f"{origin}: the package's model does not load ({detail})",
            "The file is damaged or not a CTranslate2 Argos package; download it again.",
        ) from None
