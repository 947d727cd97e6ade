"""Scans made at test time, like the stamped paper copies agencies publish: a report rendered to
PDF, each page "printed" to an image at a resolution, turned slightly, speckled with noise, a
red seal pressed over part of the text, JPEG-compressed, and bound into an image-only PDF (or
kept as one JPEG page)."""

from __future__ import annotations

import io
import math
import random
from typing import Any

from gongkai.report.model import Report
from gongkai.report.render import render


def page_images(report: Report, dpi: int) -> list[Any]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(render(report, "pdf"))
    try:
        return [pdf[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(pdf))]
    finally:
        pdf.close()


def scanned(
    image: Any, seed: int, *, rotate: float = 0.6, stamp: bool = True, turn: int = 0
) -> Any:
    """One page made to look scanned: turned by up to ``rotate`` degrees (and a quarter
    ``turn`` of 90, 180 or 270 degrees anticlockwise, as a page put on the scanner on its side
    or upside down), grey noise, a red seal on the right half of the page, JPEG at quality 70."""
    import numpy as np
    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    page = image.convert("RGB")
    if stamp:
        page = _stamp(page, rng)
    if turn:
        page = page.rotate(turn, expand=True)
    angle = rng.uniform(-rotate, rotate)
    page = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=(255, 255, 255))
    page = page.filter(ImageFilter.GaussianBlur(0.6))
    pixels = np.asarray(page, dtype=np.int16)
    noise = np.random.default_rng(seed).normal(0, 12, pixels.shape[:2])[..., None]
    speckle = np.random.default_rng(seed + 1).random(pixels.shape[:2]) < 0.0008
    pixels = np.clip(pixels + noise, 0, 255)
    pixels[speckle] = 40
    page = Image.fromarray(pixels.astype(np.uint8))
    buffer = io.BytesIO()
    page.save(buffer, "JPEG", quality=70)
    buffer.seek(0)
    return Image.open(buffer).convert("RGB")


def _stamp(page: Any, rng: random.Random) -> Any:
    """A red seal: a ring, a star and a ring of text, half transparent, as ink is."""
    from PIL import Image, ImageDraw

    width, height = page.size
    radius = int(width * 0.11)
    cx = int(width * rng.uniform(0.55, 0.75))
    cy = int(height * rng.uniform(0.15, 0.8))
    layer = Image.new("RGBA", page.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    red = (220, 30, 40, 150)
    for r in range(radius - max(radius // 18, 3), radius):
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=red)
    star = [
        (
            cx + (radius * (0.35 if k % 2 == 0 else 0.14)) * math.sin(k * math.pi / 5),
            cy - (radius * (0.35 if k % 2 == 0 else 0.14)) * math.cos(k * math.pi / 5),
        )
        for k in range(10)
    ]
    draw.polygon(star, fill=red)
    for k in range(14):
        a = math.pi * (0.15 + 0.7 * k / 13) + math.pi
        x, y = cx + radius * 0.72 * math.cos(a), cy + radius * 0.72 * math.sin(a)
        size = radius // 6
        draw.rectangle((x - size / 2, y - size / 2, x + size / 2, y + size / 2), fill=red)
    return Image.alpha_composite(page.convert("RGBA"), layer).convert("RGB")


def scanned_pdf(report: Report, dpi: int, seed: int = 0, **how: Any) -> bytes:
    """The report as an image-only PDF, each page scanned at ``dpi``."""
    pages = [scanned(image, seed + k, **how) for k, image in enumerate(page_images(report, dpi))]
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return out.getvalue()


def scanned_jpeg(image: Any, dpi: int, seed: int = 0) -> bytes:
    out = io.BytesIO()
    scanned(image, seed).save(out, "JPEG", quality=75, dpi=(dpi, dpi))
    return out.getvalue()
