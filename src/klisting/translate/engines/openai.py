"""OpenAI-compatible chat completions (OpenAI, Ollama's /v1, vLLM, llama.cpp server).

Each request carries the segments, the seller's terms found in them (bundled termbase and
seller glossary), what each placeholder ``⟦n⟧`` stands for, and the title and category of the
products they come from; the model must answer with structured JSON (a JSON schema, or JSON
mode on servers without schema support) holding one translation per segment. Answers whose
count or placeholders are wrong are asked once more; the service checks placeholders and
meaning again. Token use is counted from the answers' ``usage`` and priced when the seller
gives prices (``price_input`` / ``price_output`` in USD per million tokens).
"""

from __future__ import annotations

import json
import os
import re
import threading
from typing import Any

from klisting.errors import RemoteError
from klisting.translate.engines.remote import RemoteEngine
from klisting.translate.hints import SegmentHints
from klisting.translate.protect import PLACEHOLDER_RE

_NAMES = {
    "en": "English",
    "zh-Hant": "Traditional Chinese (Taiwan)",
    "zh-Hans": "Simplified Chinese",
    "ja": "Japanese",
    "es": "Spanish",
    "th": "Thai",
    "vi": "Vietnamese",
    "id": "Indonesian",
    "ms": "Malay",
    "ko": "Korean",
}
_PROMPT = (
    "You translate {source} e-commerce product text into {target} for a marketplace listing. "
    'The user sends a JSON object with "segments" (the texts), "glossary" (required translations '
    'of terms that occur in them), "placeholders" (what each ⟦n⟧ stands for) and "products" '
    '(title and category the segments come from, for context only). Answer only with {{"translations": '
    "[...]}}: one translation per segment, same order, same count. Use the glossary translations. "
    "Keep every placeholder like ⟦0⟧ exactly once and unchanged. Keep every number, unit and "
    "negation (not, no, do not, free of): never turn a prohibition into an instruction. "
    "Do not add or drop facts."
)
_SCHEMA = {
    "type": "json_schema",
    "json_schema": {
        "name": "translations",
        "strict": True,
        "schema": {
            "type": "object",
            "properties": {"translations": {"type": "array", "items": {"type": "string"}}},
            "required": ["translations"],
            "additionalProperties": False,
        },
    },
}


class OpenAIEngine(RemoteEngine):
    """Chat-completions engine; URL from ``$OPENAI_BASE_URL``, model from ``$OPENAI_MODEL``, key from ``$OPENAI_API_KEY``."""

    id = "openai"
    chunk_size = 20
    key_env = ("OPENAI_API_KEY",)
    uses_hints = True

    def __init__(
        self,
        base_url: str | None = None,
        model: str | None = None,
        price_input: float | None = None,
        price_output: float | None = None,
        **options: object,
    ) -> None:
        super().__init__(
            base_url or os.environ.get("OPENAI_BASE_URL", "https://api.openai.com/v1"), **options
        )  # type: ignore[arg-type]
        self.model = model or os.environ.get("OPENAI_MODEL", "gpt-4o-mini")
        self.version = f"{self.base_url}#{self.model}"
        self.prices = (
            _price(price_input, "OPENAI_PRICE_INPUT"),
            _price(price_output, "OPENAI_PRICE_OUTPUT"),
        )
        self.usage = {"requests": 0, "prompt_tokens": 0, "completion_tokens": 0}
        self._usage_lock = threading.Lock()
        self._format: dict[str, Any] = _SCHEMA

    def cost(self) -> float | None:
        """USD spent so far by this engine, or None when no prices were given."""
        price_in, price_out = self.prices
        if price_in is None or price_out is None:
            return None
        tokens_in, tokens_out = self.usage["prompt_tokens"], self.usage["completion_tokens"]
        return round((tokens_in * price_in + tokens_out * price_out) / 1_000_000, 6)

    def usage_report(self) -> dict[str, Any]:
        """Requests, tokens and cost of this run (what `klisting run` and translate print)."""
        return {**self.usage, "cost_usd": self.cost()}

    def _translate_chunk(
        self, chunk: list[str], source: str, target: str, hints: list[SegmentHints]
    ) -> list[str]:
        key = self._key(required="api.openai.com" in self.base_url)
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        system = _PROMPT.format(
            source=_NAMES.get(source, source), target=_NAMES.get(target, target)
        )
        user = json.dumps(_request(chunk, hints), ensure_ascii=False)
        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        counted: list[str] | None = None
        for _ in range(2):  # one more try when the model miscounts or drops a placeholder
            texts = _parse(self._complete(messages, headers))
            if texts is not None and len(texts) == len(chunk):
                if _placeholders_kept(chunk, texts):
                    return texts
                counted = texts
        if counted is not None:
            return counted  # the service keeps the source of each segment that lost one
        raise RemoteError(
            f"openai at {self.base_url} did not return {len(chunk)} translations as JSON",
            "Try a stronger model (--engine-model) or another engine.",
        )

    def _complete(self, messages: list[dict[str, str]], headers: dict[str, str]) -> Any:
        body = {
            "model": self.model,
            "temperature": 0,
            "response_format": self._format,
            "messages": messages,
        }
        try:
            answer = self.post_json("/chat/completions", body, headers)
        except RemoteError as exc:
            if self._format is not _SCHEMA or "HTTP 400" not in exc.message:
                raise
            # servers without JSON-schema support (older Ollama, llama.cpp) take JSON mode
            self._format = {"type": "json_object"}
            answer = self.post_json(
                "/chat/completions", {**body, "response_format": self._format}, headers
            )
        self._count(answer)
        return answer

    def _count(self, answer: Any) -> None:
        usage = answer.get("usage") if isinstance(answer, dict) else None
        with self._usage_lock:
            self.usage["requests"] += 1
            if isinstance(usage, dict):
                self.usage["prompt_tokens"] += int(usage.get("prompt_tokens") or 0)
                self.usage["completion_tokens"] += int(usage.get("completion_tokens") or 0)


def _request(chunk: list[str], hints: list[SegmentHints]) -> dict[str, Any]:
    """The user message: segments plus the glossary, placeholders and products they need."""
    glossary: dict[str, str] = {}
    placeholders: dict[str, str] = {}
    products: dict[str, str] = {}
    for hint in hints:
        glossary.update(hint.terms)
        placeholders.update(hint.placeholders)
        if hint.title:
            products.setdefault(hint.title, hint.category)
    return {
        "segments": chunk,
        "glossary": [{"source": k, "target": v} for k, v in sorted(glossary.items())],
        "placeholders": placeholders,
        "products": [{"title": t, "category": c} for t, c in products.items()],
    }


def _placeholders_kept(sources: list[str], outputs: list[str]) -> bool:
    def ids(text: str) -> list[str]:
        return sorted(m.group(1) for m in PLACEHOLDER_RE.finditer(text))

    return all(ids(s) == ids(o) for s, o in zip(sources, outputs, strict=True))


def _price(value: float | None, env: str) -> float | None:
    if value is not None:
        return float(value)
    raw = os.environ.get(env, "").strip()
    try:
        return float(raw) if raw else None
    except ValueError:
        return None


def _parse(answer: object) -> list[str] | None:
    try:
        content = answer["choices"][0]["message"]["content"]  # type: ignore[index]
    except (KeyError, IndexError, TypeError):
        return None
    match = re.search(r"[\[{].*[\]}]", str(content), re.DOTALL)  # tolerate ```json fences
    if not match:
        return None
    try:
        data = json.loads(match.group(0))
    except ValueError:
        return None
    if isinstance(data, dict):
        data = data.get("translations") or next(
            (v for v in data.values() if isinstance(v, list)), None
        )
    return [str(t) for t in data] if isinstance(data, list) else None
