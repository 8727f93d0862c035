"""Secret redaction: API keys, Authorization headers, URL passwords and token parameters.

klisting never writes a secret on purpose, but secrets arrive inside other text: an image URL
with ``?token=...`` or ``user:password@``, a translation server that echoes the request's
``Authorization`` header in its error reply, a key pasted into a base URL. Every error
message, finding, sidecar and cache record passes through :func:`redact_text` (or
:func:`redact_url`), so none of them reaches stdout, stderr, a report, a manifest or a file.
"""

from __future__ import annotations

import os
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MASK = "***"

#: query parameter names (lower case, ``-`` as ``_``) whose value is a credential
SECRET_PARAMS = frozenset(
    {
        "token", "access_token", "refresh_token", "id_token", "auth", "auth_token", "key",
        "api_key", "apikey", "secret", "client_secret", "password", "passwd", "pwd", "sig",
        "signature", "x_amz_signature", "x_amz_credential", "x_amz_security_token",
        "x_goog_signature", "x_goog_credential", "session", "sessionid", "jwt",
    }
)  # fmt: skip
#: environment variables that hold keys: their values are masked wherever they appear
KEY_ENV_SUFFIXES = ("_API_KEY", "_KEY", "_TOKEN", "_SECRET", "_PASSWORD")

_URL = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s'\"<>]+")
_HEADER = re.compile(
    r"(?i)\b(authorization|proxy-authorization|x-api-key|api-key|ocp-apim-subscription-key)"
    r"(\s*[:=]\s*)(?:(bearer|basic|deepl-auth-key|token)\s+)?([^\s,;'\"}]+)"
)
_BEARER = re.compile(r"(?i)\b(bearer|deepl-auth-key)\s+([A-Za-z0-9._~+/=:-]{8,})")
# key shapes of the services klisting talks to: OpenAI sk-..., DeepL uuid:fx
_KEY_SHAPES = re.compile(
    r"\bsk-[A-Za-z0-9_-]{16,}\b|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?::fx)?\b"
)
# cheap pre-check: most texts (every finding message) hold none of these and skip the rest
_MAYBE = re.compile(r"(?i)://|bearer|authorization|api-key|auth-key|sk-|:fx\b")


def redact_url(url: str) -> str:
    """``url`` without a password and with credential query parameters masked."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, host = netloc.rpartition("@")
        user = userinfo.split(":", 1)[0]
        netloc = f"{user}:{MASK}@{host}" if ":" in userinfo else f"{MASK}@{host}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        if any(_secret_param(name) for name, _ in pairs):
            query = urlencode(
                [(name, MASK if _secret_param(name) else value) for name, value in pairs],
                safe="*",
            )
    if netloc == parts.netloc and query == parts.query:
        return url
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def redact_text(text: str) -> str:
    """``text`` with URL credentials, auth headers, bearer tokens and known keys masked."""
    if not text or not isinstance(text, str):
        return text
    text = _mask_env_keys(text)
    if not _MAYBE.search(text):
        return text
    text = _URL.sub(lambda m: redact_url(m.group(0)), text)
    text = _HEADER.sub(
        lambda m: f"{m.group(1)}{m.group(2)}{m.group(3) + ' ' if m.group(3) else ''}{MASK}", text
    )
    text = _BEARER.sub(lambda m: f"{m.group(1)} {MASK}", text)
    return _KEY_SHAPES.sub(MASK, text)


def _secret_param(name: str) -> bool:
    return name.lower().replace("-", "_") in SECRET_PARAMS


def _mask_env_keys(text: str) -> str:
    """Mask the literal value of every key-like environment variable (8+ characters)."""
    for value in _env_secrets():
        if value in text:
            text = text.replace(value, MASK)
    return text


_SUFFIX_BYTES = tuple(suffix.encode() for suffix in KEY_ENV_SUFFIXES)


def _env_secrets() -> list[str]:
    """The values of key-like environment variables, read now (a test or a wrapper may set one
    at any time, so nothing is cached).

    Every finding's message passes through here, so the scan must be cheap: on POSIX the
    environment's raw bytes mapping is filtered without decoding every name and value first
    (``os.environ`` decodes each item it yields: 30 of the 42 us a finding cost).
    """
    raw = getattr(os.environ, "_data", None)
    if isinstance(raw, dict) and all(isinstance(k, bytes) for k in list(raw)[:1]):
        return [
            os.fsdecode(value)
            for name, value in raw.items()
            if len(value) >= 8 and name.upper().endswith(_SUFFIX_BYTES)
        ]
    return [
        value
        for name, value in os.environ.items()
        if len(value) >= 8 and name.upper().endswith(KEY_ENV_SUFFIXES)
    ]
