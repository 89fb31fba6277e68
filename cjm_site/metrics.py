"""Text width tables; they live in :mod:`cjm_site.svg.metrics`."""

from cjm_site.svg.metrics import (
    EMOJI_EM,
    UNKNOWN_EM,
    WIDE_EM,
    LineBox,
    char_em,
    line_box,
    text_width,
)

__all__ = ["EMOJI_EM", "UNKNOWN_EM", "WIDE_EM", "LineBox", "char_em", "line_box", "text_width"]
