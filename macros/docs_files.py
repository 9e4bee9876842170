"""What may be published from docs/: pages, the site's own style sheets, scripts and images.

MkDocs copies every other file as it is and follows symbolic links, so a link to /etc/passwd
or a planted ``x.html`` with its script would be published. Everything outside the allowlist
is refused by the checks and by the build.
"""

from __future__ import annotations

import os
from pathlib import Path

from .problems import Problem

# Folder under docs/ → the file types it may hold (Markdown pages may be anywhere).
ALLOWED = {
    "javascripts": (".js",),
    "stylesheets": (".css",),
    "bilder": (".png", ".jpg", ".jpeg", ".gif", ".webp"),
}
RULE = (
    "bare Markdown-sider (.md), stilark i stylesheets/, skript i javascripts/ og bilder "
    "(.png, .jpg, .gif, .webp) i bilder/ publiseres"
)


def allowed(relative: str) -> bool:
    path = Path(relative)
    if path.suffix.lower() == ".md":
        return True
    return path.suffix.lower() in ALLOWED.get(path.parts[0], ()) if len(path.parts) > 1 else False


def file_problems(docs: Path) -> list[Problem]:
    """Symbolic links and files of types that are not published, each with its path."""
    problems: list[Problem] = []
    for folder, dirs, files in os.walk(docs):  # does not follow links to folders
        here = Path(folder)
        for name in sorted(dirs + files):
            path = here / name
            relative = path.relative_to(docs).as_posix()
            if name.startswith("."):
                continue  # MkDocs leaves hidden files out
            if path.is_symlink():
                problems.append(
                    Problem(
                        f"docs/{relative}",
                        0,
                        "symbolske lenker publiseres ikke",
                        "legg inn selve filen i stedet for en lenke til den",
                    )
                )
            elif name in files and not allowed(relative):
                problems.append(Problem(f"docs/{relative}", 0, "filtypen publiseres ikke", RULE))
        dirs[:] = [d for d in dirs if not (here / d).is_symlink() and not d.startswith(".")]
    return problems
