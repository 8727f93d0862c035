"""The one Kiwi analyzer of the process (kiwipiepy), shared by the splitter and the glossary.

Kiwi takes about a second and some 100 MB to load; the sentence splitter and the glossary
engine use the same instance, created on first use.
"""

from __future__ import annotations

import threading
from typing import Any

from klisting.errors import DependencyError

_lock = threading.Lock()
_kiwi: Any = None


def kiwi() -> Any:
    """The process-wide Kiwi analyzer, created on first use."""
    global _kiwi
    with _lock:
        if _kiwi is None:
            try:
                from kiwipiepy import Kiwi
            except ImportError as exc:
                raise DependencyError(
                    f"Korean analysis needs kiwipiepy ({exc})",
                    hint="Install it with `pip install kiwipiepy` (its model ships on PyPI).",
                ) from None
            _kiwi = Kiwi()
        return _kiwi
