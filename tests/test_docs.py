"""The docs stand on their own: every reference to docs/law.md or docs/report-json.md names a
section that exists, nothing points at files outside the repository, and the README's layout
names every package."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
_REFERENCE = re.compile(r"(law|report-json)\.md#([a-z0-9-]+)")
_ANCHOR = re.compile(r'<a id="([a-z0-9-]+)"></a>')
_GONE = re.compile(r"legal-spec|shared/domain|ARCHITECTURE\.md|\.\./shared")


def _texts() -> list[tuple[Path, str]]:
    """README, docs, and the text files of the code and tests (the report fixtures' sources
    are agencies' documents, not ours: only their NOTES.md)."""
    paths = [ROOT / "README.md", *DOCS.glob("*.md")]
    for top in ("src", "tests", "benchmarks", "scripts"):
        for path in (ROOT / top).rglob("*"):
            if not path.is_file() or path.suffix not in {".py", ".md", ".html", ".js", ""}:
                continue
            if "cases" in path.parts and path.name != "NOTES.md":
                continue
            paths.append(path)
    return [(p, p.read_text(encoding="utf-8", errors="replace")) for p in paths]


def test_every_reference_to_the_docs_names_a_section_that_exists() -> None:
    anchors = {
        name: set(_ANCHOR.findall((DOCS / f"{name}.md").read_text(encoding="utf-8")))
        for name in ("law", "report-json")
    }
    broken = [
        f"{path.relative_to(ROOT)}: {doc}.md#{anchor}"
        for path, text in _texts()
        for doc, anchor in _REFERENCE.findall(text)
        if anchor not in anchors[doc]
    ]
    assert broken == []
    # the links within law.md itself ([x](#anchor))
    law = (DOCS / "law.md").read_text(encoding="utf-8")
    assert set(re.findall(r"\]\(#([a-z0-9-]+)\)", law)) <= anchors["law"]


def test_nothing_points_at_documents_outside_the_repository() -> None:
    this = Path(__file__).resolve()
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path, text in _texts()
        if path.resolve() != this
        for match in _GONE.finditer(text)
    ]
    assert found == []


def test_the_readme_layout_names_every_package() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme[readme.index("## Layout") :]
    layout = layout[: layout.index("\n## ", 1) if "\n## " in layout[1:] else None]
    source = ROOT / "src" / "gongkai"
    packages = sorted(  # the packages of the cores and the web apps, two levels down
        init.parent
        for init in source.rglob("__init__.py")
        if 1 <= len(init.parent.relative_to(source).parts) <= 2
        and init.parent.name not in {"migrations", "management", "templatetags"}
    )
    missing = [str(p.relative_to(ROOT)) for p in packages if f"{p.name}/" not in layout]
    assert missing == []
