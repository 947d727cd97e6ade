"""Correction files handed in by applicants: at most GONGKAI_CORRECTION_FILES files of at most
GONGKAI_CORRECTION_MAX_BYTES each, of document and image kinds only, whose first bytes match
their suffix; stored under DATA_DIR/corrections/ with random names of our own (the uploaded
name, made safe, is kept for display only)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path, PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from gongkai.web.applications.services.files import safe_name, write_upload
from gongkai.web.errors import InvalidInput
from gongkai.web.portal.models import Correction, CorrectionFile

FIELD = "files"
_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0",)
# suffix → the first bytes a file of that kind starts with (None: plain text, any bytes)
KINDS: dict[str, tuple[bytes, ...] | None] = {
    ".pdf": (b"%PDF",),
    ".ofd": _ZIP,
    ".doc": _OLE,
    ".wps": _OLE,
    ".docx": _ZIP,
    ".txt": None,
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".tif": (b"II*\x00", b"MM\x00*"),
    ".tiff": (b"II*\x00", b"MM\x00*"),
}


def corrections_dir() -> Path:
    return Path(settings.DATA_DIR) / "corrections"


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"


def _head(upload: UploadedFile) -> bytes:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return bytes(head)


def check(uploads: Sequence[UploadedFile]) -> None:
    """Refuse, before anything is written, with the reason beside the field."""
    limit = settings.GONGKAI_CORRECTION_FILES
    if len(uploads) > limit:
        raise InvalidInput(f"补正材料最多{limit}个文件。", fields={FIELD: f"最多{limit}个文件"})
    most = settings.GONGKAI_CORRECTION_MAX_BYTES
    for upload in uploads:
        name = safe_name(upload.name or "")
        suffix = PurePath(name).suffix.lower()
        if suffix not in KINDS:
            message = f"{name}：不接受这种文件（可以上传：{'、'.join(KINDS)}）"
        elif not upload.size:
            message = f"{name}：文件是空的"
        elif upload.size > most:
            message = f"{name}：文件过大，每个文件不能超过{_size(most)}"
        elif (magic := KINDS[suffix]) is not None and not _head(upload).startswith(magic):
            message = f"{name}：文件内容与扩展名不符"
        else:
            continue
        raise InvalidInput(message + "。", fields={FIELD: message})


def save(correction: Correction, uploads: Iterable[UploadedFile]) -> list[CorrectionFile]:
    """Write each file and its row; the caller discards them when its transaction fails."""
    folder = corrections_dir() / str(correction.application_id)
    folder.mkdir(parents=True, exist_ok=True)
    saved: list[CorrectionFile] = []
    try:
        for upload in uploads:
            name, stored, sha256 = write_upload(
                upload, corrections_dir(), correction.application_id
            )
            saved.append(
                CorrectionFile.objects.create(
                    correction=correction,
                    name=name,
                    stored=stored,
                    size=upload.size or 0,
                    sha256=sha256,
                )
            )
    except BaseException:
        discard(saved)
        raise
    return saved


def discard(files: Iterable[CorrectionFile]) -> None:
    for f in files:
        path_of(f).unlink(missing_ok=True)


def path_of(f: CorrectionFile) -> Path:
    path = (corrections_dir() / f.stored).resolve()
    if corrections_dir().resolve() not in path.parents:  # pragma: no cover - names are our own
        raise InvalidInput("文件路径无效。")
    return path
