"""The hostile corpus: pages that attack every step, each with its exact expected outcome.

Every case is a few files of one docs folder. :data:`CASES` is built into one
site (plain and ``--strict``) by ``test_corpus.py``; each case says the exact
``cjm:`` warnings its files produce (in the order the plugin logs them: by
path, line, field, message) and the notices it logs at INFO level.

The numbers refer to the items of issue 5 ("What to build").
"""

from __future__ import annotations

from dataclasses import dataclass, field

STAGE = "stages:\n  - name: One\n    emotion: 1\n"
"""A valid stage list (3 lines) to end a journey's front matter with."""

BODY = "# Hostile page\n\nThe author's text stays.\n"


def page(front: str, body: str = BODY) -> str:
    return f"---\n{front}---\n{body}"


def journey(title: str, extra: str = "", stages: str = STAGE) -> str:
    """A journey page: line 2 is ``type``, line 3 ``title``, ``extra`` starts on line 4."""
    return page(f"type: journey\ntitle: {title}\n{extra}{stages}")


def persona(name: str, extra: str = "") -> str:
    """A persona page: line 2 is ``type``, line 3 ``name``, ``extra`` starts on line 4."""
    return page(f"type: persona\nname: {name}\n{extra}")


@dataclass(frozen=True)
class Case:
    name: str
    item: int
    """The numbered item of issue 5 the case belongs to."""
    files: dict[str, str | bytes]
    """Docs paths and their content."""
    warnings: tuple[str, ...] = ()
    """The exact ``cjm:`` warnings of these files, in logged order (they fail --strict)."""
    notices: tuple[str, ...] = ()
    """``cjm:`` messages logged at INFO (they do not fail --strict)."""
    symlinks: dict[str, str] = field(default_factory=dict)
    """Docs path -> target relative to the site root (outside docs/)."""
    fact: str = ""
    """The measured fact of the issue this case answers, if any."""
    issue: int = 5
    """The issue whose numbered items ``item`` refers to (5, then 11 for round two)."""

    @property
    def paths(self) -> tuple[str, ...]:
        return (*self.files, *self.symlinks)


# -- 1. Reading within bounds ----------------------------------------------------

DEEP = 30_000
BILLION_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)
"""The classic document: 9 levels of 9 references (72 aliases), 9**9 leaves when expanded."""
BIG_TEXT = "x" * 300_000
BIG_FRONT = f"type: journey\ntitle: Big\nscenario: {BIG_TEXT}\n{STAGE}"
MANY_VALUES = "type: journey\ntitle: Many\ntags: [" + ",".join(["a"] * 110_000) + "]\n" + STAGE

READING = [
    Case(
        "deep flow nesting",
        1,
        {"r/deep-flow.md": page("type: journey\ntitle: Deep\nstages: " + "[" * DEEP + "\n")},
        ("r/deep-flow.md:4: front matter is nested more than 24 levels deep",),
        fact="30,000 nested '[' crash MkDocs' own parser (SIGSEGV) and take libyaml quadratic time",
    ),
    Case(
        "deep balanced nesting",
        1,
        {"r/deep-balanced.md": page("[" * DEEP + "]" * DEEP + "\n")},
        # An ordinary page (issue 11, item 11): no parser is handed it, and it is said.
        (
            "r/deep-balanced.md:2: front matter is nested more than 100 levels deep; "
            "it is left out of the page",
        ),
    ),
    Case(
        "deep block nesting",
        1,
        {
            "r/deep-block.md": page(
                "type: journey\ntitle: Deep\n"
                + "".join("  " * i + "k:\n" for i in range(40))
                + "  " * 40
                + "k: v\n"
            )
        },
        ("r/deep-block.md:28: front matter is nested more than 24 levels deep",),
    ),
    Case(
        "billion laughs",
        1,
        {"r/laughs.md": page("type: journey\ntitle: Laughs\n" + BILLION_LAUGHS + STAGE)},
        (
            "r/laughs.md:5: aliases (*a) are not supported in front matter; "
            "write the value out in full",
        ),
        fact="342 bytes, 72 aliases, 435 million leaves when expanded",
    ),
    Case(
        "one harmless alias",
        1,
        {"r/alias.md": journey("Alias", "owner: &team Kitchen\ngoal: *team\n")},
        (
            "r/alias.md:5: aliases (*team) are not supported in front matter; write the value out in full",
        ),
    ),
    Case(
        "oversized front matter",
        1,
        {"r/big.md": page(BIG_FRONT)},
        (
            f"r/big.md:1: front matter is {len(BIG_FRONT.encode()):,} bytes, more than the limit "
            "of 262,144; split the page or move long text into the body",
        ),
    ),
    Case(
        "too many values",
        1,
        {"r/many.md": page(MANY_VALUES)},
        ("r/many.md:4: front matter has more than 100,000 values",),
    ),
    Case(
        "yaml that does not parse",
        1,
        {"r/unparsable.md": journey("Broken", "owner: [Kitchen\n")},
        ("r/unparsable.md:5: YAML does not parse: did not find expected ',' or ']'",),
        fact="MkDocs renders unparsable front matter as page text and --strict exits 0",
    ),
    Case(
        "two documents",
        1,
        {"r/two-docs.md": page("type: journey\ntitle: Two\n--- second\n")},
        ("r/two-docs.md:4: front matter must hold a single YAML document",),
    ),
    Case(
        "a second front-matter block after an empty one",
        1,
        {
            "r/second-block.md": "---\n---\n---\ntitle: '</title><script>alert(1)</script>'\n"
            "template: nothere.html\n---\n# Second block\n"
        },
        fact="found here: MkDocs read the second block unchecked (raw title, any template)",
    ),
    Case(
        "multimarkdown-style meta without front matter",
        1,
        {
            "r/multimarkdown.md": "title: </title><script>alert(1)</script>\ntemplate: x.html\n\n# MMD\n"
        },
        fact="found here: MkDocs read 'key: value' lines at the top of a page unchecked",
    ),
    Case(
        "front matter that is a list",
        1,
        {"r/list.md": page("- type: journey\n- title: List\n")},
        ("r/list.md:2: front matter must be a mapping of keys to values",),
    ),
]

# -- 2. A strict YAML reading ----------------------------------------------------

BOM_CRLF = (
    "\ufeff---\r\ntype: journey\r\ntitle: Windows map\r\nstages:\r\n  - name: Start\r\n"
    "    emotion: -1\r\n  - name: End\r\n    emotion: 2\r\n---\r\n# Windows map\r\n\r\nText.\r\n"
).encode()
OLD_MAC = "---\rtype: journey\rtitle: Old Mac map\rstages:\r  - name: Only\r---\r# Old Mac\r"

STRICT_YAML = [
    Case(
        "duplicate keys",
        2,
        {
            "y/duplicates.md": journey(
                "Duplicates",
                "owner: First team\nowner: Second team\n",
                "stages:\n  - name: One\n    name: Two\n",
            )
        },
        (
            "y/duplicates.md:5: duplicate key 'owner' (first on line 4); "
            "YAML would silently keep only the last one",
            "y/duplicates.md:8: duplicate key 'name' (first on line 7); "
            "YAML would silently keep only the last one",
        ),
        fact="duplicate keys silently keep the last value",
    ),
    Case(
        "yaml 1.1 booleans, sexagesimals and octals stay text",
        2,
        {
            "y/yaml11.md": page(
                "type: journey\nid: 01234\ntitle: NO\nowner: yes\ngoal: off\nscenario: 1:30\n"
                "description: On\ntags: [yes, no, 01234, 1:30, .nan]\nstages:\n"
                "  - name: NO\n    feeling: off\n    metrics: {Wait: 1:30, Code: 01234}\n"
                "  - name: 1:30\n  - name: 01234\n"
            )
        },
        fact="NO/yes/off load as booleans, 1:30 as 90, 01234 as 668",
    ),
    Case(
        "an emotion that YAML 1.1 reads as a boolean",
        2,
        {
            "y/emotion-yes.md": journey(
                "Emotion yes", stages="stages:\n  - name: A\n    emotion: yes\n"
            )
        },
        ("y/emotion-yes.md:6: stages[0].emotion: expected a number from -2 to 2, got 'yes'",),
    ),
    Case(
        "impossible dates",
        2,
        {
            "y/dates.md": journey(
                "Dates",
                "updated: 2024-02-30\nreview_by: 2026-13-45\n",
                "stages:\n  - name: A\n    opportunities:\n      - text: Fix\n        due: 2023-02-29\n",
            )
        },
        (
            "y/dates.md:4: updated: 2024-02-30 is not a valid date",
            "y/dates.md:5: review_by: 2026-13-45 is not a valid date",
            "y/dates.md:10: stages[0].opportunities[0].due: 2023-02-29 is not a valid date",
        ),
        fact="2024-02-30 raises ValueError (not yaml.YAMLError)",
    ),
    Case(
        "dates kept as ISO text",
        2,
        {"y/iso.md": journey("Leap day", "updated: 2024-02-29\nreview_by: 2030-01-01\n")},
        fact="dates break json.dumps",
    ),
    Case(
        "an ordinary page with an impossible date and a huge number",
        2,
        {"y/notes.md": page("date: 2024-02-30\ncount: " + "9" * 5000 + "\nsearch: {boost: 2}\n")},
        fact="found here: this page crashed the whole build with ValueError before the fix",
    ),
    Case(
        "nan and infinity",
        2,
        {
            "y/nan.md": journey(
                "Not a number",
                "owner: .nan\n",
                "stages:\n  - name: A\n    emotion: .nan\n    aspiration: .inf\n"
                "  - name: B\n    emotion: -.Inf\n",
            )
        },
        (
            "y/nan.md:7: stages[0].emotion: expected a number from -2 to 2, got '.nan'",
            "y/nan.md:8: stages[0].aspiration: expected a number from -2 to 2, got '.inf'",
            "y/nan.md:10: stages[1].emotion: expected a number from -2 to 2, got '-.Inf'",
        ),
        fact=".nan makes invalid JSON",
    ),
    Case(
        "a list as a key",
        2,
        {"y/list-key.md": journey("List key", "? [a, b]\n: value\n")},
        ("y/list-key.md:4: only text keys are allowed in front matter",),
    ),
    Case(
        "a mapping as a key",
        2,
        {"y/map-key.md": journey("Map key", "? {a: b}\n: value\n")},
        ("y/map-key.md:4: only text keys are allowed in front matter",),
    ),
    Case(
        "a number as a key stays text",
        2,
        {"y/number-key.md": journey("Number key", "1: one\n")},
        notices=("y/number-key.md:4: 1: unknown key '1' is kept in catalogue.json but not shown",),
    ),
    Case(
        "python object tag",
        2,
        {"y/tag-apply.md": journey("Tag", "owner: !!python/object/apply:os.system [echo pwned]\n")},
        (
            "y/tag-apply.md:4: the tag tag:yaml.org,2002:python/object/apply:os.system "
            "is not allowed; write plain values",
        ),
    ),
    Case(
        "python name tag",
        2,
        {"y/tag-name.md": journey("Tag", "owner: !!python/name:os.system ''\n")},
        (
            "y/tag-name.md:4: the tag tag:yaml.org,2002:python/name:os.system is not allowed; write plain values",
        ),
    ),
    Case(
        "local tag",
        2,
        {"y/tag-local.md": journey("Tag", "owner: !include /etc/passwd\n")},
        ("y/tag-local.md:4: the tag !include is not allowed; write plain values",),
    ),
    Case(
        "binary tag",
        2,
        {"y/tag-binary.md": journey("Tag", "owner: !!binary aGVsbG8=\n")},
        ("y/tag-binary.md:4: the tag tag:yaml.org,2002:binary is not allowed; write plain values",),
    ),
    Case("bom and crlf", 2, {"y/windows.md": BOM_CRLF}),
    Case("carriage returns only", 2, {"y/old-mac.md": OLD_MAC}),
    Case(
        "bytes that are not utf-8",
        2,
        {
            "y/latin1.md": "---\ntype: journey\ntitle: Café\n".encode("latin-1")
            + STAGE.encode()
            + b"---\n# x\n"
        },
        (
            "y/latin1.md:3: byte 0xe9 at column 11 is not UTF-8; "
            "save the file as UTF-8 (it was read with replacement characters)",
        ),
    ),
    Case(
        "a raw control character",
        2,
        {"y/raw-control.md": journey("Raw", "owner: a\x0bb\n")},
        (
            "y/raw-control.md:4: YAML does not parse: character U+000B at column 9 is not allowed "
            "(control characters are not allowed); remove it",
        ),
    ),
]

# -- 3. One escaping path ----------------------------------------------------------

EVIL = '"x]]>y\\vz <b>&amp;</b> {{ 7*7 }}"'
"""A double-quoted YAML value: CDATA end, U+000B (as the YAML escape), markup, a template."""
EVIL_TEXT = "x]]>yz <b>&amp;</b> {{ 7*7 }}"
"""What the value becomes: the control character removed, the rest kept as text."""


def _controls(path: str, lines: list[tuple[int, str]]) -> tuple[str, ...]:
    return tuple(f"{path}:{n}: {where}: control characters were removed" for n, where in lines)


JOURNEY_EVIL = page(
    f"type: journey\ntitle: {EVIL}\nowner: {EVIL}\ngoal: {EVIL}\nscenario: {EVIL}\n"
    f"expectations: [{EVIL}]\ntags: [{EVIL}]\ndescription: {EVIL}\n"
    f"sources:\n  - title: {EVIL}\n    url: https://intranet.example/r?q=1&a=2\n"
    "stages:\n"
    f"  - name: {EVIL}\n    goal: {EVIL}\n    actions: [{EVIL}]\n    thoughts: [{EVIL}]\n"
    f"    feeling: {EVIL}\n    emotion: -1\n    pains: [{EVIL}]\n    backstage: [{EVIL}]\n"
    f"    touchpoints:\n      - name: {EVIL}\n        channel: {EVIL}\n        owner: {EVIL}\n"
    f"    opportunities:\n      - text: {EVIL}\n        owner: {EVIL}\n"
    f"    metrics:\n      {EVIL}: {EVIL}\n"
)
PERSONA_EVIL = page(
    f"type: persona\nid: evil-persona\nname: {EVIL}\nrole: {EVIL}\nquote: {EVIL}\n"
    f"segment: {EVIL}\nattributes:\n  {EVIL}: {EVIL}\ngoals: [{EVIL}]\nneeds: [{EVIL}]\n"
    f"pains: [{EVIL}]\nmotivations: [{EVIL}]\nchannels: [{EVIL}]\n"
)
JOURNEY_FOR_EVIL_PERSONA = journey("Evil persona's map", "persona: evil-persona\n")

UNSAFE_URLS = [
    ('"JaVaScRiPt:alert(1)"', "JaVaScRiPt:alert(1)"),
    ('"java\\tscript:alert(1)"', "java script:alert(1)"),
    ('"java\\nscript:alert(1)"', "java script:alert(1)"),
    ('"\\x01javascript:alert(1)"', "javascript:alert(1)"),
    ('"&#106;avascript:alert(1)"', "&#106;avascript:alert(1)"),
    ('"javascript&colon;alert(1)"', "javascript&colon;alert(1)"),
    ('"jav&#x09;ascript:alert(1)"', "jav&#x09;ascript:alert(1)"),
    ('"&amp;#106;avascript:alert(1)"', "&amp;#106;avascript:alert(1)"),
    (
        '"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="',
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    ),
    ('"//evil.example/x"', "//evil.example/x"),
    ('"\\\\\\\\evil.example\\\\share"', "\\\\\\\\evil.example\\\\share"),
    ('"/\\\\evil.example/x"', "/\\\\evil.example/x"),
    ('"vbscript:msgbox(1)"', "vbscript:msgbox(1)"),
]


def _unsafe_links() -> Case:
    path = "e/links.md"
    sources = "".join(
        f"  - title: Link {i}\n    url: {yaml}\n" for i, (yaml, _) in enumerate(UNSAFE_URLS)
    )
    warnings = []
    for i, (_, shown) in enumerate(UNSAFE_URLS):
        line = 6 + 2 * i
        warnings.append(
            f"{path}:{line}: sources[{i}].url: '{shown}' is not allowed: "
            "links must be http, https, mailto or relative"
        )
        if i == 3:  # logged after: same line and field, messages in order
            warnings.append(f"{path}:{line}: sources[{i}].url: control characters were removed")
    return Case(
        "unsafe links", 3, {path: journey("Links", "sources:\n" + sources)}, tuple(warnings)
    )


ESCAPING = [
    Case(
        "cdata end, control characters and markup in every journey field",
        3,
        {"e/evil-journey.md": JOURNEY_EVIL},
        _controls(
            "e/evil-journey.md",
            [
                (3, "title"),
                (4, "owner"),
                (5, "goal"),
                (6, "scenario"),
                (7, "expectations[0]"),
                (8, "tags[0]"),
                (9, "description"),
                (11, "sources[0].title"),
                (14, "stages[0].name"),
                (15, "stages[0].goal"),
                (16, "stages[0].actions[0]"),
                (17, "stages[0].thoughts[0]"),
                (18, "stages[0].feeling"),
                (20, "stages[0].pains[0]"),
                (21, "stages[0].backstage[0]"),
                (23, "stages[0].touchpoints[0].name"),
                (24, "stages[0].touchpoints[0].channel"),
                (25, "stages[0].touchpoints[0].owner"),
                (27, "stages[0].opportunities[0].text"),
                (28, "stages[0].opportunities[0].owner"),
                (30, f"stages[0].metrics.{EVIL_TEXT}"),
            ],
        ),
        fact="svgwrite writes CDATA raw (']]>' breaks out) and control characters raw",
    ),
    Case(
        "cdata end, control characters and markup in every persona field",
        3,
        {"e/evil-persona.md": PERSONA_EVIL, "e/evil-persona-map.md": JOURNEY_FOR_EVIL_PERSONA},
        _controls(
            "e/evil-persona.md",
            [
                (4, "name"),
                (5, "role"),
                (6, "quote"),
                (7, "segment"),
                (9, f"attributes.{EVIL_TEXT}"),
                (10, "goals[0]"),
                (11, "needs[0]"),
                (12, "pains[0]"),
                (13, "motivations[0]"),
                (14, "channels[0]"),
            ],
        ),
    ),
    _unsafe_links(),
    Case(
        "a status that breaks out of its class attribute",
        3,
        {"e/status.md": page("status: '\"><img src=x onerror=alert(1)>'\n")},
        (
            "e/status.md:2: status: '\"><img src=x onerror=alert(1)>' is not allowed: "
            "a status is one word such as 'new'",
        ),
        fact="found here: Material prints page.meta.status raw into a class on every page's navigation",
    ),
    Case(
        "a redirect to a javascript: link",
        3,
        {
            "e/redirect.md": page(
                "template: redirect.html\nlocation: 'javascript:alert(document.domain)'\n"
            )
        },
        (
            "e/redirect.md:3: location: 'javascript:alert(document.domain)' is not allowed: "
            "links must be http, https, mailto or relative",
        ),
        fact="found here: Material's redirect.html runs location.replace(<location>) unchecked",
    ),
    Case(
        "an icon and a template outside the theme",
        3,
        {
            "e/traversal.md": journey(
                "Traversal", "icon: ../../../../etc/passwd\ntemplate: ../../../etc/passwd\n"
            )
        },
        (
            "e/traversal.md:4: icon: '../../../../etc/passwd' is not allowed: "
            "an icon is a name such as 'material/emoticon-happy'",
            "e/traversal.md:5: template: '../../../etc/passwd' is not allowed: "
            "a template is a file of the theme such as 'main.html'",
        ),
    ),
    Case(
        "an unsafe picture",
        3,
        {"e/picture.md": persona("Picture", 'image: "JAVA\\tSCRIPT:alert(1)"\n')},
        (
            "e/picture.md:4: image: 'JAVA SCRIPT:alert(1)' is not allowed: links must be http, https, mailto or relative",
        ),
    ),
    Case(
        "safe links are kept",
        3,
        {
            "e/safe-links.md": journey(
                "Safe links",
                "sources:\n  - {title: Web, url: 'HTTPS://intranet.example/a?b=1#c'}\n"
                "  - {title: Mail, url: 'mailto:cx@example.org'}\n"
                "  - {title: Here, url: '#stage-1'}\n",
            )
        },
    ),
    Case(
        "markdown and html in fields are text",
        3,
        {
            "e/markdown.md": journey(
                "Markdown **title**",
                "owner: '[click](javascript:alert(1))'\ngoal: '<script>alert(1)</script>'\n",
            )
        },
        fact="Python-Markdown passes raw HTML and javascript: links through",
    ),
]

# -- 4. Files and paths -------------------------------------------------------------

SECRET = b"SECRET-BYTES-OUTSIDE-DOCS"
OUTSIDE = {"outside/secret.png": SECRET, "outside/dir/key.png": SECRET}
"""Files written next to docs/ (not inside), which nothing may read or copy."""

PATHS = [
    Case(
        "picture via ..",
        4,
        {"f/dotdot.md": persona("Dot Dot", "image: ../../outside/secret.png\n")},
        (
            "f/dotdot.md:4: image: '../../outside/secret.png' is outside the docs folder; put the picture beside the page",
        ),
    ),
    Case(
        "picture via an absolute path",
        4,
        {"f/absolute.md": persona("Absolute", "image: /etc/passwd\n")},
        (
            "f/absolute.md:4: image: '/etc/passwd' is outside the docs folder; put the picture beside the page",
        ),
    ),
    Case(
        "picture via percent-encoded dots",
        4,
        {"f/percent.md": persona("Percent", "image: '%2e%2e/%2e%2e/outside/secret.png'\n")},
        (
            "f/percent.md:4: image: '%2e%2e/%2e%2e/outside/secret.png' is outside the docs folder; "
            "put the picture beside the page",
        ),
    ),
    Case(
        "source links leaving the docs folder",
        4,
        {
            "f/source-links.md": journey(
                "Source links",
                "sources:\n  - {title: Up, url: ../../../etc/passwd}\n"
                "  - {title: Root, url: /etc/passwd}\n"
                "  - {title: Back, url: '..\\..\\..\\etc\\passwd'}\n",
            )
        },
        tuple(
            f"f/source-links.md:{5 + i}: sources[{i}].url: {url!r} is outside the docs folder; "
            "link to a page of the handbook or to a full https:// address"
            for i, url in enumerate(
                ["../../../etc/passwd", "/etc/passwd", "..\\..\\..\\etc\\passwd"]
            )
        ),
    ),
    Case(
        "relative source links go through the docs folder",
        4,
        {
            "f/relative-links.md": journey(
                "Relative links",
                "sources:\n  - {title: Persona, url: ../personas/eva-molin.md}\n"
                "  - {title: Anchor, url: '../personas/eva-molin.md#backstory'}\n"
                "  - {title: Missing, url: missing.pdf}\n"
                "  - {title: Here, url: '#stage-1'}\n",
            )
        },
        fact="found here: relative links were written as is, relative to the page's URL (404)",
    ),
    Case(
        "ids that differ only in accents",
        4,
        {
            "f/cafe-1.md": journey("Café one", "id: Café\n"),
            "f/cafe-2.md": journey("Cafe two", "id: Cafe\n"),
        },
        (
            "f/cafe-2.md:2: id: the id 'Cafe' differs only in case or accents from 'Café' "
            "(f/cafe-1.md); ids must differ in more than case or accents",
        ),
        fact="toc.slugify maps 'Café' and 'Cafe' to the same slug",
    ),
    Case(
        "one id twice",
        4,
        {
            "f/twin-1.md": journey("Twin one", "id: twin\n"),
            "f/twin-2.md": journey("Twin two", "id: twin\n"),
        },
        (
            "f/twin-2.md:2: id: the journey id 'twin' is already used by f/twin-1.md; ids must be unique",
        ),
    ),
    Case(
        "stage names that slugify alike or to nothing",
        4,
        {
            "f/slugs.md": journey(
                "Slugs",
                stages="stages:\n  - Buy / Pay\n  - Buy - Pay\n  - buy pay\n  - 支払い\n  - الدفع\n  - '!!!'\n",
            ).replace(
                BODY,
                "# Slugs\n\n## Buy / Pay\n\n## Buy - Pay\n\n## 支払い\n\n## الدفع\n\n## 支払い\n",
            )
        },
        fact="toc.slugify maps 'Buy / Pay' and 'Buy - Pay' to one slug, CJK and Arabic to ''",
    ),
]

SYMLINKS = [
    Case(
        "picture via a symbolic link to a file",
        4,
        {"f/symlink.md": persona("Sym Link", "image: pics/key.png\n")},
        (
            "f/pics/key.png: is a symbolic link that leads outside the docs folder; "
            "it is neither read nor copied into the site",
            "f/symlink.md:4: image: 'pics/key.png' is a symbolic link that leads outside the docs "
            "folder; put the picture itself beside the page",
        ),
        symlinks={"f/pics/key.png": "outside/secret.png"},
    ),
    Case(
        "picture via a symbolic link to a folder",
        4,
        {"f/symdir.md": persona("Sym Dir", "image: linked/key.png\n")},
        (
            "f/linked/key.png: is a symbolic link that leads outside the docs folder; "
            "it is neither read nor copied into the site",
            "f/symdir.md:4: image: 'linked/key.png' is a symbolic link that leads outside the docs "
            "folder; put the picture itself beside the page",
        ),
        symlinks={"f/linked": "outside/dir"},
    ),
]
"""Need the plugin change in the report (plugin.py): they are expected failures until then."""

# -- 5. Robust linking ----------------------------------------------------------------

LINKING = [
    Case(
        "improves cycle",
        5,
        {
            "l/cycle-a.md": journey("Cycle A", "id: cycle-a\nimproves: cycle-b\n"),
            "l/cycle-b.md": journey("Cycle B", "id: cycle-b\nimproves: cycle-c\n"),
            "l/cycle-c.md": journey("Cycle C", "id: cycle-c\nimproves: cycle-a\n"),
        },
        (
            "l/cycle-a.md:5: improves: improves forms a cycle: cycle-a -> cycle-b -> cycle-c -> cycle-a",
        ),
    ),
    Case(
        "improves itself",
        5,
        {"l/self.md": journey("Self", "id: self-improver\nimproves: self-improver\n")},
        ("l/self.md:5: improves: a map cannot improve itself",),
    ),
    Case(
        "improves a missing map",
        5,
        {"l/missing.md": journey("Missing", "kind: future-state\nimproves: zzz-nowhere\n")},
        ("l/missing.md:5: improves: no journey has the id 'zzz-nowhere'",),
    ),
    Case(
        "compared with itself",
        5,
        {"l/compare-self.md": journey("Compare self", "id: mirror\ncompare: [mirror]\n")},
        ("l/compare-self.md:5: compare[0]: a map cannot be compared with itself",),
    ),
    Case(
        "a missing persona",
        5,
        {"l/no-persona.md": journey("No persona", "persona: qqq-nobody\n")},
        ("l/no-persona.md:4: persona: no persona has the id 'qqq-nobody'",),
    ),
]

# -- 6. Limits with messages ------------------------------------------------------------

LIMITS = [
    Case(
        "a 20,000-character title and stage name",
        6,
        {"m/long.md": journey("W" * 20_000, stages="stages:\n  - name: " + "S" * 20_000 + "\n")},
        (
            "m/long.md:3: title: text is 20,000 characters; only the first 10,000 are kept",
            "m/long.md:5: stages[0].name: text is 20,000 characters; only the first 10,000 are kept",
        ),
    ),
]

# -- Issue 11, round two -------------------------------------------------------------

EMOTION_9 = "stages:\n  - name: One\n    emotion: 9\n"
"""A stage list whose emotion (line 6 of a journey from :func:`journey`) is out of range."""

LINE_SEPARATORS = [
    Case(
        f"a raw {name} inside a value",
        10,
        {f"lb/{name}.md": journey(f"Before{char}after", stages=EMOTION_9)},
        (*before, f"lb/{name}.md:6: stages[0].emotion: 9 is outside -2..2"),
        issue=11,
        fact=f"a raw {name} shifted every later line number, or broke the value in two",
    )
    for name, char, before in (
        ("u2028", "\u2028", ()),
        ("u2029", "\u2029", ()),
        ("u0085", "\x85", ("lb/u0085.md:3: title: control characters were removed",)),
    )
]

LOST_FRONT_MATTER = [
    Case(
        "front matter never closed",
        9,
        {"fm/unclosed.md": "---\ntype: journey\ntitle: Open\n" + STAGE + BODY},
        (
            "fm/unclosed.md:1: the front matter that starts here is never closed; "
            "end it with a line holding only ---",
        ),
        issue=11,
        fact="published silently as plain text, even under --strict",
    ),
    Case(
        "a blank line before the front matter",
        9,
        {"fm/blank.md": "\n" + journey("Blank first")},
        (
            "fm/blank.md:2: front matter must start on the first line of the file; "
            "remove the 1 line(s) before ---",
        ),
        issue=11,
    ),
    Case(
        "two byte-order marks",
        9,
        {"fm/two-boms.md": "\ufeff\ufeff" + journey("Two marks")},
        (
            "fm/two-boms.md:1: the file starts with a second byte-order mark (U+FEFF), so "
            "its front matter is not read; save the file as UTF-8 with at most one",
        ),
        issue=11,
    ),
    Case(
        "a guide showing front matter in a code block stays an ordinary page",
        9,
        {"fm/guide.md": "# Guide\n\n```yaml\n---\ntype: journey\ntitle: Shown\n---\n```\n"},
        issue=11,
    ),
]

CASES: list[Case] = [
    *READING,
    *STRICT_YAML,
    *ESCAPING,
    *PATHS,
    *LINKING,
    *LIMITS,
    *LINE_SEPARATORS,
    *LOST_FRONT_MATTER,
]
"""Every case that the plugin as it stands answers exactly."""

# -- Issue 11, round two: what a page may name, and where generated files go -------------

NOT_A_PAGE_TEMPLATE = (
    "is not a page template (it is used by the site for something else); name a page "
    "template such as 'main.html', or one of your custom_dir that extends it; the page is "
    "built with the theme's main template"
)
PARTIAL = (
    "is a part of a page, not a page template; name a page template such as 'main.html', "
    "or one of your custom_dir that extends it; the page is built with the theme's main template"
)
SAME_MAP_FILE = "rename one of them so that the names differ in letters or digits"

SVG_OF_MINE = '<svg xmlns="http://www.w3.org/2000/svg"><title>Mine</title></svg>\n'
"""An author's own drawing, valid as the site's maps are (test_outputs reads every one)."""

OUTPUTS = [
    Case(
        "a partial as a page's template",
        1,
        {"tp/header.md": journey("Header", "template: partials/header.html\n")},
        (f"tp/header.md: template: 'partials/header.html' {PARTIAL}",),
        issue=11,
        fact="passed the theme-file check, then stopped the whole build: 'lang' is undefined",
    ),
    Case(
        "one of the plugin's own blocks as a page's template",
        1,
        {"tp/errors.md": journey("Errors", "template: cjm/errors.html\n")},
        (f"tp/errors.md: template: 'cjm/errors.html' {NOT_A_PAGE_TEMPLATE}",),
        issue=11,
        fact="the page read '0 problems'; --strict passed",
    ),
    Case(
        "the theme's 404 page as a page's template",
        1,
        {"tp/not-found.md": journey("Not found", "template: 404.html\n")},
        (f"tp/not-found.md: template: '404.html' {NOT_A_PAGE_TEMPLATE}",),
        issue=11,
        fact="the map was lost; --strict passed",
    ),
    Case(
        "a page template of the theme is fine",
        1,
        {"tp/main.md": journey("Main", "template: main.html\n")},
        issue=11,
    ),
    Case(
        "map files that would be one file: a-b and 'a b'",
        8,
        {"mc/q-r.md": journey("Dash"), "mc/q r.md": journey("Space")},
        (
            f"mc/q r.md: the map file maps/q-r.svg would also be the map of mc/q-r.md "
            f"(id 'q-r'); {SAME_MAP_FILE}",
            f"mc/q-r.md: the map file maps/q-r.svg would also be the map of mc/q r.md "
            f"(id 'q r'); {SAME_MAP_FILE}",
        ),
        issue=11,
        fact="both pages linked to one maps/a-b.svg holding one of them; --strict passed "
        "(ids that differ only in case are the linker's: 'ids must differ in more than case')",
    ),
    Case(
        "map files that would be one file: a#b, a?b and a&b",
        8,
        {
            "mc/s#t.md": journey("Hash"),
            "mc/s?t.md": journey("Question"),
            "mc/s&t.md": journey("And"),
        },
        (
            f"mc/s#t.md: the map file maps/s-t.svg would also be the map of mc/s&t.md "
            f"(id 's&t'), mc/s?t.md (id 's?t'); {SAME_MAP_FILE}",
            f"mc/s&t.md: the map file maps/s-t.svg would also be the map of mc/s#t.md "
            f"(id 's#t'), mc/s?t.md (id 's?t'); {SAME_MAP_FILE}",
            f"mc/s?t.md: the map file maps/s-t.svg would also be the map of mc/s#t.md "
            f"(id 's#t'), mc/s&t.md (id 's&t'); {SAME_MAP_FILE}",
        ),
        issue=11,
    ),
    Case(
        "an author's file where a map is generated",
        7,
        {"gp/own-map.md": journey("Own map"), "maps/own-map.svg": SVG_OF_MINE},
        (
            "maps/own-map.svg: cjm-site generates the map of gp/own-map.md here; "
            "this file takes its place",
        ),
        issue=11,
        fact="the author's file was silently replaced in the site",
    ),
]

CASES += OUTPUTS

# -- Issue 11, items 9 (a type that is not one word), 11, 14, 15 ---------------------------

TYPE_NOT_A_WORD = [
    Case(
        "a type written as a list",
        9,
        {"fm/type-list.md": page("type: [journey]\ntitle: Listed\n" + STAGE)},
        (
            "fm/type-list.md:2: type: expected one word, journey or persona, got a list; "
            "write 'type: journey'",
        ),
        issue=11,
        fact="published silently as plain text, even under --strict",
    ),
    Case(
        "a type written as a block list",
        9,
        {"fm/type-block.md": page("type:\n  - Persona\nname: Block\n")},
        (
            "fm/type-block.md:3: type: expected one word, journey or persona, got a list; "
            "write 'type: persona'",
        ),
        issue=11,
    ),
    Case(
        "another plugin's list of types stays an ordinary page",
        9,
        {"fm/type-other.md": page("type: [blog, post]\ntitle: Other\n")},
        issue=11,
    ),
]

ORDINARY_PAGES = [
    Case(
        "an ordinary page with anchors and aliases",
        11,
        {"o/anchors.md": page("title: Anchors\nbase: &base {colour: red}\nused: *base\n")},
        issue=11,
        fact="got the cjm error box and failed --strict",
    ),
    Case(
        "an ordinary page with a billion laughs",
        11,
        {"o/laughs.md": page("title: Laughs\n" + BILLION_LAUGHS)},
        issue=11,
    ),
    Case(
        "an ordinary page with front matter over 256 KB",
        11,
        {"o/big.md": page(f"title: Big notes\nnotes: {BIG_TEXT}\n")},
        issue=11,
        fact="got the cjm error box and failed --strict",
    ),
    Case(
        "an ordinary page with a repeated key",
        11,
        {"o/repeated.md": page("title: First\ntitle: Second\n")},
        issue=11,
    ),
    Case(
        "an ordinary page with a date",
        11,
        {"o/dated.md": page("title: Dated\ndate: 2024-01-02\n")},
        issue=11,
        fact="date reached other plugins as a string",
    ),
    Case(
        "an ordinary page whose yaml does not parse",
        11,
        {"o/unparsable.md": page("title: [Draft\n")},
        notices=(
            "o/unparsable.md:3: YAML does not parse: did not find expected ',' or ']'; "
            "MkDocs shows this front matter as text",
        ),
        issue=11,
    ),
    Case(
        "an ordinary page nested deeper than any parser should be handed",
        11,
        {"o/deep.md": page("notes: " + "[" * 150 + "]" * 150 + "\n")},
        (
            "o/deep.md:2: front matter is nested more than 100 levels deep; "
            "it is left out of the page",
        ),
        issue=11,
    ),
]

BIDI = "\u202e"
BIDI_TEXT = [
    Case(
        "a bidirectional override in an id",
        14,
        {"bd/id.md": journey("Bidi id", f'id: "evil{BIDI}gpj.exe"\n')},
        (
            "bd/id.md:4: id: the id holds U+202E (RIGHT-TO-LEFT OVERRIDE), a bidirectional "
            "control that makes text read differently from what it is; remove it",
        ),
        issue=11,
    ),
    Case(
        "a bidirectional override in a file name",
        14,
        {f"bd/name{BIDI}dm.md": journey("Bidi name")},
        (
            "bd/name\\u202edm.md: the file name holds U+202E (RIGHT-TO-LEFT OVERRIDE), a "
            "bidirectional control that makes text read differently from what it is; "
            "rename the file",
        ),
        issue=11,
    ),
    Case(
        "bidirectional controls in a title and a stage name",
        14,
        {
            "bd/title.md": journey(
                f'"Pay {BIDI}yap\u2066x\u2069"',
                stages='stages:\n  - name: "Order \u202bنظام\u202c"\n    emotion: 1\n',
            )
        },
        (
            "bd/title.md:3: title: bidirectional controls (U+202E, U+2066, U+2069) were removed: "
            "they make text read differently from what it is",
            "bd/title.md:5: stages[0].name: bidirectional controls (U+202B, U+202C) were "
            "removed: they make text read differently from what it is",
        ),
        issue=11,
    ),
    Case(
        "right-to-left text and its marks are kept",
        14,
        {"bd/rtl.md": journey("طلب البيتزا\u200f", stages="stages:\n  - name: הזמנה\n")},
        issue=11,
    ),
]

NORMALISATION = [
    Case(
        "ids that differ only in unicode normalisation",
        15,
        {
            "n/noe\u0308l.md": journey("Noël decomposed"),
            "n/no\u00ebl.md": journey("Noël composed"),
        },
        (
            "n/no\u00ebl.md:2: id: the journey id 'noël' is already used by n/noe\u0308l.md; "
            "ids must be unique (the file names differ only in Unicode normalisation: "
            "U+00EB here, U+0065 U+0308 there)",
        ),
        issue=11,
    ),
]

CASES.extend([*TYPE_NOT_A_WORD, *ORDINARY_PAGES, *BIDI_TEXT, *NORMALISATION])
