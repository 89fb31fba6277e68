"""Journey maps in any page that Python-Markdown renders: ``extensions=["cjm_markdown"]``."""

from __future__ import annotations

from typing import Any

from cjm_markdown.extension import (
    JourneyExtension,
    fence_format,
    fence_validator,
    mermaid_format,
)

__all__ = ["JourneyExtension", "fence_format", "fence_validator", "makeExtension", "mermaid_format"]


def makeExtension(**kwargs: Any) -> JourneyExtension:
    return JourneyExtension(**kwargs)
