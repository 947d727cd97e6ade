"""The PDF's CJK fonts: found, registered once, and their subsets made and compressed once.

The fonts come from Debian packages and are found at run time (:data:`FONT_CANDIDATES`):

* body and title: AR PL UMing CN (``fonts-arphic-uming``, TrueType), a Song/Ming face;
* headings: WenQuanYi Micro Hei (``fonts-wqy-microhei``) or Zen Hei (``fonts-wqy-zenhei``).

Only TrueType outlines can be embedded by reportlab, so the OpenType/CFF Noto CJK fonts do not
serve. A document embeds subsets of them (up to 256 characters each, numbered in the order the
document first uses them) with a ToUnicode map. A subset is a pure function of the font and its
characters, and the headings' characters are the same in every report: each distinct subset is
made, compressed and described (its widths) once for the process, in bounded caches.
"""

from __future__ import annotations

import functools
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfdoc, pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import (  # type: ignore[import-untyped]
    SUBSETN,
    TTFont,
    makeToUnicodeCMap,
)

from . import RenderError

# (path, index in a font collection, Debian package) in order of preference
FONT_CANDIDATES: dict[str, tuple[tuple[str, int, str], ...]] = {
    "song": (
        ("/usr/share/fonts/truetype/arphic/uming.ttc", 0, "fonts-arphic-uming"),
        ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0, "fonts-arphic-ukai"),
    ),
    "hei": (
        ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0, "fonts-wqy-microhei"),
        ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0, "fonts-wqy-zenhei"),
    ),
}
FONT_PACKAGES = "fonts-arphic-uming fonts-wqy-microhei"


@dataclass(frozen=True)
class Fonts:
    song: str
    hei: str


_registered: Fonts | None = None


def fonts() -> Fonts:
    """Register the CJK fonts once per process; a clear error when none is installed."""
    global _registered
    if _registered is None:
        found = {role: _register(role) for role in FONT_CANDIDATES}
        song = found["song"] or found["hei"]
        hei = found["hei"] or found["song"]
        if song is None or hei is None:
            paths = "、".join(p for c in FONT_CANDIDATES.values() for p, _, _ in c)
            raise RenderError(
                f"生成 PDF 需要中文 TrueType 字体，未找到（查找了：{paths}）。"
                f"请安装 Debian 软件包 {FONT_PACKAGES}（见 scripts/install-system-deps）。"
            )
        _registered = Fonts(song, hei)
    return _registered


def _register(role: str) -> str | None:
    for path, index, _package in FONT_CANDIDATES[role]:
        if Path(path).is_file():
            name = f"gongkai-{role}"
            font = TTFont(name, path, subfontIndex=index)
            _remember_subsets(font.face)
            _remember_descriptions(font)
            pdfmetrics.registerFont(font)
            return name
    return None


SUBSETS_KEPT = 64  # embedded font subsets remembered per font (tens of KB each)


def _remember_subsets(face: Any) -> None:
    """Make each distinct font subset once: a subset (up to 256 characters, numbered in the
    order a document first uses them) is a pure function of the font and the characters; the
    headings' characters, in the heading font, are the same in every report."""
    make = face.makeSubset

    @functools.lru_cache(maxsize=SUBSETS_KEPT)
    def cached(characters: tuple[int, ...]) -> bytes:
        return make(list(characters))  # type: ignore[no-any-return]

    face.makeSubset = lambda subset: cached(tuple(subset))
    add_objects = face.addSubsetObjects

    def add_subset_objects(doc: Any, fontname: str, subset: Any) -> Any:
        reference = add_objects(doc, fontname, subset)
        stream = doc.idToObject[f"fontFile:{face.filename}({fontname})"]
        if stream.filters:  # the remembered subset, compressed once
            stream.filters = [_REMEMBERED_FLATE]
        return reference

    face.addSubsetObjects = add_subset_objects


def _remember_descriptions(font: Any) -> None:
    """``TTFont.addObjects`` (each subset of the document described: its name, widths, ToUnicode
    map and font file), each subset's widths and ToUnicode map made, written and compressed
    once for the process."""
    face = font.face

    def add_font_objects(doc: Any) -> None:
        try:
            state = font.state[doc]
        except KeyError:
            state = font.state[doc] = TTFont.State(font._asciiReadable)
        state.frozen = 1
        described = doc.idToObject["BasicFonts"].dict
        for n, subset in enumerate(state.subsets):
            internal_name = font.getSubsetInternalName(n, doc)[1:]
            base_name = (b"".join((SUBSETN(n), b"+", face.name, face.subfontNameX))).decode(
                "pdfdoc"
            )
            widths, cmap = _description(face, base_name, tuple(subset))
            described_font = pdfdoc.PDFTrueTypeFont()
            described_font.__Comment__ = f"Font {font.fontName} subset {n}"
            described_font.Name = internal_name
            described_font.BaseFont = base_name
            described_font.FirstChar = 0
            described_font.LastChar = len(subset) - 1
            described_font.Widths = _RememberedArray(widths)
            cmap_stream = pdfdoc.PDFStream()
            cmap_stream.content = cmap
            if doc.compression:
                cmap_stream.filters = [_REMEMBERED_MAP_FLATE]
            described_font.ToUnicode = doc.Reference(cmap_stream, "toUnicodeCMap:" + base_name)
            described_font.FontDescriptor = face.addSubsetObjects(doc, base_name, subset)
            doc.Reference(described_font, internal_name)
            described[internal_name] = described_font
        del font.state[doc]

    font.addObjects = add_font_objects


@functools.lru_cache(maxsize=2 * SUBSETS_KEPT)
def _description(face: Any, base_name: str, subset: tuple[int, ...]) -> tuple[list[Any], str]:
    """A subset's widths and its ToUnicode map, as ``TTFont.addObjects`` makes them."""
    return list(map(face.getCharWidth, subset)), makeToUnicodeCMap(base_name, list(subset))


def forget() -> None:
    """Empty the subsets' descriptions remembered (their widths and ToUnicode maps)."""
    _description.cache_clear()


class _RememberedFlate:
    """reportlab's FlateDecode filter, remembering what it compressed: the same bytes or text (a
    remembered subset or ToUnicode map is the very same object, whose hash is kept) are
    compressed once. One for the subsets (as many kept as :func:`_remember_subsets` keeps), one
    for their ToUnicode maps."""

    pdfname = "FlateDecode"

    def __init__(self) -> None:
        self._compressed = functools.lru_cache(maxsize=2 * SUBSETS_KEPT)(_compress)

    def encode(self, text: str | bytes) -> bytes:
        return self._compressed(text)

    decode = staticmethod(zlib.decompress)


def _compress(text: str | bytes) -> bytes:  # PDFStreamFilterZCompress.encode
    return zlib.compress(text.encode("utf8") if isinstance(text, str) else text)


@functools.lru_cache(maxsize=2 * SUBSETS_KEPT)
def _written(sequence: tuple[Any, ...], indent: bytes) -> bytes:
    return pdfdoc.PDFArray(sequence).format(None, indent)  # type: ignore[no-any-return]


class _RememberedArray(pdfdoc.PDFArray):  # type: ignore[misc]
    """A subset's widths (numbers only), written once for each distinct sequence."""

    def format(self, document: Any, IND: bytes = b"\n ") -> bytes:
        return _written(tuple(self.sequence), IND)


_REMEMBERED_FLATE = _RememberedFlate()
_REMEMBERED_MAP_FLATE = _RememberedFlate()
