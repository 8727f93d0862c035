"""Benchmark: klisting's job-wide batching vs one call per segment (Argos's own settings).

Everything is generated locally, nothing is downloaded:
- a random-weight CTranslate2 Transformer with transformer-base dimensions (d_model 512,
  8 heads, FFN 2048, 32k vocabulary, int8) in the Argos package layout, with a SentencePiece
  model trained on generated catalog text;
- 2,000 unique Korean catalog segments (titles and description sentences).

Measured in the same run:
1. klisting: TranslationService -> ArgosEngine, every segment in one translate_batch
   (batch_type tokens, max_batch_size 4096, beam 2, int8);
2. baseline: one translate_batch call per segment with argostranslate 1.11's options
   (max_batch_size 32, batch_type tokens, beam 4, length_penalty 0.2, replace_unknowns);
   also one call per segment at beam 2 to isolate the batching gain;
3. the same catalog again through the service with the translation memory.

A random model never emits </s>, so every side decodes exactly OUT_TOKENS tokens
(min = max decoding length) to compare equal work. Threads: intra_threads = cores (max 4)
on both sides (Argos's default of 4 threads on a 2-core machine is far slower still).

Usage: python benchmarks/bench_translate.py [--layers 3] [--segments 2000] [--baseline-sample 120]
The per-segment baselines run on a sample and are scaled to all segments (said in the output).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

import numpy as np

D, HEADS, FF, VOCAB, POSITIONS = 512, 8, 2048, 32000, 256
OUT_TOKENS = 16
#: random weights loop on one token; both sides forbid repeated bigrams so output looks like text
NO_REPEAT = 2


def catalog_segments(n: int, seed: int = 7) -> list[str]:
    """Unique Korean catalog segments: titles and description sentences of varied length."""
    rng = random.Random(seed)
    brands = ["데일리", "모던하우스", "코지", "라이프", "퓨어", "그린팜", "스타일업", "에코"]
    kinds = [
        "가방",
        "원피스",
        "티셔츠",
        "운동화",
        "크림",
        "세럼",
        "수건",
        "머그컵",
        "텀블러",
        "이불",
        "쿠션",
        "양말",
    ]
    adjs = [
        "빨간",
        "파란",
        "검정",
        "흰색",
        "베이지",
        "가벼운",
        "튼튼한",
        "부드러운",
        "여성용",
        "남성용",
        "대용량",
        "미니",
    ]
    extra = ["무료배송", "특가", "정품", "국내산", "사은품", "신상품", "당일발송", "선물용"]
    tails = [
        "세탁기 사용이 가능합니다.",
        "자세한 사이즈는 상세페이지를 확인해 주세요.",
        "오늘 주문하면 내일 도착합니다.",
        "색상은 모니터에 따라 다를 수 있습니다.",
        "교환 및 반품은 7일 이내 가능합니다.",
    ]
    out: set[str] = set()
    while len(out) < n:
        words = [
            rng.choice(extra),
            rng.choice(brands),
            *rng.sample(adjs, rng.randint(1, 4)),
            rng.choice(kinds),
            rng.choice(kinds),
        ]
        text = " ".join(words)
        if rng.random() < 0.5:
            text += " " + rng.choice(tails).replace("가능", rng.choice(["가능", "꼭 가능"]))
        out.add(text)
    return sorted(out)


def build_package(work: Path, layers: int, corpus: list[str]) -> Path:
    """Random-weight transformer-base model + SentencePiece in the Argos layout, installed."""
    import sentencepiece as spm
    from ctranslate2.converters import Converter
    from ctranslate2.specs import transformer_spec

    text = work / "corpus.txt"
    text.write_text("\n".join(corpus) + "\n", encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(text),
        model_prefix=str(work / "sp"),
        vocab_size=2000,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        bos_id=1,
        eos_id=2,
        unk_id=0,
        pad_id=-1,
        minloglevel=2,
    )
    sp = spm.SentencePieceProcessor(model_file=str(work / "sp.model"))
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    # Short filler pieces keep random output at a plausible length (the service rejects runaway output).
    vocab = pieces + [f"▁w{i}" for i in range(VOCAB - len(pieces))]
    rng = np.random.default_rng(0)

    def rand(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape, dtype=np.float32) * 0.02).astype(np.float32)

    def ln(norm) -> None:  # noqa: ANN001
        norm.gamma, norm.beta = np.ones(D, np.float32), np.zeros(D, np.float32)

    def linear(lin, out: int, inp: int) -> None:  # noqa: ANN001
        lin.weight, lin.bias = rand(out, inp), np.zeros(out, np.float32)

    class RandomBase(Converter):
        def _load(self):  # noqa: ANN202
            spec = transformer_spec.TransformerSpec.from_config(
                (layers, layers), num_heads=HEADS, pre_norm=True
            )
            for side in (spec.encoder, spec.decoder):
                side.scale_embeddings = True
                side.position_encodings.encodings = rand(POSITIONS, D)
                ln(side.layer_norm)
                for layer in side.layer:
                    ln(layer.self_attention.layer_norm)
                    linear(layer.self_attention.linear[0], 3 * D, D)
                    linear(layer.self_attention.linear[1], D, D)
                    ln(layer.ffn.layer_norm)
                    linear(layer.ffn.linear_0, FF, D)
                    linear(layer.ffn.linear_1, D, FF)
                    if hasattr(layer, "attention"):
                        ln(layer.attention.layer_norm)
                        linear(layer.attention.linear[0], D, D)
                        linear(layer.attention.linear[1], 2 * D, D)
                        linear(layer.attention.linear[2], D, D)
            spec.encoder.embeddings[0].weight = rand(VOCAB, D)
            spec.decoder.embeddings.weight = rand(VOCAB, D)
            linear(spec.decoder.projection, VOCAB, D)
            spec.register_source_vocabulary(vocab)
            spec.register_target_vocabulary(vocab)
            return spec

    name = "translate-ko_en-9_9"
    package = work / "build" / name
    package.mkdir(parents=True)
    RandomBase().convert(str(package / "model"), quantization="int8", force=True)
    shutil.copy(work / "sp.model", package / "sentencepiece.model")
    meta = {
        "package_version": "9.9",
        "from_code": "ko",
        "to_code": "en",
        "type": "translate",
        "code": "translate-ko_en",
    }
    (package / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")
    archive = work / f"{name}.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as z:
        for f in sorted(package.rglob("*")):
            z.write(f, f.relative_to(package.parent).as_posix())
    return archive


def per_segment(package_dir: Path, segments: list[str], beam: int, threads: int) -> float:
    """Seconds for one translate_batch call per segment with argostranslate's options."""
    import ctranslate2
    import sentencepiece as spm

    translator = ctranslate2.Translator(
        str(package_dir / "model"),
        device="cpu",
        compute_type="int8",
        inter_threads=1,
        intra_threads=threads,
    )
    sp = spm.SentencePieceProcessor(model_file=str(package_dir / "sentencepiece.model"))
    start = time.perf_counter()
    for text in segments:
        tokens = sp.encode(text, out_type=str)
        result = translator.translate_batch(
            [tokens],
            replace_unknowns=True,
            max_batch_size=32,
            batch_type="tokens",
            beam_size=beam,
            num_hypotheses=1,
            length_penalty=0.2,
            return_scores=True,
            no_repeat_ngram_size=NO_REPEAT,
            min_decoding_length=OUT_TOKENS,
            max_decoding_length=OUT_TOKENS,
        )
        sp.decode_pieces(result[0].hypotheses[0])
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--layers",
        type=int,
        default=3,
        help="encoder and decoder layers (transformer-base has 6; 3 keeps the run under ~3 minutes on 2 cores)",
    )
    parser.add_argument("--segments", type=int, default=2000)
    parser.add_argument(
        "--baseline-sample",
        type=int,
        default=120,
        help="segments timed one by one, scaled to --segments",
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-translate-"))
    os.environ["KLISTING_HOME"] = str(work / "home")
    os.environ["ARGOS_PACKAGES_DIR"] = str(work / "no-argos")
    from klisting.translate.engines.argos import default_threads
    from klisting.translate.packages import install_package_file
    from klisting.translate.service import TranslationService

    segments = catalog_segments(args.segments)
    t0 = time.perf_counter()
    package = install_package_file(build_package(work, args.layers, segments))
    build_s = time.perf_counter() - t0
    size_mb = (package.path / "model" / "model.bin").stat().st_size / 1e6
    threads = default_threads()
    options = {
        "intra_threads": threads,
        "fixed_output_length": OUT_TOKENS,
        "beam_size": 2,
        "no_repeat_ngram_size": NO_REPEAT,
    }

    # A random-weight model's output is noise the meaning guard refuses by design; this
    # benchmark times batching and the memory, so the guard is off (bench_draft scores meaning).
    service = TranslationService("argos", work / "job", engine_options=options, check_meaning=False)
    service.engine_for("ko", "en").translate_batch(
        ["워밍업"], "ko", "en"
    )  # load the model outside the timing
    t0 = time.perf_counter()
    service.translate_texts(segments, "en")
    batched_s = time.perf_counter() - t0
    calls = service.stats.engine_calls
    first = service.stats.to_json()

    again = TranslationService("argos", work / "job", engine_options=options, check_meaning=False)
    t0 = time.perf_counter()
    again.translate_texts(segments, "en")
    memory_s = time.perf_counter() - t0

    sample = random.Random(1).sample(segments, min(args.baseline_sample, len(segments)))
    scale = len(segments) / len(sample)
    argos_s = per_segment(package.path, sample, beam=4, threads=threads) * scale
    beam2_s = per_segment(package.path, sample, beam=2, threads=threads) * scale

    print(
        f"model: random-weight transformer, {args.layers}+{args.layers} layers, d_model {D}, {HEADS} heads, FFN {FF}, vocab {VOCAB}, int8 ({size_mb:.1f} MB model.bin); built in {build_s:.1f} s"
    )
    if args.layers != 6:
        print(
            f"NOTE: {args.layers} layers instead of transformer-base's 6 (reduced to keep the run short)"
        )
    print(
        f"segments: {len(segments)} unique catalog segments, {OUT_TOKENS} output tokens each, intra_threads={threads}, cores={os.cpu_count()}"
    )
    print(
        f"baselines timed on {len(sample)} segments one call each, scaled x{scale:.1f} to {len(segments)}"
    )
    print(
        f"klisting job-wide batch (beam 2, {calls} engine call): {batched_s:8.2f} s  {len(segments) / batched_s:7.1f} seg/s"
    )
    print(
        f"one call per segment, Argos settings (beam 4): {argos_s:8.2f} s  {len(segments) / argos_s:7.1f} seg/s  -> klisting is {argos_s / batched_s:.1f}x faster (goal >= 4x)"
    )
    print(
        f"one call per segment, beam 2 (batching alone): {beam2_s:8.2f} s  {len(segments) / beam2_s:7.1f} seg/s  -> {beam2_s / batched_s:.1f}x"
    )
    print(f"first run: {first['translated']} segments translated, {first['failed']} failed")
    print(
        f"rerun with translation memory: {memory_s:8.3f} s  -> {batched_s / memory_s:.0f}x faster than the first run (goal >= 50x); engine calls: {again.stats.engine_calls}"
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
