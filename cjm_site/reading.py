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
from dataclasses import field
from typing import Any

import yaml

from cjm_site.model import Finding, record

_NULL_TAG = "tag:yaml.org,2002:null"
_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
# libyaml is much faster; the pure-Python parser is the fallback.
try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]
_ScalarNode = yaml.ScalarNode
_SequenceNode = yaml.SequenceNode
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_YAML_ONLY_BREAKS = "\x85\u2028\u2029"
"""Line breaks to YAML 1.1 (and libyaml), ordinary characters to editors and YAML 1.2."""


class _Loader(_BaseLoader):
    """Composes without YAML 1.1's implicit types: plain scalars are text or null.

    The checker gives a value its type from the format, so ``NO`` or ``1:30``
    never become a boolean or a number by accident, and resolving each scalar
    against YAML's regular expressions (most of the reading time) is skipped.
    """

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            return _NULL_TAG if implicit[0] and value in _NULLS else _STR_TAG
        return _SEQ_TAG if kind is yaml.SequenceNode else _MAP_TAG

    # The composer tells the resolver each step down and up the tree, for path
    # resolvers; without any (resolve above looks at no path) those calls do nothing,
    # so they go to a builtin that takes the same arguments and does nothing either.
    descend_resolver = slice  # type: ignore[assignment]
    ascend_resolver = tuple  # type: ignore[assignment]


_STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)
_SAFE_LOADER_TAGS = _STANDARD_TAGS | frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("binary", "set", "omap", "pairs", "merge")
)
"""What MkDocs' safe loader constructs; it refuses every other tag (and MkDocs then
shows the front matter as text)."""
_ALIAS = re.compile(r"(?:^|[\s\[{,:-])\*([^\s,\[\]{}]+)", re.MULTILINE)
_FENCE = re.compile(r"^---[ \t]*$")
MAP_TYPES = ("persona", "journey")
TYPE_LINE = re.compile(
    r"^(?:-[ \t]+)?['\"]?type['\"]?[ \t]*:[ \t]*(?:!\S*[ \t]+)?[\[{('\" \t-]*(persona|journey)"
    r"['\"\]}) \t,]*(?:#.*)?$",
    re.MULTILINE | re.IGNORECASE,
)
"""A line that shows a page was meant to be a map page, even when its YAML cannot be
read or its ``type`` is not one word (``type: [journey]``, ``"type": Persona``)."""
_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_END_LINE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
"""A line that ends front matter, found in the whole text."""


@record(slots=False)
class Limits:
    """Bounds on what one page's front matter may cost to read."""

    max_bytes: int = 256 * 1024
    """Front matter larger than this is not parsed at all."""
    max_depth: int = 24
    """Deepest nesting of lists and mappings (the format needs 4)."""
    max_nodes: int = 100_000
    """Scalars, lists and mappings together."""
    ordinary: bool = False
    """Read as MkDocs reads an ordinary page: an alias is the anchored value (shared,
    never copied), a repeated key keeps the last value; the format's rules are off."""


ORDINARY = Limits(max_bytes=64 * 256 * 1024, max_depth=100, max_nodes=10_000_000, ordinary=True)
"""Bounds on an ordinary page (no persona or journey ``type``). The format's limits are
not its business, but MkDocs' own YAML parser is not bounded: nesting (a stack overflow
in some libyaml builds, a ``RecursionError`` in pure Python) is the one thing kept from
it. The byte bound is the one every command reads author files within."""


@record(frozen=False)
class YScalar:
    """A scalar of the front matter, as written."""

    value: str
    line: int
    plain: bool
    """Written without quotes (so ``null``, ``~`` and an empty value mean nothing)."""
    tag: str | None = None
    """The resolved or explicit YAML tag (only standard tags get this far)."""

    @property
    def is_null(self) -> bool:
        return self.plain and self.tag == _NULL_TAG


@record(frozen=False)
class YSeq:
    """A list of the front matter."""

    line: int
    items: list[YNode] = field(default_factory=list)


@record(frozen=False)
class YMap:
    """A mapping of the front matter, its entries in the order written."""

    line: int
    entries: list[tuple[YScalar, YNode]] = field(default_factory=list)

    def keys(self) -> list[str]:
        return [k.value for k, _ in self.entries]


YNode = YScalar | YSeq | YMap


@record(slots=False)
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
    decoding: tuple[Finding, ...] = ()
    """The findings about the bytes themselves (not UTF-8): also in ``findings``."""
    ordinary: bool = False
    """Read by an ordinary page's rules (:data:`ORDINARY`), not the format's."""
    guarded: bool = False
    """The front matter was refused because no parser should be handed it (too deep,
    too many values, too large, or a value that contains itself)."""


class _Stop(Exception):
    def __init__(self, finding: Finding, *, guard: bool = False) -> None:
        super().__init__(finding.message)
        self.finding = finding
        self.guard = guard
        """Refused to protect a parser, not for the format's sake (see RawPage.guarded)."""


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
    first_end = text.find("\n")
    if first_end < 0 or not _FENCE.match(text, 0, first_end):
        return None
    closing = _END_LINE.search(text, first_end + 1)
    if closing is None:
        return None
    front = text[first_end + 1 : closing.start()] or "\n"
    body = text[closing.end() + 1 :]
    return front, body, text.count("\n", 0, closing.start()) + 2


def read_page(path: str, data: bytes, limits: Limits | None = None) -> RawPage:
    """Read one page's bytes. Never raises for anything the bytes contain."""
    limits = limits or Limits()
    text, findings = decode(path, data)
    return _read_text(path, text, tuple(findings), limits)


def _read_text(path: str, text: str, decoding: tuple[Finding, ...], limits: Limits) -> RawPage:
    findings = list(decoding)
    split = split_front_matter(text)
    if split is None:
        meant = _meant_as_map(path, text)
        if meant is not None:
            # Published as plain text, the map would be lost without a word.
            finding, body, body_line = meant
            return RawPage(
                path, text, None, True, body, body_line, (*findings, finding), decoding=decoding
            )
        return RawPage(path, text, None, False, text, 1, tuple(findings), decoding=decoding)
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
        return RawPage(
            path,
            text,
            None,
            True,
            body,
            body_line,
            tuple(findings),
            decoding=decoding,
            ordinary=limits.ordinary,
            guarded=True,
        )
    try:
        front = _build_tree(path, front_text, first_line=2, limits=limits, findings=findings)
    except _Stop as stop:
        findings.append(stop.finding)
        return RawPage(
            path,
            text,
            None,
            True,
            body,
            body_line,
            tuple(findings),
            decoding=decoding,
            ordinary=limits.ordinary,
            guarded=stop.guard,
        )
    if front is None:
        front = YMap(line=1)
    if not isinstance(front, YMap):
        findings.append(
            Finding(path, front.line, "", "front matter must be a mapping of keys to values")
        )
        return RawPage(path, text, None, True, body, body_line, tuple(findings), decoding=decoding)
    return RawPage(
        path,
        text,
        front,
        True,
        body,
        body_line,
        tuple(findings),
        decoding=decoding,
        ordinary=limits.ordinary,
    )


def read_ordinary(raw: RawPage) -> RawPage:
    """The page read again as an ordinary page (:data:`ORDINARY`): what MkDocs itself
    would read from it, within the one bound that protects MkDocs' parser."""
    return _read_text(raw.path, raw.text, raw.decoding, ORDINARY)


_HOST_BLOCK = re.compile(r"---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
_HOST_META_LINE = re.compile(r"[ ]{0,3}[A-Za-z0-9_-]+:")


def host_reads_alike(raw: RawPage) -> bool:
    """Whether MkDocs, reading the file itself, finds the front matter read here and
    the same body: valid UTF-8, the same block (MkDocs ends it at the first closing
    line and wants a newline after it), no YAML-only line breaks in it (MkDocs' parser
    breaks lines there), and, without front matter, no "key: value" first line
    (which MkDocs reads as MultiMarkdown meta, unchecked)."""
    if raw.decoding:
        return False
    if not raw.has_front_matter:
        return _HOST_META_LINE.match(raw.text) is None
    if raw.front is None or not raw.front.entries:
        return False
    block = raw.text[: len(raw.text) - len(raw.body)]
    match = _HOST_BLOCK.match(raw.text)
    return (
        match is not None
        and match.end() == len(block)
        and not any(b in block for b in _YAML_ONLY_BREAKS)
    )


def tree_type(front: YMap) -> YNode | None:
    """The value of the top-level ``type`` key, if any."""
    for key, value in front.entries:
        if key.value == "type":
            return value
    return None


def meant_as_map(raw: RawPage) -> bool:
    """Whether the page shows it is a persona or journey page, even when its front
    matter could not be read or its ``type`` is not one word (``type: [journey]``)."""
    if raw.front is not None:
        node = tree_type(raw.front)
        if node is None:
            return False
        words = type_words(node)
        return bool(words) and all(w in MAP_TYPES for w in words)
    if not raw.has_front_matter:
        return False  # a guide may show `type: journey` in its text
    split = split_front_matter(raw.text)
    return TYPE_LINE.search(split[0] if split else raw.text) is not None


def type_words(node: YNode) -> list[str]:
    """The words of a ``type`` value, whatever its shape (``[journey]``: ``journey``)."""
    if isinstance(node, YScalar):
        word = " ".join(node.value.casefold().split())
        return [word] if word else []
    if isinstance(node, YSeq):
        return [w for item in node.items for w in type_words(item)]
    return [w for k, v in node.entries for w in (*type_words(k), *type_words(v))]


def _build_tree(
    path: str, front_text: str, *, first_line: int, limits: Limits, findings: list[Finding]
) -> YNode | None:
    """Compose the YAML in libyaml, then copy it into our tree, enforcing the limits.

    libyaml refuses nesting beyond its own limit before composing, so the
    composer's work stays bounded; aliases never expand here because a node
    met twice is refused. Problems that leave the rest readable (a duplicate
    key) are added to ``findings``; the others stop the reading with :class:`_Stop`.
    """

    def stop(line: int, message: str, *, guard: bool = False) -> _Stop:
        return _Stop(Finding(path, line, "", message), guard=guard)

    # libyaml ends a line at U+0085, U+2028 and U+2029; an editor does not. Parsed
    # as they are, they shift every later line number and break plain values in
    # two, so they are parsed as stand-ins and put back into the text below.
    restore = _stand_ins(front_text)
    if restore:
        front_text = front_text.translate({ord(b): s for s, b in restore.items()})

    try:
        documents = list(yaml.compose_all(front_text, Loader=_Loader))
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = first_line + mark.line if mark is not None else 1
        problem = err.problem or err.context or "not valid YAML"
        if "nesting depth" in problem:
            message = f"front matter is nested more than {limits.max_depth} levels deep"
            raise stop(line, message, guard=True) from None
        raise stop(line, f"YAML does not parse: {problem}") from None
    except yaml.reader.ReaderError as err:
        # libyaml gives the offset in UTF-8 bytes of the front matter.
        before = front_text.encode("utf-8")[: max(0, err.position)].decode("utf-8", "ignore")
        line = first_line + before.count("\n")
        column = len(before) - (before.rfind("\n") + 1) + 1
        code = err.character if isinstance(err.character, int) else ord(err.character[:1] or "?")
        raise stop(
            line,
            f"YAML does not parse: character U+{code:04X} at column {column} is not allowed "
            f"({err.reason}); remove it",
        ) from None
    except yaml.YAMLError as err:
        raise stop(1, f"YAML does not parse: {err}") from None
    except RecursionError:
        raise stop(
            1, f"front matter is nested more than {limits.max_depth} levels deep", guard=True
        ) from None
    if not documents:
        return None
    if len(documents) > 1:
        raise stop(
            first_line + documents[1].start_mark.line,
            "front matter must hold a single YAML document",
        )

    seen: set[int] = set()
    shared: dict[int, YNode] = {}
    building: set[int] = set()
    count = 0
    # Without a '*' there is no alias, without a '!' no explicit tag: most pages
    # skip those checks (reading is most of what `cjm validate` costs).
    may_alias = "*" in front_text
    may_tag = "!" in front_text
    back = {ord(s): b for s, b in restore.items()}

    max_nodes = limits.max_nodes
    max_depth = limits.max_depth

    def fast(node: yaml.Node, depth: int) -> YNode:
        """:func:`copy` for the usual page: no alias, no tag, no stand-in, the format's
        rules; the same checks in the same order, a scalar item or value copied in line."""
        nonlocal count
        count += 1
        if count > max_nodes:
            raise stop(
                first_line + node.start_mark.line,
                f"front matter has more than {max_nodes:,} values",
                guard=True,
            )
        kind = type(node)
        line = first_line + node.start_mark.line
        if type(node) is _ScalarNode:
            return YScalar(node.value, line, not node.style, node.tag)
        if depth >= max_depth:
            raise stop(
                line, f"front matter is nested more than {max_depth} levels deep", guard=True
            )
        deeper = depth + 1
        if kind is _SequenceNode:
            seq = YSeq(line)
            items = seq.items
            for item in node.value:
                if type(item) is _ScalarNode and count < max_nodes:
                    count += 1
                    items.append(
                        YScalar(
                            item.value, first_line + item.start_mark.line, not item.style, item.tag
                        )
                    )
                else:
                    items.append(fast(item, deeper))
            return seq
        mapping = YMap(line)
        entries = mapping.entries
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if type(key_node) is _ScalarNode and count < max_nodes:
                count += 1
                key = YScalar(
                    key_node.value,
                    first_line + key_node.start_mark.line,
                    not key_node.style,
                    key_node.tag,
                )
            else:
                found = fast(key_node, deeper)
                if not isinstance(found, YScalar):
                    raise stop(found.line, "only text keys are allowed in front matter")
                key = found
            if type(value_node) is _ScalarNode and count < max_nodes:
                count += 1
                value: YNode = YScalar(
                    value_node.value,
                    first_line + value_node.start_mark.line,
                    not value_node.style,
                    value_node.tag,
                )
            else:
                value = fast(value_node, deeper)
            first = first_seen.get(key.value)
            if first is not None:
                findings.append(_duplicate_key(path, key.line, key.value, first))
                continue
            first_seen[key.value] = key.line
            entries.append((key, value))
        return mapping

    if not (limits.ordinary or may_alias or may_tag or back):
        return fast(documents[0], 0)

    def copy(node: yaml.Node, depth: int) -> YNode:
        nonlocal count
        line = first_line + node.start_mark.line
        if limits.ordinary and id(node) in shared:
            if id(node) in building:
                # Every reader of page.meta that walks it would never end.
                raise stop(line, "a value contains itself (through an alias)", guard=True)
            # As MkDocs' loader does: the anchored value itself, never a copy.
            return shared[id(node)]
        if may_alias and id(node) in seen and not limits.ordinary:
            # A composed node only knows where its anchor is: find the alias itself.
            use = _ALIAS.search(front_text)
            name, where = ("name", line)
            if use is not None:
                name = use.group(1)
                where = first_line + front_text.count("\n", 0, use.start())
            raise stop(
                where,
                f"aliases (*{name}) are not supported in front matter; write the value out in full",
            )
        if may_alias:
            seen.add(id(node))
        count += 1
        if count > limits.max_nodes:
            raise stop(line, f"front matter has more than {limits.max_nodes:,} values", guard=True)
        tag = node.tag
        if may_tag and tag not in (_SAFE_LOADER_TAGS if limits.ordinary else _STANDARD_TAGS):
            raise stop(line, f"the tag {tag} is not allowed; write plain values")
        if isinstance(node, yaml.ScalarNode):
            plain = node.style in (None, "")
            value = node.value.translate(back) if back else node.value
            scalar = YScalar(value, line, plain, tag)
            if limits.ordinary:
                shared[id(node)] = scalar
            return scalar
        if depth >= limits.max_depth:
            raise stop(
                line, f"front matter is nested more than {limits.max_depth} levels deep", guard=True
            )
        if isinstance(node, yaml.SequenceNode):
            seq = YSeq(line)
            if limits.ordinary:
                shared[id(node)] = seq
            building.add(id(node))
            seq.items.extend(copy(item, depth + 1) for item in node.value)
            building.discard(id(node))
            return seq
        mapping = YMap(line)
        if limits.ordinary:
            shared[id(node)] = mapping
            building.add(id(node))
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = copy(key_node, depth + 1)
            if not isinstance(key, YScalar):
                raise stop(key.line, "only text keys are allowed in front matter")
            value = copy(value_node, depth + 1)
            first = first_seen.get(key.value)
            if first is not None and limits.ordinary:
                # YAML's (and MkDocs') reading: the last value wins.
                mapping.entries = [(k, v) for k, v in mapping.entries if k.value != key.value]
            elif first is not None:
                findings.append(_duplicate_key(path, key.line, key.value, first))
                continue
            first_seen[key.value] = key.line
            mapping.entries.append((key, value))
        building.discard(id(node))
        return mapping

    return copy(documents[0], 0)


def _stand_ins(text: str) -> dict[str, str]:
    """Private-use characters absent from ``text``, one for each YAML-only break in it."""
    breaks = [b for b in _YAML_ONLY_BREAKS if b in text]
    if not breaks:
        return {}
    free = (chr(c) for c in range(0xE000, 0xF900) if chr(c) not in text)
    return {next(free): b for b in breaks}


def _meant_as_map(path: str, text: str) -> tuple[Finding, str, int] | None:
    """Why front matter naming a map type was not read, with the body after it; or None.

    Only a block that starts like front matter and holds a ``type: journey`` or
    ``type: persona`` line is reported: every other page without front matter
    is an ordinary page and stays untouched (guides show such lines in code).
    """
    if text.startswith("\ufeff"):
        split = split_front_matter(text.lstrip("\ufeff"))
        if split is None or not TYPE_LINE.search(split[0]):
            return None
        message = (
            "the file starts with a second byte-order mark (U+FEFF), so its front "
            "matter is not read; save the file as UTF-8 with at most one"
        )
        return Finding(path, 1, "", message), split[1], split[2]
    lines = text.split("\n")
    opening = next((n for n, line in enumerate(lines) if line.strip()), None)
    if opening is None or not _FENCE.match(lines[opening].rstrip()):
        return None
    rest = lines[opening + 1 :]
    closing = next((n for n, line in enumerate(rest) if _END.match(line)), None)
    if not TYPE_LINE.search("\n".join(rest[:closing])):
        return None
    if closing is None:
        message = (
            "the front matter that starts here is never closed; end it with a line holding only ---"
        )
        return Finding(path, opening + 1, "", message), "", len(lines) + 1
    message = (
        "front matter must start on the first line of the file; "
        f"remove the {opening} line(s) before ---"
    )
    body_line = opening + closing + 3
    return Finding(path, opening + 1, "", message), "\n".join(lines[body_line - 1 :]), body_line


def _duplicate_key(path: str, line: int, key: object, first: int) -> Finding:
    """A key written twice in one mapping: the author's second value would be lost."""
    message = (
        f"duplicate key {key!r} (first on line {first}); YAML would silently keep only the last one"
    )
    return Finding(path, line, "", message)
