"""MkDocs hook for the untimed preparation build: saves every page's Markdown as the macros left
it (with its front matter), and the files our hooks generate, into $BENCH_EXPORT, so the bare
engine can build exactly the same pages without our code."""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from mkdocs.plugins import event_priority

EXPORT = Path(os.environ.get("BENCH_EXPORT", "bench-export"))


def save(uri: str, data: bytes) -> None:
    target = EXPORT / uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


@event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    meta = dict(page.meta)
    head = f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n\n" if meta else ""
    save(page.file.src_uri, (head + markdown).encode("utf-8"))
    return markdown


@event_priority(-100)
def on_files(files, config):
    for file in files:
        if file.generated_by:
            save(file.src_uri, file.content_bytes)
        elif not file.src_uri.endswith(".md") and Path(file.abs_src_path).is_relative_to(
            Path(config.docs_dir)
        ):
            save(file.src_uri, Path(file.abs_src_path).read_bytes())
    return files
