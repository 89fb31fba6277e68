"""cjm-site: customer journey maps as code.

The core library: reading and checking persona and journey pages, linking them
into a site, drawing journey maps as SVG, and building the catalogue. It never
imports MkDocs; ``cjm_mkdocs`` adapts it to MkDocs.
"""

__version__ = "0.1.0"
