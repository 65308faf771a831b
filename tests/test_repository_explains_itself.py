"""The repository explains itself: code, templates and tests cite documents that are in it.

The product specification lives outside the repository, so a citation of it sends a reader
nowhere. Decisions are written down in docs/ (index: docs/README.md) and cited from there,
or from the regulation clause itself. No database, no Django: plain files.
"""

import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SCANNED = [ROOT / "kembang", ROOT / "tests", ROOT / "bench", ROOT / "scripts",
           ROOT / "conftest.py", ROOT / "README.md"]
SKIPPED_DIRS = {"__pycache__", "node_modules", "vendor", ".pytest_cache"}
TEXT_SUFFIXES = {".py", ".html", ".txt", ".md", ".js", ".css", ".json", ".toml", ".cfg",
                 ".ini", ".yml", ".yaml", ".sh", ".po", ".xml", ".svg", ".csv", ""}

# Built from parts so that this file does not cite what it forbids.
_SPEC = "SP" + "EC"
FORBIDDEN = [
    re.compile(re.escape(_SPEC) + r"\s*" + "\N{SECTION SIGN}"),
    re.compile(re.escape(_SPEC) + r"\.md", re.IGNORECASE),
]
# docs/<name>.md, optionally with #anchor.
DOC_CITATION = re.compile(r"(?<![\w/])docs/([\w.-]+?\.md)(?:#([\w-]+))?")


def _files():
    for base in SCANNED:
        if base.is_file():
            yield base
            continue
        if not base.exists():
            continue
        for path in sorted(base.rglob("*")):
            if not path.is_file() or SKIPPED_DIRS & set(path.relative_to(ROOT).parts):
                continue
            if path.suffix.lower() in TEXT_SUFFIXES:
                yield path


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def _slug(heading: str) -> str:
    """The anchor a Markdown renderer (GitHub's rules) gives a heading."""
    text = unicodedata.normalize("NFKC", heading).strip().lower()
    text = "".join(ch for ch in text if ch.isalnum() or ch in " -_")
    return text.replace(" ", "-")


def _anchors(doc: Path) -> set[str]:
    anchors, in_code = set(), False
    for line in _text(doc).splitlines():
        if line.startswith("```"):
            in_code = not in_code
        elif not in_code and (m := re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)):
            anchors.add(_slug(m.group(1)))
    return anchors


def test_the_scan_sees_the_tree():
    scanned = {p.relative_to(ROOT).as_posix() for p in _files()}
    assert "kembang/policy/ledger.py" in scanned
    assert "README.md" in scanned and "conftest.py" in scanned
    assert Path(__file__).resolve().relative_to(ROOT).as_posix() in scanned


def test_the_needles_would_catch_a_citation():
    sample = f"(see {_SPEC} \N{SECTION SIGN}10.4 and {_SPEC}.md)"
    assert all(needle.search(sample) for needle in FORBIDDEN)


def test_no_file_cites_the_specification_outside_the_repository():
    offenders = []
    for path in _files():
        for number, line in enumerate(_text(path).splitlines(), start=1):
            if any(needle.search(line) for needle in FORBIDDEN):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:90]}")
    assert not offenders, (
        "Cite docs/<name>.md#section or the regulation clause instead:\n" + "\n".join(offenders))


def _citations():
    for path in _files():
        for number, line in enumerate(_text(path).splitlines(), start=1):
            for match in DOC_CITATION.finditer(line):
                yield path, number, match.group(1), match.group(2)


def test_every_cited_document_exists():
    cited = list(_citations())
    assert any(path.is_relative_to(ROOT / "kembang") for path, *_ in cited)
    missing = [f"{path.relative_to(ROOT)}:{number}: docs/{name}"
               for path, number, name, _anchor in cited if not (DOCS / name).is_file()]
    assert not missing, "Cited documents that are not in docs/:\n" + "\n".join(missing)


def test_every_cited_section_exists():
    anchors = {}
    broken = []
    for path, number, name, anchor in _citations():
        if anchor is None or not (DOCS / name).is_file():
            continue
        if name not in anchors:
            anchors[name] = _anchors(DOCS / name)
        if anchor not in anchors[name]:
            broken.append(f"{path.relative_to(ROOT)}:{number}: docs/{name}#{anchor}")
    assert not broken, "Cited sections with no such heading:\n" + "\n".join(broken)


@pytest.mark.parametrize("doc", sorted(p.name for p in DOCS.glob("*.md")))
def test_links_between_documents_resolve(doc):
    text = _text(DOCS / doc)
    broken = []
    for target, anchor in re.findall(r"\]\(([\w.-]+\.md)?(?:#([\w-]+))?\)", text):
        target_path = DOCS / (target or doc)
        if not target_path.is_file():
            broken.append(f"{target}")
        elif anchor and anchor not in _anchors(target_path):
            broken.append(f"{target or doc}#{anchor}")
    assert not broken, f"docs/{doc} links to missing documents or sections: {broken}"


def test_the_index_lists_every_document():
    index = _text(DOCS / "README.md")
    unlisted = [p.name for p in DOCS.glob("*.md")
                if p.name != "README.md" and f"({p.name})" not in index]
    assert not unlisted, f"docs/README.md does not list: {unlisted}"
