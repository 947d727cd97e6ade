"""Page images for the OCR reader: loading within limits, a red stamp taken out, the page set
straight, and the ruling lines of its tables found by row and column projections.

Only numpy and Pillow: a ruled table's lines are long runs of dark pixels along one pixel row
(or column), far longer than any stroke of a character, so runs of at least
``RULE_INCHES`` find them. The image given to the OCR engine has those runs painted white, so
the engine reads the cell text without the borders running into the digits.

Coordinates handed on are in points (1/72 inch) in reading space, like the PDF reader's: x
grows along a line, y down the page; the pixels' resolution (``dpi``) converts them.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import Any

from ..errors import ReadError
from .pdflayout import Rule

RULE_INCHES = 0.3  # a dark run at least this long along a pixel row is a ruling line
DARK = 150  # grey level below which a pixel is ink
MAX_SKEW = 4.0  # degrees: a scan tilted more than this is read as it is
A4_WIDTH_INCHES = 8.27


@dataclass
class PageImage:
    """A prepared page: grey image for the OCR engine (rules painted out), its rules in
    points, and the resolution that converts pixels to points."""

    image: Any  # PIL.Image.Image, mode "L"
    rules: list[Rule]
    dpi: float
    skew: float  # degrees the page was turned back by


def open_image(data: bytes, source: str | None, max_pixels: int, kind: str) -> Any:
    """A PNG or JPEG as a Pillow image, refused beyond ``max_pixels`` before it is decoded."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            width, height = image.size
            if width * height > max_pixels:
                raise ReadError(
                    source,
                    f"{kind}为 {width}×{height} 像素，超过上限 {max_pixels} 像素，未读取",
                )
            image.load()
    except ReadError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ReadError(source, f"{kind}像素过多，疑为恶意文件，未读取") from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise ReadError(source, f"{kind}已损坏，无法打开（{exc}）") from exc
    return image


def image_dpi(image: Any) -> float:
    """The resolution a photo or scan was made at: as the file says, else as an A4 page."""
    info = image.info.get("dpi")
    if info and 100 <= float(info[0]) <= 1200:
        return float(info[0])
    width = min(image.size)  # portrait or landscape, the short side is the page's width
    return max(width / A4_WIDTH_INCHES, 50.0)


def prepare(image: Any, dpi: float) -> PageImage:
    """Stamp out, greyscale, straightened, rules found and painted out."""
    import numpy as np
    from PIL import Image

    grey = _without_stamp(image)
    skew = _skew(grey)
    if skew:
        grey = grey.rotate(skew, resample=Image.Resampling.BILINEAR, fillcolor=255, expand=False)
    pixels = np.asarray(grey, dtype=np.uint8)
    ink = pixels < DARK
    length = max(int(RULE_INCHES * dpi), 20)
    horizontal = _runs(ink, length)
    vertical = _runs(ink.T, length)
    scale = 72.0 / dpi
    rules = [Rule(True, y * scale, x0 * scale, x1 * scale) for y, x0, x1 in _segments(horizontal)]
    rules += [
        Rule(False, x * scale, y0 * scale, y1 * scale) for x, y0, y1 in _segments(vertical)
    ]
    clean = pixels.copy()
    mask = _grow(horizontal | vertical.T)
    clean[mask] = 255
    return PageImage(Image.fromarray(clean), rules, dpi, skew)


def _without_stamp(image: Any) -> Any:
    """Grey, with a red seal taken out: red pixels (red well above green and blue) turn
    white; black text under the seal stays black."""
    import numpy as np
    from PIL import Image

    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    if image.mode == "L":
        return image
    rgb = np.asarray(image, dtype=np.int16)
    red, green, blue = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    stamp = (red > 120) & (red - np.maximum(green, blue) > 50)
    grey = (0.299 * red + 0.587 * green + 0.114 * blue).astype(np.uint8)
    grey[stamp] = 255
    return Image.fromarray(grey)


def _skew(grey: Any) -> float:
    """The small angle that makes the text lines most horizontal: the angle whose row
    projection of ink is sharpest, on a reduced copy, first by half degrees then by tenths."""
    import numpy as np
    from PIL import Image

    small = grey.copy()
    small.thumbnail((800, 800))
    ink = Image.fromarray(((np.asarray(small) < DARK) * 255).astype(np.uint8))

    def sharpness(angle: float) -> float:
        turned = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST), dtype=np.float64)
        rows = turned.sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    best = max((a / 2 for a in range(int(-MAX_SKEW * 2), int(MAX_SKEW * 2) + 1)), key=sharpness)
    fine = max((best + a / 10 for a in range(-5, 6)), key=sharpness)
    return 0.0 if abs(fine) < 0.05 else round(fine, 2)


def _runs(ink: Any, length: int) -> Any:
    """Pixels that lie on a run of ink at least ``length`` long along their row. A pixel row
    is taken together with its neighbours above and below, so that a line drawn one pixel off
    in places (a scan straightened to a tenth of a degree) still counts as one run."""
    import numpy as np

    band = ink.copy()
    band[1:] |= ink[:-1]
    band[:-1] |= ink[1:]
    height, width = band.shape
    padded = np.zeros((height, width + 2), dtype=np.int8)
    padded[:, 1:-1] = band
    edges = np.diff(padded, axis=1)
    out = np.zeros_like(band)
    starts = np.argwhere(edges == 1)
    ends = np.argwhere(edges == -1)
    long = (ends[:, 1] - starts[:, 1]) >= length
    for (row, start), (_, end) in zip(starts[long], ends[long], strict=True):
        out[row, start:end] = True
    return out


def _grow(mask: Any) -> Any:
    """The mask widened by a pixel each way: the grey edge of a scanned line goes too."""
    grown = mask.copy()
    grown[1:] |= mask[:-1]
    grown[:-1] |= mask[1:]
    grown[:, 1:] |= mask[:, :-1]
    grown[:, :-1] |= mask[:, 1:]
    return grown


def _segments(mask: Any) -> list[tuple[float, float, float]]:
    """Runs of a line mask (along axis 1) as (position, start, end) in pixels: neighbouring
    pixel rows of one thick line merged, their position the middle."""
    import numpy as np

    height, width = mask.shape
    padded = np.zeros((height, width + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    edges = np.diff(padded, axis=1)
    starts = np.argwhere(edges == 1)
    ends = np.argwhere(edges == -1)
    runs = sorted(
        (int(row), int(start), int(end))
        for (row, start), (_, end) in zip(starts, ends, strict=True)
    )
    merged: list[list[float]] = []  # [first row, last row, start, end]
    for row, start, end in runs:
        for line in reversed(merged[-8:]):
            if row - line[1] <= 1 and start < line[3] and end > line[2]:
                line[1] = row
                line[2], line[3] = min(line[2], start), max(line[3], end)
                break
        else:
            merged.append([row, row, start, end])
    return [((a + b) / 2, start, end) for a, b, start, end in merged]
