"""What the ``cjm`` command prints: findings as text, GitHub annotations or JSON.

Paths and values come from authors (a file may be named
``x\\n::error file=README.md::Forged.md``), and CI logs read every line that
starts with ``::`` as a workflow command. So every path and value printed goes
through :func:`shown` (one line, controls made visible) and, on a line's first
column, :func:`shown_path` (never starts like a command); GitHub annotations
are then escaped by GitHub's own rules (:func:`github_escape`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

from cjm_site.escaping import BIDI_CONTROLS
from cjm_site.model import Finding

# Characters that end a line somewhere (CR, LF, VT, FF, NEL, U+2028, U+2029,
# and the file separators str.splitlines() honours), other controls, lone
# surrogates (undecodable file names: printing them raises), and the
# bidirectional controls that make text read differently from what it is.
_BIDI = BIDI_CONTROLS
_UNSAFE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029\\ud800-\\udfff\\ufeff{_BIDI}]")
# json.dumps escapes C0 controls itself; its newlines are the document's own.
_JSON_UNSAFE = re.compile(f"[\\x7f-\\x9f\\u2028\\u2029\\ud800-\\udfff\\ufeff{_BIDI}]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Starts that a CI runner reads as a command (``::error``, ``##[error]``) or
# that a reader mistakes for an option.
_COMMAND_START = ("::", "##[", "-")


def _visible(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str) -> str:
    """``text`` on one line, with line breaks, controls and bidi controls written
    as visible escapes (``\\n``, ``\\u2028``, ``\\u202e``); other text as is."""
    return _UNSAFE.sub(lambda m: _visible(m.group()), text)


def shown_path(path: str | Path) -> str:
    """A path as :func:`shown`, prefixed with ``./`` when it would start like a
    workflow command or an option, or with white space (as ``ls`` does)."""
    text = shown(path.as_posix() if isinstance(path, Path) else path)
    if text.startswith(_COMMAND_START) or text[:1].isspace():
        return f"./{text}"
    return text


def shown_line(text: str) -> str:
    """A whole line of our own text with author values in it: :func:`shown`, and
    never starting like a workflow command even after leading spaces."""
    line = shown(text)
    return f" {line}" if line.lstrip().startswith(_COMMAND_START[:2]) else line


def github_escape(text: str, *, property_value: bool = False) -> str:
    """Escaped for a workflow command, by GitHub's rules (``%``, CR, LF; and ``:``
    and ``,`` in a property), after :func:`shown` made it one visible line."""
    text = shown(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def finding_text(finding: Finding) -> str:
    """``path:line: field: message``, every part shown safely."""
    path = shown_path(finding.path)
    where = f"{path}:{finding.line}" if finding.line else path
    message = shown(finding.message)
    return f"{where}: {shown(finding.field)}: {message}" if finding.field else f"{where}: {message}"


def json_text(data: object) -> str:
    """JSON as readable as ``ensure_ascii=False`` gives, with the characters that
    could break a line or hide text (see :func:`shown`) left as ``\\u`` escapes,
    so the document is safe to print and to paste."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    # Outside strings JSON has only ASCII, so every match is inside a string.
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def format_findings(findings: Sequence[tuple[Path, Finding]], style: str) -> list[str]:
    """Findings as lines of text, GitHub workflow commands, or one JSON document."""
    if style == "json":
        data = [
            {
                "path": f.path,
                "file": file.as_posix(),
                "line": f.line,
                "field": f.field,
                "level": f.level,
                "message": f.message,
                "hint": f.hint,
                "text": str(f),
            }
            for file, f in findings
        ]
        return [json_text(data)]
    lines = []
    for file, f in findings:
        if style == "github":
            command = {"error": "error", "warning": "warning"}.get(f.level, "notice")
            props = [f"file={github_escape(file.as_posix(), property_value=True)}"]
            if f.line:
                props.append(f"line={f.line}")
            props.append(f"title={github_escape(f.field or 'page', property_value=True)}")
            lines.append(f"::{command} {','.join(props)}::{github_escape(finding_text(f))}")
        else:
            prefix = "" if f.level == "error" else f"{f.level}: "
            lines.append(f"{prefix}{finding_text(f)}")
    return lines


def is_unsafe(text: str) -> bool:
    """Whether :func:`shown` would change ``text`` (for refusing names up front)."""
    return _UNSAFE.search(text) is not None
