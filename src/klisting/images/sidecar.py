"""JSON models every image stage writes: OCR lines, blocks, and the localized-image sidecar.

A sidecar is the contract between ``images localize`` and ``images render``: a person may edit a
block's ``translation`` (or ``font_size``, ``color``) and re-render without running OCR again.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from klisting.errors import InputError
from klisting.infra.atomic import write_text_atomic
from klisting.infra.redact import redact_url

SIDECAR_VERSION = 1


def _check_box(box: list[int]) -> list[int]:
    # People edit sidecars by hand; a malformed box must fail here with the key named, not
    # as a traceback deep in the renderer.
    if len(box) != 4:
        raise ValueError(f"a box is four numbers (x0, y0, x1, y1), got {len(box)}")
    if box[0] < 0 or box[1] < 0 or box[2] <= box[0] or box[3] <= box[1]:
        raise ValueError(f"a box needs 0 <= x0 < x1 and 0 <= y0 < y1, got {box}")
    return box


def _check_rgb(color: list[int]) -> list[int]:
    if len(color) != 3 or not all(0 <= c <= 255 for c in color):
        raise ValueError(f"a colour is three values (r, g, b) from 0 to 255, got {color}")
    return color


BoxList = Annotated[list[int], AfterValidator(_check_box)]
Rgb = Annotated[list[int], AfterValidator(_check_rgb)]


class Doubt(BaseModel):
    """A fact (number, unit, mark) that no two recognitions read the same way."""

    model_config = ConfigDict(extra="forbid")

    #: what the first (kor+eng) reading says
    token: str
    #: where it sits in its word: whole, start, end or middle (see ``facts.fact_tokens``)
    edge: str
    #: what the other readings say at the same place
    readings: list[str] = Field(default_factory=list)


class OcrLine(BaseModel):
    """One recognised text line: text, box (x0, y0, x1, y1) in image pixels, confidence 0-100."""

    model_config = ConfigDict(extra="forbid")

    text: str
    bbox: list[int]
    confidence: float
    raw: str = ""
    doubts: list[Doubt] = Field(default_factory=list)


class OcrResult(BaseModel):
    """Everything the OCR stage found in one image."""

    model_config = ConfigDict(extra="forbid")

    image: str
    width: int
    height: int
    sha256: str = ""

    # an image URL's password or ?token= never reaches the sidecar file
    _redact = field_validator("image")(lambda cls, value: redact_url(value))
    lines: list[OcrLine] = Field(default_factory=list)


class Block(BaseModel):
    """A paragraph: lines that belong together, translated and rendered as one unit."""

    model_config = ConfigDict(extra="forbid")

    id: int
    source: str
    #: the text drawn into the image; only ever a complete translation (a person may edit it)
    translation: str | None = None
    #: the engine's draft when it was not complete enough to draw (goes to review)
    proposed: str | None = None
    #: translated, kept (not Korean), low-confidence, uncertain (a fact not read twice),
    #: review (translation incomplete or does not fit); all but translated leave the block as is
    status: str = "translated"
    #: why the block was left as is (for the review sheet and report.html)
    reason: str | None = None
    doubts: list[Doubt] = Field(default_factory=list)
    bbox: BoxList
    line_boxes: list[BoxList] = Field(min_length=1)
    confidence: float = 0.0
    line_height: float = Field(gt=0)
    align: Literal["left", "center", "right"] = "left"
    color: Rgb = Field(default_factory=lambda: [0, 0, 0])
    background: Rgb = Field(default_factory=lambda: [255, 255, 255])
    #: estimated pixel size of the original text (from its ink height)
    text_size: float | None = Field(default=None, gt=0)
    bold: bool = False
    font: str | None = None
    #: pixel size to render at; at least 1 (a person may set it in the sidecar)
    font_size: float | None = Field(default=None, ge=1)
    render_box: list[int] | None = None
    erase: str | None = None


class Sidecar(BaseModel):
    """What ``images localize`` did to one image; ``images render`` reads it back."""

    model_config = ConfigDict(extra="forbid")

    version: int = SIDECAR_VERSION
    source: str
    source_sha256: str = ""
    output: str
    target_lang: str
    market: str | None = None
    width: int
    height: int
    blocks: list[Block] = Field(default_factory=list)
    findings: list[dict] = Field(default_factory=list)

    _redact = field_validator("source")(lambda cls, value: redact_url(value))

    @model_validator(mode="after")
    def _boxes_inside_image(self) -> Sidecar:
        for block in self.blocks:
            for box in [block.bbox, *block.line_boxes]:
                if box[2] > self.width or box[3] > self.height:
                    raise ValueError(
                        f"block {block.id}: box {box} lies outside the {self.width}x{self.height} image"
                    )
        return self


def write_sidecar(sidecar: Sidecar, path: Path) -> None:
    """Write a sidecar atomically as readable UTF-8 JSON."""
    write_text_atomic(path, sidecar_text(sidecar))


def sidecar_text(sidecar: Sidecar) -> str:
    """A sidecar as the readable JSON :func:`write_sidecar` writes."""
    return json.dumps(sidecar.model_dump(), ensure_ascii=False, indent=2) + "\n"


def read_sidecar(path: Path) -> Sidecar:
    """Read and validate a sidecar; errors name the file and the bad key.

    Raises:
        InputError: when the file is missing, not JSON, or not a sidecar.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise InputError(
            f"{path}: sidecar not found",
            hint="Pass the .json written by `klisting images localize`.",
        ) from error
    except (OSError, json.JSONDecodeError) as error:
        raise InputError(
            f"{path}: not readable JSON ({error})", hint="Fix the JSON syntax and run again."
        ) from error
    try:
        return Sidecar.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "blocks"
        raise InputError(
            f"{path}: {where}: {first['msg']}", hint="Fix that key in the sidecar and run again."
        ) from error
