"""The storyboard lane: each stage's pictures as thumbnails that open the full picture.

A picture keeps its proportions inside a fixed frame (``preserveAspectRatio``),
so a tall phone screenshot and a wide photo sit in the same row. The drawing
names each picture by its docs path; where it links to is decided by the caller
(``picture_base``: the way from the map's page to the docs root), and the
standalone export swaps the link for the picture itself (:mod:`cjm_site.export.pictures`).
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cjm_site.model import Image, Journey
from cjm_site.svg.cards import Frame
from cjm_site.svg.geometry import num
from cjm_site.svg.layout import Label
from cjm_site.svg.pieces import box, draw_label
from cjm_site.svg.writer import SvgWriter

THUMB_HEIGHT = 132.0
"""Height of a picture's frame; its width is the card's."""


@dataclass(frozen=True)
class Picture:
    """A placed thumbnail: the frame, the picture's docs path, its text and caption."""

    x: float
    y: float
    width: float
    height: float
    path: str
    """The picture's path in the docs folder."""
    alt: str
    caption: Label | None
    """Under the frame, relative to the frame's top-left corner."""

    @property
    def bottom(self) -> float:
        return self.y + self.height + (self.caption.block.height + 6 if self.caption else 0)


def picture_path(journey: Journey, image: Image) -> str:
    """The docs path of a stage picture (checked to stay inside the docs folder)."""
    joined = posixpath.join(posixpath.dirname(journey.path), image.src.split("#")[0])
    return posixpath.normpath(joined.split("?")[0])


def cell_pictures(frame: Frame, journey: Journey, images: Sequence[Image]) -> list[Picture]:
    """One stage's pictures stacked from y = 0, at x = 0."""
    style = frame.style
    width = frame.card_width
    out: list[Picture] = []
    y = 0.0
    for image in images:
        caption = None
        if image.caption:
            caption = frame.label(
                image.caption, 0, THUMB_HEIGHT + 6, width, "muted", size=style.small_size
            )
        picture = Picture(
            0, y, width, THUMB_HEIGHT, picture_path(journey, image), image.alt, caption
        )
        out.append(picture)
        y = picture.bottom + style.card_gap
    return out


def page_base(path: str, *, directory_urls: bool = True) -> str:
    """The way from the page built from ``path`` (a docs path) back to the docs root."""
    folder = posixpath.dirname(path)
    depth = len(folder.split("/")) if folder else 0
    stem = posixpath.splitext(posixpath.basename(path))[0]
    if directory_urls and stem not in ("index", "README"):
        depth += 1
    return "../" * depth


def draw_pictures(
    writer: SvgWriter, root: Any, pictures: Sequence[Picture], base: str | None
) -> None:
    """The thumbnails; each opens its picture on a click when ``base`` is given."""
    if not pictures:
        return
    group = writer.add(root, "g", {"class": "cjm-storyboard"})
    for picture in pictures:
        href = (base or "") + picture.path
        # No <a>: the map is one image (role="img") whose parts assistive technology
        # does not reach, and a focusable link inside it would be a trap. The page's
        # script opens the picture on a click; the table under the map links it.
        attributes = {"class": "cjm-picture"}
        if base is not None:
            attributes["data-cjm-href"] = href
        parent = writer.add(group, "g", attributes)
        x, y, w, h = picture.x, picture.y, picture.width, picture.height
        writer.add(parent, "rect", box("cjm-picture-frame", x, y, w, h, 4))
        image = writer.add(
            parent,
            "image",
            {
                "href": href,
                "data-cjm-picture": picture.path,
                "x": num(x + 2),
                "y": num(y + 2),
                "width": num(w - 4),
                "height": num(h - 4),
                "preserveAspectRatio": "xMidYMid meet",
                "role": "img",
                "aria-label": picture.alt,
            },
        )
        writer.title(image, picture.alt)
        if picture.caption is not None:
            caption = picture.caption
            placed = Label(caption.block, x + caption.x, y + caption.y, caption.width, caption.role)
            draw_label(writer, group, placed)
