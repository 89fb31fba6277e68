"""Reading a page: bytes -> front matter tree with line numbers, and the body.

The front matter is parsed from YAML *events*, not loaded: we build our own
small tree (:class:`YMap`, :class:`YSeq`, :class:`YScalar`) in one pass, which
lets us

- stop at a nesting depth or size before the parser does quadratic work,
- refuse aliases (a 342-byte "billion laughs" document never expands),
- refuse non-standard tags and duplicate keys (naming both lines),
- keep every scalar as the author's text: ``NO``, ``1:30`` or ``01234`` are
  only turned into booleans or numbers by the checker where the format wants
  one, never by YAML 1.1's implicit rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml

from cjm_site.model import Finding

# libyaml is much faster; the pure-Python parser is the fallback.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)
_FENCE = re.compile(r"^---[ \t]*$")
_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


@dataclass(frozen=True)
class Limits:
    """Bounds on what one page's front matter may cost to read."""

    max_bytes: int = 256 * 1024
    """Front matter larger than this is not parsed at all."""
    max_depth: int = 24
    """Deepest nesting of lists and mappings (the format needs 4)."""
    max_nodes: int = 100_000
    """Scalars, lists and mappings together."""


@dataclass
class YScalar:
    value: str
    line: int
    plain: bool
    """Written without quotes (so ``null``, ``~`` and an empty value mean nothing)."""
    tag: str | None = None

    @property
    def is_null(self) -> bool:
        return self.plain and self.tag is None and self.value in ("", "~", "null", "Null", "NULL")


@dataclass
class YSeq:
    line: int
    items: list[YNode] = field(default_factory=list)


@dataclass
class YMap:
    line: int
    entries: list[tuple[YScalar, YNode]] = field(default_factory=list)

    def keys(self) -> list[str]:
        return [k.value for k, _ in self.entries]


YNode = YScalar | YSeq | YMap


@dataclass(frozen=True)
class RawPage:
    """A page split into front matter (as a tree) and body, before checking."""

    path: str
    text: str
    """The whole page as text (BOM removed, line ends normalised)."""
    front: YMap | None
    """The front matter, or None when there is none or it could not be read."""
    has_front_matter: bool
    body: str
    body_line: int
    """1-based line where the body starts in the file."""
    findings: tuple[Finding, ...] = ()


class _Stop(Exception):
    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


def decode(path: str, data: bytes) -> tuple[str, list[Finding]]:
    """Decode UTF-8 (with or without BOM), reporting the first bad byte's position."""
    findings: list[Finding] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        findings.append(
            Finding(
                path,
                line,
                "",
                f"byte 0x{data[err.start]:02x} at column {column} is not UTF-8; "
                "save the file as UTF-8 (it was read with replacement characters)",
            )
        )
        text = data.decode("utf-8", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n"), findings


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Return (yaml text, body, 1-based line of the body) or None without front matter."""
    if not text.startswith("---"):
        return None
    lines = text.split("\n")
    if not _FENCE.match(lines[0]):
        return None
    for index in range(1, len(lines)):
        if _END.match(lines[index]):
            front = "\n".join(lines[1:index]) + "\n"
            body = "\n".join(lines[index + 1 :])
            return front, body, index + 2
    return None


def read_page(path: str, data: bytes, limits: Limits | None = None) -> RawPage:
    """Read one page's bytes. Never raises for anything the bytes contain."""
    limits = limits or Limits()
    text, findings = decode(path, data)
    split = split_front_matter(text)
    if split is None:
        return RawPage(path, text, None, False, text, 1, tuple(findings))
    front_text, body, body_line = split
    size = len(front_text.encode("utf-8"))
    if size > limits.max_bytes:
        findings.append(
            Finding(
                path,
                1,
                "",
                f"front matter is {size:,} bytes, more than the limit of {limits.max_bytes:,}; "
                "split the page or move long text into the body",
            )
        )
        return RawPage(path, text, None, True, body, body_line, tuple(findings))
    try:
        front = _build_tree(path, front_text, first_line=2, limits=limits, findings=findings)
    except _Stop as stop:
        findings.append(stop.finding)
        return RawPage(path, text, None, True, body, body_line, tuple(findings))
    if front is None:
        front = YMap(line=1)
    if not isinstance(front, YMap):
        findings.append(
            Finding(path, front.line, "", "front matter must be a mapping of keys to values")
        )
        return RawPage(path, text, None, True, body, body_line, tuple(findings))
    return RawPage(path, text, front, True, body, body_line, tuple(findings))


def _events(front_text: str) -> Iterator[yaml.Event]:
    return yaml.parse(front_text, Loader=_Loader)


def _build_tree(
    path: str, front_text: str, *, first_line: int, limits: Limits, findings: list[Finding]
) -> YNode | None:
    """Build the tree from parser events, enforcing the limits as it goes.

    Problems that leave the rest readable (a duplicate key) are added to
    ``findings``; the others stop the reading with :class:`_Stop`.
    """
    discard = YScalar("", 0, False)  # stands in for the key of a duplicate's value

    def line_of(event: yaml.Event) -> int:
        mark = event.start_mark
        return first_line + (mark.line if mark is not None else 0)

    def stop(event: yaml.Event | None, message: str, line: int | None = None) -> _Stop:
        where = line if line is not None else (line_of(event) if event is not None else 1)
        return _Stop(Finding(path, where, "", message))

    stack: list[YMap | YSeq] = []
    pending_key: list[YScalar | None] = []
    seen_keys: list[dict[str, int]] = []
    root: YNode | None = None
    documents = 0
    nodes = 0

    def attach(node: YNode, event: yaml.Event) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if isinstance(parent, YSeq):
            parent.items.append(node)
            return
        key = pending_key[-1]
        if key is None:
            if not isinstance(node, YScalar):
                raise stop(event, "only text keys are allowed in front matter")
            if node.tag is not None and node.tag != "tag:yaml.org,2002:str":
                raise stop(event, f"only text keys are allowed, not {node.tag}")
            first = seen_keys[-1].get(node.value)
            if first is not None:
                findings.append(
                    Finding(
                        path,
                        node.line,
                        "",
                        f"duplicate key {node.value!r} (first on line {first}); "
                        "YAML would silently keep only the last one",
                    )
                )
                pending_key[-1] = discard
                return
            seen_keys[-1][node.value] = node.line
            pending_key[-1] = node
        else:
            if key is not discard:
                parent.entries.append((key, node))
            pending_key[-1] = None

    def check_tag(event: yaml.Event) -> str | None:
        tag = getattr(event, "tag", None)
        if tag is None or tag == "!":
            return None
        if tag not in _STANDARD_TAGS:
            raise stop(event, f"the tag {tag} is not allowed; write plain values")
        return str(tag)

    try:
        for event in _events(front_text):
            if isinstance(event, yaml.AliasEvent):
                raise stop(
                    event,
                    f"aliases (*{event.anchor}) are not supported in front matter; "
                    "write the value out in full",
                )
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise stop(event, "front matter must hold a single YAML document")
                continue
            if isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent):
                nodes += 1
                if nodes > limits.max_nodes:
                    raise stop(event, f"front matter has more than {limits.max_nodes:,} values")
            if isinstance(event, yaml.ScalarEvent):
                tag = check_tag(event)
                plain = bool(event.implicit[0]) and event.style in (None, "")
                attach(YScalar(event.value, line_of(event), plain, tag), event)
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                check_tag(event)
                if len(stack) >= limits.max_depth:
                    raise stop(
                        event, f"front matter is nested more than {limits.max_depth} levels deep"
                    )
                container: YMap | YSeq = (
                    YMap(line_of(event))
                    if isinstance(event, yaml.MappingStartEvent)
                    else YSeq(line_of(event))
                )
                attach(container, event)
                stack.append(container)
                pending_key.append(None)
                seen_keys.append({})
            elif isinstance(event, yaml.CollectionEndEvent):
                stack.pop()
                pending_key.pop()
                seen_keys.pop()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = first_line + mark.line if mark is not None else 1
        problem = err.problem or err.context or "not valid YAML"
        if "nesting depth" in problem:
            raise stop(
                None, f"front matter is nested more than {limits.max_depth} levels deep", line
            ) from None
        raise stop(None, f"YAML does not parse: {problem}", line) from None
    except yaml.YAMLError as err:
        raise stop(None, f"YAML does not parse: {err}") from None
    except RecursionError:  # pragma: no cover - the depth limit comes first
        raise stop(None, "front matter is nested too deeply") from None
    return root
