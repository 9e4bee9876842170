"""Where the engines meet the package: the only modules that import MkDocs, Material or Zensical
(``tests/test_engines.py`` fails if another module does).

- ``mkdocs_hooks``: MkDocs' hooks (``hooks:`` in mkdocs.yml): files, pages, sanitising, search index.
- ``search_index``: MkDocs hook that gives each glossary term its own search entry and adds a
  page's ``search: keywords``.
- ``mkdocs_preview``: the preview's side inside ``mkdocs serve`` (quick rebuilds, build status).
- ``mkdocs_build``: ``mkdocs build`` in this process.
- ``zensical_build``, ``zensical_macros``, ``zensical_glossary``: the same sources built with
  Zensical, through its macros extension and a Markdown extension for the glossary links.

Everything else is plain Python from data to Markdown, HTML or files.
"""
