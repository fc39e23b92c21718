"""The README and docs/ hang together: every page is linked from the README, no link is dead."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def test_every_docs_page_is_linked_from_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    linked = {(REPO / target).resolve() for target in LINK.findall(readme)}
    pages = sorted((REPO / "docs").glob("*.md"))
    assert pages and [p.name for p in pages if p.resolve() not in linked] == []


def test_no_relative_link_in_the_readme_or_docs_is_dead() -> None:
    dead = []
    for page in [REPO / "README.md", REPO / "CONTRIBUTING.md", *(REPO / "docs").glob("*.md")]:
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            if "://" not in target and not (page.parent / target).exists():
                dead.append(f"{page.relative_to(REPO)} → {target}")
    assert dead == []


def test_the_readme_stays_one_screenful_per_audience() -> None:
    assert len((REPO / "README.md").read_text(encoding="utf-8").splitlines()) <= 170
