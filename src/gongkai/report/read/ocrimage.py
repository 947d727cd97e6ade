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

    image: Any  # PIL.Image.Image, mode "L": black and white, rules painted out
    rules: list[Rule]
    dpi: float
    skew: float  # degrees the page was turned back by
    grey: Any = None  # the smoothed grey page, rules painted out: cells are cut from it


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
    width: int = min(image.size)  # portrait or landscape, the short side is the page's width
    return max(width / A4_WIDTH_INCHES, 50.0)


def prepare(image: Any, dpi: float) -> PageImage:
    """Stamp out, greyscale, straightened, rules found and painted out."""
    import numpy as np
    from PIL import Image, ImageFilter

    grey = _without_stamp(image)
    skew = _skew(grey)
    if skew:
        grey = grey.rotate(skew, resample=Image.Resampling.BILINEAR, fillcolor=255, expand=False)
    # a scanner's grain and dust out (a median keeps strokes and edges), then black and white
    grey = grey.filter(ImageFilter.MedianFilter(3))
    smooth = np.asarray(grey, dtype=np.uint8)
    ink = smooth < _threshold(smooth)
    pixels = np.where(ink, 0, 255).astype(np.uint8)
    length = max(int(RULE_INCHES * dpi), 20)
    horizontal = _runs(ink, length)
    vertical = _runs(ink.T, length)
    scale = 72.0 / dpi
    rules = [Rule(True, y * scale, x0 * scale, x1 * scale) for y, x0, x1 in _segments(horizontal)]
    rules += [Rule(False, x * scale, y0 * scale, y1 * scale) for x, y0, y1 in _segments(vertical)]
    clean = pixels.copy()
    mask = _grow(_grow(horizontal | vertical.T))
    clean[mask] = 255
    soft = smooth.copy()
    soft[mask] = 255
    return PageImage(Image.fromarray(clean), rules, dpi, skew, Image.fromarray(soft))


def _threshold(pixels: Any) -> int:
    """Otsu's threshold between ink and paper, kept between 100 and 200: a page that is
    nearly all paper still has its ink found."""
    import numpy as np

    counts = np.bincount(pixels.ravel(), minlength=256).astype(np.float64)
    levels = np.arange(256, dtype=np.float64)
    weight = np.cumsum(counts)
    mass = np.cumsum(counts * levels)
    total, total_mass = weight[-1], mass[-1]
    background = total - weight
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (total_mass * weight - mass * total) ** 2 / (weight * background)
    between = np.nan_to_num(between)
    return int(min(max(int(np.argmax(between)), 100), 200))


def _without_stamp(image: Any) -> Any:
    """Grey, with a red seal taken out: where red is above green and blue, the grey is the red
    channel's, stretched, so the seal turns to paper and black text and ruling lines under it
    stay dark. The share of red is weighed softly and widened by two pixels: a JPEG's colour,
    kept at half resolution, fades at a seal's edges while its darkness stays, and those edges
    would otherwise be left as grey rings and specks over the digits."""
    import numpy as np
    from PIL import Image, ImageFilter

    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    if image.mode == "L":
        return image
    rgb = np.asarray(image, dtype=np.int16)
    red, green, blue = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    redness = np.clip((red - np.maximum(green, blue) - 10) * (255 / 30), 0, 255)
    if not (redness > 200).any():
        return image.convert("L")
    weight = Image.fromarray(redness.astype(np.uint8)).filter(ImageFilter.MaxFilter(5))
    share = np.asarray(weight, dtype=np.float64) / 255
    grey = 0.299 * red + 0.587 * green + 0.114 * blue
    # under red ink, the red channel alone is what the paper shows through: high on paper
    # (the seal vanishes), low where black text lies under it. Stretched from the seal's own
    # levels: its red over paper (most of a seal) becomes white, and the red over black
    # text, the seal's red less what the paper gives (its green), becomes black
    sealed = redness > 200
    paper = float(np.median(red[sealed]))
    black = min(float(np.median((red - np.maximum(green, blue))[sealed])), paper - 60)
    stretched = np.clip((red - black) * (255 / (paper - black)), 0, 255)
    grey = (1 - share) * grey + share * stretched
    return Image.fromarray(grey.astype(np.uint8))


def _skew(grey: Any) -> float:
    """The small angle that makes the text lines most horizontal: the angle whose row
    projection of ink is sharpest, on a reduced copy of the ink (each reduced pixel the share
    of ink under it, so thin strokes stay), first by half degrees then by tenths."""
    import numpy as np
    from PIL import Image

    ink = Image.fromarray(((np.asarray(grey) < DARK) * 255).astype(np.uint8))
    factor = max(1, round(max(ink.size) / 1000))
    small = ink.reduce(factor) if factor > 1 else ink

    def sharpness(angle: float) -> float:
        turned = small.rotate(angle, resample=Image.Resampling.BILINEAR)
        rows = np.asarray(turned, dtype=np.float64).sum(axis=1)
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
