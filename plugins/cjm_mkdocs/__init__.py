"""The MkDocs adapter of cjm-site (entry point ``cjm`` in ``mkdocs.plugins``)."""
