"""Maps in and out of other formats: Mermaid ``journey`` diagrams and spreadsheet grids.

Readers turn foreign text into the format's front-matter data (plain dicts and
lists, the same shape an author writes in YAML), so the page they become goes
through the ordinary read -> check steps like any other page. Writers take a
checked :class:`~cjm_site.model.Journey`. Nothing here touches files.
"""
