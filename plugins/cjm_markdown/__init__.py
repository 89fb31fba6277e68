"""Journey maps in any page that Python-Markdown renders: ``extensions=["cjm_markdown"]``.

A fenced block with the language ``journey`` holds a map, in the format's YAML
(the fields of a journey page's front matter; ``type: journey`` may be left
out) or in Mermaid's ``journey`` syntax (recognised by its first line)::

    ```journey
    title: Pizza night
    persona: eva-molin        # an id the site knows, or a name
    stages:
      - {name: Hear about it, emotion: 1}
      - {name: Wait for a table, emotion: -2}
    ```

In ``mkdocs.yml`` (MkDocs without the cjm plugin, or Zensical)::

    markdown_extensions:
      - cjm_markdown:
          mermaid: true       # also draw ```mermaid journey diagrams, on the server
          docs_dir: ""        # persona pages for names (default: the site's docs folder)
          spine: []           # Zensical: the cjm plugin's spine and channels (it runs
          channels: {}        #   no MkDocs plugin, so the extension takes them)
          pages: true         # Zensical: journey and persona pages get their blocks

With the cjm plugin, nothing to set: the plugin adds the extension and hands it
the handbook, so a fence that names an ``id`` is a map of the handbook. Under
Zensical the extension reads the docs folder itself (see ``cjm_markdown.hosts``).

or as custom fences of ``pymdownx.superfences``, the way Material configures fences::

    markdown_extensions:
      - pymdownx.superfences:
          custom_fences:
            - name: journey
              class: journey
              format: !!python/name:cjm_markdown.fence_format
              validator: !!python/name:cjm_markdown.fence_validator
            - name: mermaid       # journeys drawn here, other diagrams left to Mermaid
              class: mermaid
              format: !!python/name:cjm_markdown.mermaid_format
"""

from __future__ import annotations

from typing import Any

from cjm_markdown.extension import (
    JourneyExtension,
    fence_format,
    fence_validator,
    mermaid_format,
)

__all__ = ["JourneyExtension", "fence_format", "fence_validator", "makeExtension", "mermaid_format"]


def makeExtension(**kwargs: Any) -> JourneyExtension:
    return JourneyExtension(**kwargs)
