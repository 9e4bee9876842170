"""News (Nytt): the newest notices for the start page, or all of them for the index."""

from __future__ import annotations

from ..dates import short_date
from ..markdown import blocks, esc, link
from ..model import Curriculum


def news(cur: Curriculum, here: str, antall: int | None = None) -> str:
    notices = cur.news()[:antall] if antall else cur.news()
    if not notices:
        return blocks("Ingen nyheter ennå.")
    parts = []
    for n in notices:
        heading = f"**{link(n.title, n.page, here)}** ({esc(short_date(n.date))})"
        parts.append(f"{heading}  \n{esc(n.summary)}" if n.summary else heading)
    if antall and len(cur.news()) > antall:
        parts.append(link("Alle nyheter", "nytt/index.md", here))
    return blocks(*parts)
