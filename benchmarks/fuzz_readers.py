"""Fuzz every reader: mutants of real samples and crafted hostile files, each read in its own
process, with crashes, hangs and peak memory reported per reader.

    .venv/bin/python benchmarks/fuzz_readers.py [--mutants 2000] [--jobs 2] [--seed 1]
                                                [--timeout 5] [--kinds text,html,...] [--no-crafted]

A *crash* is any exception other than the core's ``GongkaiError`` (a clear refusal naming the
file), or a child that dies; a *hang* is a file that takes longer than ``--timeout`` seconds (the
child is killed at twice that); *peak* is the child's peak resident memory above what it had
when it was forked. Targets: 0 crashes, 0 hangs, every file under 500 MB. The samples are a
generated report written by the fixture writers (HTML, DOCX, XLSX), a rendered PDF, the LibreOffice
XLS fixture, a seed's text and the real WPS PDF of tests/report/cases. Mutations (seeded, so a run
repeats): bytes flipped, runs cut, zeroed, duplicated, random bytes inserted. The crafted files
are the hostile inputs a probe found (issue 12, item 3), built here at full size.

Exit status 1 when a target is missed, so the script can gate a release.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import resource
import select
import signal
import sys
import time
import traceback
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CASES = ROOT / "tests" / "report" / "cases"
MiB = 1024 * 1024
PEAK_TARGET_MB = 500.0


# ------------------------------------------------------------------------------------ inputs


def samples() -> dict[str, bytes]:
    from hypothesis.errors import NonInteractiveExampleWarning
    from tests.report.read.writers import HtmlStyle, report_blocks, to_docx, to_html, to_xlsx
    from tests.report.strategies import reports

    from gongkai.report.canonical import from_canonical
    from gongkai.report.render import render

    warnings.simplefilter("ignore", NonInteractiveExampleWarning)
    document = reports(blanks=True).example()
    blocks = report_blocks(document)
    style = HtmlStyle(encoding="gbk", declare="http-equiv", word=True, entities=True, layout=True)
    seed = next((ROOT.parent / "shared" / "seeds").glob("000_*.txt"), None)
    text = seed.read_bytes() if seed else next(CASES.glob("seed-000-*/source.*")).read_bytes()
    found = {
        "text": text,
        "html": to_html(blocks, style),
        "docx": to_docx(blocks),
        "xlsx": to_xlsx(blocks),
        "pdf": render(from_canonical(document), "pdf"),
    }
    xls = next(CASES.glob("*-xls-*/source.xls"), None)
    if xls:
        found["xls"] = xls.read_bytes()
    real = next(CASES.glob("real-*-pdf/source.pdf"), None)
    if real:
        found["pdf-real"] = real.read_bytes()
    return found


def mutate(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        how = rng.choice(("flip", "cut", "insert", "zero", "repeat"))
        at = rng.randrange(max(len(out), 1))
        if how == "flip" and out:
            out[at] ^= rng.randint(1, 255)
        elif how == "cut":
            del out[at : at + rng.randint(1, 4096)]
        elif how == "insert":
            out[at:at] = rng.randbytes(rng.randint(1, 64))
        elif how == "zero":
            out[at : at + 64] = bytes(len(out[at : at + 64]))
        else:
            out[at:at] = out[at : at + rng.randint(1, 2048)] * rng.randint(2, 8)
    return bytes(out)


def _zip(members: dict[str, bytes], level: int = 6) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _replace(package: bytes, name: str, data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(package))
    members = {
        i.filename: (data if i.filename == name else source.read(i)) for i in source.infolist()
    }
    return _zip(members)


def crafted(found: dict[str, bytes]) -> Iterator[tuple[str, str, Callable[[], bytes]]]:
    """(reader kind, name, builder) of the hostile files; built lazily in the parent."""
    yield (
        "text",
        "64 KiB run of digits",
        lambda: (
            "一、总体情况\n三、收到和处理政府信息公开申请情况\n本年新收政府信息公开申请数量".encode()
            + b"1" * 65536
        ),
    )
    yield (
        "text",
        "256 KiB run of digits",
        lambda: (
            "三、收到和处理政府信息公开申请情况\n本年新收政府信息公开申请数量".encode()
            + b"1" * 262144
        ),
    )
    yield (
        "text",
        "1 MiB of '1 ' on one line",
        lambda: (
            "三、收到和处理政府信息公开申请情况\n（一）予以公开 ".encode() + b"1 " * (512 * 1024)
        ),
    )
    yield "text", "49 MiB of '1\\n'", lambda: b"1\n" * (49 * MiB // 2)
    yield (
        "text",
        "crawler dump, 2 MiB without line breaks",
        lambda: ("一、总体情况" + "本年新收政府信息公开申请数量1000001" * 60000).encode(),
    )

    def far_row() -> bytes:
        book = zipfile.ZipFile(io.BytesIO(found["xlsx"]))
        sheet = next(n for n in book.namelist() if n.startswith("xl/worksheets/sheet"))
        far = '<row r="999999999"><c r="A999999999" t="inlineStr"><is><t>1</t></is></c></row></sheetData>'
        xml = book.read(sheet).decode("utf-8").replace("</sheetData>", far, 1)
        return _replace(found["xlsx"], sheet, xml.encode("utf-8"))

    yield "xlsx", "one <row r=999999999>", far_row

    def pdf_operators() -> bytes:
        ops = b"BT /F1 1 Tf " + b"1 0 0 1 10 10 Tm (1) Tj " * 4_000_000 + b"ET"
        return _pdf(ops)

    yield "pdf", "a page of 4 M text operators", pdf_operators

    def docx_bomb() -> bytes:
        book = zipfile.ZipFile(io.BytesIO(found["docx"]))
        body = book.read("word/document.xml").decode("utf-8")
        pad = "<w:p><w:r><w:t>" + "字" * 40 + "</w:t></w:r></w:p>"
        xml = body.replace("</w:body>", pad * (190 * MiB // len(pad.encode())) + "</w:body>", 1)
        return _replace(found["docx"], "word/document.xml", xml.encode("utf-8"))

    yield "docx", "190 MiB body XML", docx_bomb
    yield (
        "html",
        "45 MiB of <p>",
        lambda: b"<html><body>" + b"<p>1</p>" * (45 * MiB // 8) + b"</body></html>",
    )
    yield "html", "nested 100,000 deep", lambda: b"<div>" * 100_000 + b"x" + b"</div>" * 100_000
    yield (
        "any",
        "zip of 3 x 49 MiB text members as one upload",
        lambda: _zip({f"r{i}.txt": b"1\n" * (49 * MiB // 2) for i in range(3)}, level=9),
    )


def _pdf(content: bytes) -> bytes:
    """A one-page PDF whose content stream is ``content``, compressed (so that the file is small
    and the page is large, as a hostile file would be)."""
    import zlib

    packed = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length "
        + str(len(packed)).encode()
        + b" /Filter /FlateDecode >>\nstream\n"
        + packed
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


# ------------------------------------------------------------------------------------ running


@dataclass
class Tally:
    files: int = 0
    refused: int = 0
    crashes: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    peak_mb: float = 0.0
    over_memory: list[str] = field(default_factory=list)
    slowest: float = 0.0


def _child(data: bytes, kind: str, name: str, out: int) -> None:
    from gongkai.report.errors import GongkaiError
    from gongkai.report.parse import parse_bytes

    code = b"ok"
    try:
        parse_bytes(data, f"fuzz.{kind}")
    except GongkaiError:
        code = b"refused"
    except BaseException:  # a crash: anything else
        code = b"crash:" + traceback.format_exc(limit=3).encode("utf-8", "replace")[-600:]
    os.write(out, code)
    os._exit(0)


def run_one(data: bytes, kind: str, name: str, timeout: float) -> tuple[str, float, float]:
    """(outcome, seconds, peak MB above the fork) of reading one file in a forked child."""
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    read_end, write_end = os.pipe()
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read_end)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        _child(data, kind, name, write_end)
    os.close(write_end)
    outcome = b""
    ready, _, _ = select.select([read_end], [], [], 2 * timeout)
    if ready:
        while chunk := os.read(read_end, 4096):
            outcome += chunk
    else:
        os.kill(pid, signal.SIGKILL)
        outcome = b"hang"
    os.close(read_end)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - started
    if not outcome:
        outcome = f"crash:child died ({status})".encode()
    if outcome in (b"ok", b"refused") and seconds > timeout:
        outcome = b"hang"
    return outcome.decode("utf-8", "replace"), seconds, max(usage.ru_maxrss / 1024 - base, 0.0)


def record(tally: Tally, label: str, outcome: str, seconds: float, peak: float) -> None:
    tally.files += 1
    tally.slowest = max(tally.slowest, seconds)
    tally.peak_mb = max(tally.peak_mb, peak)
    if outcome == "refused":
        tally.refused += 1
    elif outcome == "hang":
        tally.hangs.append(f"{label} ({seconds:.1f} s)")
    elif outcome.startswith("crash:"):
        tally.crashes.append(f"{label}: {outcome[6:].strip().splitlines()[-1]}")
    if peak > PEAK_TARGET_MB:
        tally.over_memory.append(f"{label} ({peak:.0f} MB)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument("--kinds", default="")
    parser.add_argument("--no-crafted", action="store_true")
    args = parser.parse_args()
    import gongkai.report.parse  # noqa: F401  imported once, before the children fork

    found = samples()
    kinds = [k for k in found if not args.kinds or k in args.kinds.split(",")]
    tallies: dict[str, Tally] = {}
    rng = random.Random(args.seed)
    started = time.perf_counter()
    for kind in kinds:
        tally = tallies.setdefault(kind, Tally())
        for index in range(args.mutants):
            data = mutate(found[kind], rng)
            record(tally, f"{kind} mutant {index}", *run_one(data, kind, f"m{index}", args.timeout))
    crafted_rows: list[tuple[str, str, str, float, float]] = []
    if not args.no_crafted:
        for kind, name, build in crafted(found):
            if args.kinds and kind not in args.kinds.split(","):
                continue
            data = build()
            outcome, seconds, peak = run_one(data, kind, name, args.timeout)
            record(tallies.setdefault(f"crafted ({kind})", Tally()), name, outcome, seconds, peak)
            crafted_rows.append((kind, name, outcome.split(":")[0], seconds, peak))

    print(
        f"{'reader':<16}{'files':>7}{'refused':>9}{'crashes':>9}{'hangs':>7}{'slowest s':>11}{'peak MB':>9}"
    )
    missed = False
    for kind, tally in tallies.items():
        print(
            f"{kind:<16}{tally.files:>7}{tally.refused:>9}{len(tally.crashes):>9}{len(tally.hangs):>7}"
            f"{tally.slowest:>11.2f}{tally.peak_mb:>9.0f}"
        )
        missed |= bool(tally.crashes or tally.hangs or tally.over_memory)
    if crafted_rows:
        print("\ncrafted files:")
        for kind, name, outcome, seconds, peak in crafted_rows:
            print(f"  {kind:<5} {name:<46} {outcome:<8} {seconds:>6.2f} s {peak:>6.0f} MB")
    for kind, tally in tallies.items():
        for line in tally.crashes[:5] + tally.hangs[:5] + tally.over_memory[:5]:
            print(f"  ! {kind}: {line}")
    print(
        f"\n{sum(t.files for t in tallies.values())} files in {time.perf_counter() - started:.0f} s;"
        f" targets: 0 crashes, 0 hangs over {args.timeout:g} s, peak under {PEAK_TARGET_MB:.0f} MB:"
        f" {'missed' if missed else 'met'}"
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
