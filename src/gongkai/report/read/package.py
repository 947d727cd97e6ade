"""Office Open XML packages (DOCX, XLSX): a zip checked for bombs before anything is unpacked,
the main part found through ``[Content_Types].xml``, and XML parsed with a hardened parser."""

from __future__ import annotations

import io
import zipfile
import zlib

from lxml import etree  # type: ignore[import-untyped]

from ..errors import ReadError
from .limits import ReadLimits, check_size, check_zip

_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# what unpacking a damaged member can raise
ZIP_ERRORS = (
    KeyError,
    RuntimeError,
    NotImplementedError,
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    OSError,
    EOFError,
    ValueError,
)


def xml_parser() -> etree.XMLParser:
    """No network, no DTD loading, entities never expanded (no billion laughs), no huge trees."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def open_zip(data: bytes, source: str | None, limits: ReadLimits, kind: str) -> zipfile.ZipFile:
    check_size(data, source, limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        # NotImplementedError: a directory entry claiming a zip version Python cannot read
        raise ReadError(source, f"{kind}文件已损坏：不是有效的 ZIP 压缩包（{exc}）") from exc
    check_zip(archive, source, limits, kind)
    return archive


def read_member(archive: zipfile.ZipFile, name: str, source: str | None, kind: str) -> bytes:
    try:
        return archive.read(name)
    except KeyError as exc:
        raise ReadError(source, f"{kind}文件缺少“{name}”部件，文件不完整") from exc
    except RuntimeError as exc:  # encrypted member
        raise ReadError(source, f"{kind}文件已加密，无法读取，请先解除密码保护") from exc
    except NotImplementedError as exc:
        raise ReadError(source, f"{kind}文件使用了不支持的压缩方式：{exc}") from exc
    except ZIP_ERRORS as exc:
        raise ReadError(source, f"{kind}文件已损坏：“{name}”无法解压（{exc}）") from exc


def parse_xml(data: bytes, source: str | None, kind: str, name: str) -> etree._Element:
    try:
        return etree.fromstring(data, xml_parser())
    except etree.XMLSyntaxError as exc:
        raise ReadError(source, f"{kind}文件已损坏：“{name}”不是有效的 XML（{exc}）") from exc


def main_part(
    archive: zipfile.ZipFile, content_types: tuple[str, ...], source: str | None
) -> str | None:
    """The name of the first part whose content type is one of ``content_types``."""
    try:
        raw = archive.read("[Content_Types].xml")
    except ZIP_ERRORS:
        return None
    try:
        root = etree.fromstring(raw, xml_parser())
    except etree.XMLSyntaxError:
        return None
    for override in root.iter(f"{_CONTENT_TYPES}Override"):
        if override.get("ContentType") in content_types:
            name = (override.get("PartName") or "").lstrip("/")
            if name:
                return name
    return None
