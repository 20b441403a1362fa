"""Write a benchmark's figures into its own section of a docs/ page."""
from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs"


def write_section(page: str, heading: str, body: str) -> Path:
    """Replace the `## heading` section of docs/<page> with body (appending it if absent)."""
    path = DOCS / page
    text = path.read_text("utf-8") if path.exists() else f"# {page.removesuffix('.md').title()}\n"
    section = f"## {heading}\n\n{body.strip()}\n\n"
    pattern = re.compile(rf"^## {re.escape(heading)}\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(lambda _: section, text, count=1) if pattern.search(text) else text.rstrip() + "\n\n" + section
    path.write_text(text.rstrip() + "\n", "utf-8")
    return path
