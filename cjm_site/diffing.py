"""What changed in journey maps and personas, for reviewers: ``cjm diff``.

Two versions of a page are read and checked exactly as the build does
(:func:`~cjm_site.reading.read_page`, :func:`~cjm_site.checking.check_page`)
and their models are compared:

- :func:`diff_journeys` and :func:`diff_personas` compare two models (``None``
  stands for a page that was added or removed);
- :func:`diff_files` compares two files on disk;
- :func:`diff_revision` compares the working tree with a git revision;
- :func:`to_markdown` renders diffs for a pull-request comment and
  :func:`to_json` as data.

Stages are matched between versions by exact name first; the stages left over
are paired by how alike their content is (words of goal, actions,
touchpoints, thoughts, pains, opportunities, backstage, metric names, feeling
and emotion), their names and positions, so a stage that is renamed and moved
is one stage, not one removed and one added. A matched stage is reported as
moved only when it is outside a longest increasing run of the matched stages'
old positions (taken in new order), so inserting one stage moves nothing else.

The work is split in four modules: :mod:`cjm_site.diff_compare` (models, value
by value, driven by the field table), :mod:`cjm_site.diff_matching` (which stage
is which), :mod:`cjm_site.diff_files` (files and git) and
:mod:`cjm_site.diff_report` (Markdown and JSON); this module is their front door.

Problems with the input (a git error, a missing file) raise :class:`DiffError`,
whose text is meant to be shown as is. A page that breaks the format never
raises: its checker findings are listed with the diff.

JSON shape (``to_json``, version 1). Values of fields are text as an author
would read them: numbers without a trailing ``.0``, dates as ``YYYY-MM-DD``,
lists joined with ``", "``; ``null`` when absent. Keys always appear::

    {
      "version": 1,
      "summary": {"journeys": {STATUS: count, ...}, "personas": {STATUS: count, ...}},
      "pages": [
        {
          "type": "journey" | "persona",
          "id": str, "title": str,              # title: a persona's name
          "path": str,                          # the new path (the old one if removed)
          "old_path": str | null,               # null when added
          "status": "added" | "removed" | "changed" | "unchanged" | "unreadable",
          "fields": [{"field": str, "old": str | null, "new": str | null}],
          "lists": [{"field": str, "added": [str], "removed": [str]}],
          "stages": {                           # journeys only
            "added": [{"name": str, "position": int}],       # 1-based, new version
            "removed": [{"name": str, "position": int}],     # 1-based, old version
            "changed": [{
              "name": str, "old_name": str, "position": int, "old_position": int,
              "renamed": bool, "moved": bool,
              "fields": [...], "lists": [...],             # as above; metrics as "metrics.NAME"
              "touchpoints": [{"name": str, "change": "added" | "removed" | "changed",
                               "fields": [...]}],
              "opportunities": [...]                       # like touchpoints, by text
            }]
          },
          "errors": {"old": [str], "new": [str]}   # checker findings, as `cjm validate` prints
        }
      ]
    }

``unreadable`` means one version is a persona or journey page whose model
could not be built (see ``errors``); it is not compared. Attributes and
unknown keys appear in ``fields`` as ``attributes.NAME`` and ``extra.NAME``.
"""

from cjm_site.diff_compare import (
    STATUSES,
    DiffError,
    FieldChange,
    ItemChange,
    JourneyDiff,
    ListChange,
    PageDiff,
    PersonaDiff,
    StageDiff,
    StageRef,
    diff_journeys,
    diff_personas,
)
from cjm_site.diff_files import diff_files, diff_revision
from cjm_site.diff_matching import CONTENT_CUTOFF, MAX_PAIRS, NAME_CUTOFF
from cjm_site.diff_report import JSON_VERSION, to_json, to_markdown

__all__ = [
    "CONTENT_CUTOFF",
    "JSON_VERSION",
    "MAX_PAIRS",
    "NAME_CUTOFF",
    "STATUSES",
    "DiffError",
    "FieldChange",
    "ItemChange",
    "JourneyDiff",
    "ListChange",
    "PageDiff",
    "PersonaDiff",
    "StageDiff",
    "StageRef",
    "diff_files",
    "diff_journeys",
    "diff_personas",
    "diff_revision",
    "to_json",
    "to_markdown",
]
