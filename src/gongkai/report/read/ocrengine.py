"""The OCR engine: Tesseract 5 with its simplified-Chinese model, from Debian's packages
(``tesseract-ocr``, ``tesseract-ocr-chi-sim``; scripts/install-system-deps), run as a program.

Chosen by measurement (docs/ocr.md, benchmarks/ocr.py). Nothing is downloaded: the model is the
Debian package's file. One run per page, on the page with its ruling lines painted out; the
engine gives words with their boxes and a confidence, and the reader places them in the
table's cells by the ruling lines, as the PDF reader places characters.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from typing import Any

from ..errors import ReadError

LANGUAGE = "chi_sim"
# cells that hold a number are read again with the English model and digits only: measured on
# scanned tables, the Chinese model drops a lone "4" or "7" that the English one reads
DIGITS_LANGUAGE = "eng"
# 6: one block of text, read line by line. Tried on rendered reports with the rules painted
# out: it keeps a table row on one line, where the sparse modes (11, 12) split numbers off.
PAGE_MODE = "6"


@dataclass(frozen=True)
class Word:
    """A word the engine read: text, box in pixels, confidence 0–1."""

    text: str
    x0: int
    y0: int
    x1: int
    y1: int
    confidence: float


def available() -> bool:
    return shutil.which("tesseract") is not None


def recognize(
    image: Any,
    source: str | None,
    seconds: float,
    mode: str = PAGE_MODE,
    options: tuple[str, ...] = (),
    language: str = LANGUAGE,
) -> list[Word]:
    """The words of one page image (PIL, grey). Raises ReadError when the engine is missing,
    fails, or takes longer than ``seconds``."""
    program = shutil.which("tesseract")
    if program is None:
        raise ReadError(
            source,
            "是扫描件（页面只有图片），本机未安装文字识别组件（tesseract-ocr、"
            "tesseract-ocr-chi-sim），无法读取",
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(
            [
                program,
                "stdin",
                "stdout",
                "-l",
                language,
                "--psm",
                mode,
                "-c",
                "preserve_interword_spaces=1",
                *options,
                "tsv",
            ],
            input=buffer.getvalue(),
            capture_output=True,
            timeout=seconds,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise ReadError(
            source, f"扫描件一页的文字识别超过 {seconds:.0f} 秒，超出时限，未读取"
        ) from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise ReadError(source, f"扫描件文字识别失败（{message[0]}），无法读取")
    return parse_tsv(done.stdout.decode("utf-8", "replace"))


def orientation(image: Any, seconds: float) -> int:
    """The quarter turns, in degrees (0, 90, 180, 270), that the engine's orientation model
    (``osd``, in Debian's ``tesseract-ocr``) says a page is turned by, clockwise to set it
    right; 0 when it cannot tell (too little text, the model missing, too slow)."""
    program = shutil.which("tesseract")
    if program is None:
        return 0
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(
            [program, "stdin", "stdout", "--psm", "0"],
            input=buffer.getvalue(),
            capture_output=True,
            timeout=seconds,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return 0
    found = re.search(r"Rotate:\s*(\d+)", done.stdout.decode("utf-8", "replace"))
    turn = int(found.group(1)) if found and done.returncode == 0 else 0
    return turn if turn in (90, 180, 270) else 0


def parse_tsv(text: str) -> list[Word]:
    """Words from Tesseract's TSV. A word's height is its text line's: a thin "一" and a tall
    "国" of one line then sit on one line, as a PDF's characters do by their baseline."""
    words = []
    lines: dict[tuple[str, ...], tuple[int, int]] = {}
    for row in csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE):
        key = tuple(row.get(k) or "" for k in ("page_num", "block_num", "par_num", "line_num"))
        if row.get("level") == "4":
            with contextlib.suppress(KeyError, TypeError, ValueError):
                lines[key] = (int(row["top"]), int(row["top"]) + int(row["height"]))
            continue
        if row.get("level") != "5":
            continue
        content = (row.get("text") or "").strip()
        if not content:
            continue
        try:
            left, top = int(row["left"]), int(row["top"])
            width, height = int(row["width"]), int(row["height"])
            confidence = max(float(row["conf"]), 0.0) / 100
        except (KeyError, TypeError, ValueError):
            continue
        top, bottom = lines.get(key, (top, top + height))
        words.append(Word(content, left, top, left + width, bottom, confidence))
    return words
