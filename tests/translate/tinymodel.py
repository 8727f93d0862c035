"""Build tiny but real Argos packages at test time (no download, no torch).

SentencePiece is trained on a few hundred generated catalog lines; the CTranslate2 model is a
one-layer transformer whose hand-set numpy weights copy the source token at each position
and map it through a word table (가방 -> bag). Tokens outside the table are copied, and
tokens unknown to SentencePiece come back through ``replace_unknowns``.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np

P = 256  # position table: covers max_input_length + EOS and max_decoding_length

KO_EN = {
    "가방": "bag",
    "신발": "shoes",
    "모자": "hat",
    "양말": "socks",
    "빨간": "red",
    "파란": "blue",
    "검정": "black",
    "흰색": "white",
    "여성용": "women's",
    "남성용": "men's",
    "정품": "genuine",
    "세트": "set",
    "색상": "color",
    "사이즈": "size",
}
EN_ZT = {
    "bag": "包",
    "shoes": "鞋",
    "hat": "帽子",
    "socks": "襪子",
    "red": "紅色",
    "blue": "藍色",
    "black": "黑色",
    "white": "白色",
    "genuine": "正品",
    "set": "套裝",
    "color": "顏色",
    "size": "尺寸",
}


def _corpus(words: list[str]) -> list[str]:
    extra = [
        "이 상품은 가볍고 튼튼합니다.",
        "무료배송",
        "특가",
        "오늘 주문하면 내일 도착합니다.",
        "the",
        "this",
        "is",
        "and",
    ]
    lines = []
    for i, w in enumerate(words):
        for j, v in enumerate(words):
            if (i + j) % 3 == 0:
                lines.append(f"{w} {v} {extra[(i * j) % len(extra)]} {i + j}0 AB-{i}{j} x_{j}.")
    lines += [" ".join(str(d) for d in range(10)) + " - _ . , : ; ! ? ( ) % / ' \" mm cm kg"] * 3
    return lines


def build_package(
    workdir: Path, table: dict[str, str], source: str, target: str, vocab_words: list[str]
) -> Path:
    """Write ``translate-{source}_{target}-0_1.argosmodel`` in ``workdir`` and return its path."""
    import sentencepiece as spm

    workdir.mkdir(parents=True, exist_ok=True)
    corpus = workdir / f"corpus_{source}_{target}.txt"
    corpus.write_text("\n".join(_corpus(vocab_words)) + "\n", encoding="utf-8")
    symbols = list(dict.fromkeys([*table, *table.values(), *vocab_words]))
    prefix = workdir / f"sp_{source}_{target}"
    spm.SentencePieceTrainer.train(
        input=str(corpus),
        model_prefix=str(prefix),
        vocab_size=len(symbols) + 120,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        user_defined_symbols=symbols,
        bos_id=1,
        eos_id=2,
        unk_id=0,
        pad_id=-1,
        normalization_rule_name="identity",
        minloglevel=2,
    )
    sp = spm.SentencePieceProcessor(model_file=f"{prefix}.model")
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    name = f"translate-{source}_{target}-0_1"
    package = workdir / "build" / name
    package.mkdir(parents=True, exist_ok=True)
    _convert(vocab, table, package / "model")
    (package / "sentencepiece.model").write_bytes(Path(f"{prefix}.model").read_bytes())
    meta = {
        "package_version": "0.1",
        "argos_version": "1.11.0",
        "from_code": source,
        "to_code": target,
        "type": "translate",
        "code": f"translate-{source}_{target}",
        "links": [],
    }
    (package / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")
    archive = workdir / f"{name}.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for f in sorted(package.rglob("*")):
            z.write(f, f.relative_to(package.parent).as_posix())
    return archive


def _convert(vocab: list[str], table: dict[str, str], out: Path) -> None:
    from ctranslate2.converters import Converter
    from ctranslate2.specs import transformer_spec

    V, D, FF = len(vocab), len(vocab) + P, 4
    idx = {p: i for i, p in enumerate(vocab)}
    mapping = np.arange(V)
    for src, tgt in table.items():
        for a, b in ((src, tgt), ("▁" + src, "▁" + tgt)):
            if a in idx and b in idx:
                mapping[idx[a]] = idx[b]
    eos = idx["</s>"]
    f32 = np.float32

    class CopyMap(Converter):
        def _load(self):  # noqa: ANN202 - Converter API
            spec = transformer_spec.TransformerSpec.from_config(
                (1, 1), num_heads=1, pre_norm=True, no_final_norm=True
            )
            spec.config.add_source_eos = True
            enc, dec = spec.encoder, spec.decoder
            pos = np.zeros((P, D), f32)
            pos[np.arange(P), V + np.arange(P)] = 1.0
            for side in (enc, dec):
                side.scale_embeddings = False
                side.position_encodings.encodings = pos
            enc.embeddings[0].weight = np.eye(V, D, dtype=f32)
            dec.embeddings.weight = np.zeros((V, D), f32)
            for layer in (enc.layer[0], dec.layer[0]):
                _zero(layer.self_attention, D, FF, fused=True)
                _zero_ffn(layer.ffn, D, FF)
            ca = dec.layer[0].attention
            _ln(ca.layer_norm, D)
            wq = np.zeros((D, D), f32)
            wq[V:, V:] = 40.0 * np.eye(P, dtype=f32)
            bq = np.zeros(D, f32)
            bq[eos] = 15.0 * np.sqrt(D)
            wkv = np.zeros((2 * D, D), f32)
            wkv[V:D, V:D] = np.eye(P, dtype=f32)
            wkv[eos, eos] = 1.0
            wkv[D : D + V, :V] = np.eye(V, dtype=f32)
            ca.linear[0].weight, ca.linear[0].bias = wq, bq
            ca.linear[1].weight, ca.linear[1].bias = wkv, np.zeros(2 * D, f32)
            ca.linear[2].weight, ca.linear[2].bias = np.eye(D, dtype=f32), np.zeros(D, f32)
            proj = np.zeros((V, D), f32)
            proj[mapping, np.arange(V)] = 60.0
            bias = np.zeros(V, f32)
            bias[eos] = -30.0
            dec.projection.weight, dec.projection.bias = proj, bias
            spec.register_source_vocabulary(vocab)
            spec.register_target_vocabulary(vocab)
            return spec

    CopyMap().convert(str(out), quantization="int8", force=True)


def _ln(norm, d: int) -> None:  # noqa: ANN001
    norm.gamma, norm.beta = np.ones(d, np.float32), np.zeros(d, np.float32)


def _zero(att, d: int, ff: int, fused: bool) -> None:  # noqa: ANN001
    _ln(att.layer_norm, d)
    att.linear[0].weight = np.zeros((3 * d, d), np.float32)
    att.linear[0].bias = np.zeros(3 * d, np.float32)
    att.linear[1].weight = np.zeros((d, d), np.float32)
    att.linear[1].bias = np.zeros(d, np.float32)


def _zero_ffn(ffn, d: int, ff: int) -> None:  # noqa: ANN001
    _ln(ffn.layer_norm, d)
    ffn.linear_0.weight = np.zeros((ff, d), np.float32)
    ffn.linear_0.bias = np.zeros(ff, np.float32)
    ffn.linear_1.weight = np.zeros((d, ff), np.float32)
    ffn.linear_1.bias = np.zeros(d, np.float32)


def build_all(workdir: Path) -> tuple[Path, Path]:
    """The ko->en and en->zt packages (a pivot pair for ko->zh-Hant)."""
    ko_en = build_package(workdir, KO_EN, "ko", "en", [*KO_EN, *KO_EN.values()])
    en_zt = build_package(workdir, EN_ZT, "en", "zt", [*EN_ZT, *EN_ZT.values()])
    return ko_en, en_zt
