"""Documents released with a reply: checked (count, size, kind), stored under the data
directory with a random name of our own (the uploaded name is kept, made safe, for display
only), and read back for staff. A refused or failed step leaves no file behind."""

from __future__ import annotations

import hashlib
import mimetypes
import re
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePath
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from gongkai.web.agencies.selectors import Actor
from gongkai.web.applications.models import Application, CaseFile, Draft
from gongkai.web.errors import InvalidInput

# what agencies release: documents, spreadsheets, scans, and archives of them
SUFFIXES = (
    ".pdf",
    ".ofd",
    ".doc",
    ".docx",
    ".wps",
    ".rtf",
    ".odt",
    ".txt",
    ".xls",
    ".xlsx",
    ".et",
    ".ods",
    ".csv",
    ".jpg",
    ".jpeg",
    ".png",
    ".tif",
    ".tiff",
    ".zip",
)
NAME_LIMIT = 120
FIELD = "files"


def files_dir() -> Path:
    return Path(settings.DATA_DIR) / "case-files"


def safe_name(name: str) -> str:
    """The uploaded name as it may be shown and offered for download: no folders, no control
    or format characters, no leading dots, at most NAME_LIMIT characters (keeping the suffix)."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C")
    base = " ".join(base.split()).strip(" .")
    suffix = PurePath(base).suffix.lower()
    stem = base[: len(base) - len(suffix)] if suffix else base
    stem = stem[: NAME_LIMIT - len(suffix)].rstrip(" .") or "附件"
    return stem + suffix


def check_uploads(uploads: Sequence[UploadedFile], kept: int = 0) -> None:
    """Refuse, before anything is written: too many files, too large, empty, or of a kind an
    agency does not release. ``kept``: files the step already has."""
    limit = settings.GONGKAI_CASE_FILES_PER_STEP
    if len(uploads) + kept > limit:
        raise InvalidInput(f"附件最多{limit}个。", fields={FIELD: f"附件最多{limit}个"})
    most = settings.GONGKAI_CASE_FILE_MAX_BYTES
    for upload in uploads:
        name = safe_name(upload.name or "")
        suffix = PurePath(name).suffix.lower()
        if suffix not in SUFFIXES:
            message = f"{name}：不接受这种文件（可以上传：{'、'.join(SUFFIXES)}）"
        elif not upload.size:
            message = f"{name}：文件是空的"
        elif upload.size > most:
            message = f"{name}：文件过大（{_size(upload.size)}），每个附件不能超过{_size(most)}"
        else:
            continue
        raise InvalidInput(message + "。", fields={FIELD: message})


def save_uploads(
    application: Application,
    uploads: Iterable[UploadedFile],
    actor: Actor,
    *,
    draft: Draft | None = None,
) -> list[CaseFile]:
    """Write each file and its row. The caller runs this inside its transaction and calls
    :func:`discard` on the result when the transaction fails."""
    folder = files_dir() / str(application.pk)
    folder.mkdir(parents=True, exist_ok=True)
    saved: list[CaseFile] = []
    try:
        for upload in uploads:
            name, stored, sha256 = write_upload(upload, files_dir(), application.pk)
            saved.append(
                CaseFile.objects.create(
                    application=application,
                    draft=draft,
                    name=name,
                    stored=stored,
                    size=upload.size or 0,
                    sha256=sha256,
                    uploaded_by_id=actor.user_id,
                    uploaded_by_name=actor.name,
                )
            )
    except BaseException:
        discard(saved)
        raise
    return saved


def write_upload(upload: UploadedFile, root: Path, case_id: int) -> tuple[str, str, str]:
    """Store one upload under ``root/<case>/`` with a random name of our own, hashing it as it
    is written: (the safe display name, the stored path relative to ``root``, its SHA-256)."""
    name = safe_name(upload.name or "")
    stored = f"{case_id}/{uuid.uuid4().hex}{PurePath(name).suffix.lower()}"
    digest = hashlib.sha256()
    with open(root / stored, "xb") as out:
        for chunk in upload.chunks():
            digest.update(chunk)
            out.write(chunk)
    return name, stored, digest.hexdigest()


def discard(files: Iterable[CaseFile]) -> None:
    """Remove stored files whose rows are gone or going (a rolled-back step, a removed file)."""
    for f in files:
        path_of(f).unlink(missing_ok=True)


def path_of(f: CaseFile) -> Path:
    path = (files_dir() / f.stored).resolve()
    if files_dir().resolve() not in path.parents:  # pragma: no cover - names are our own
        raise InvalidInput("附件路径无效。")
    return path


def content_type(f: CaseFile) -> str:
    return mimetypes.guess_type(f.name)[0] or "application/octet-stream"


def listing(files: Iterable[CaseFile]) -> list[dict[str, Any]]:
    """The files as a reply event records them (its ``extra``): id, name, size."""
    return [{"id": f.pk, "name": f.name, "size": f.size} for f in files]


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB"
    return f"{max(1, n // 1024)} KB"
