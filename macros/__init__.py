"""The learning portal's package: programme data in ``curriculum/`` loaded, checked and rendered
into the pages in ``docs/``. The engines (MkDocs, Zensical) meet it only in ``macros.engines``."""
