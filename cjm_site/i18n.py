"""The site's language: which catalogue the vocabulary reads, and the ``labels:`` setting.

Translations are gettext catalogues shipped in the package,
``cjm_site/locale/<language>/LC_MESSAGES/cjm.po``, read with Babel when a site
asks for the language (no compile step, so nothing differs between a checkout
and a wheel). Each entry's ``msgid`` is a key of :data:`cjm_site.vocabulary.ENGLISH`
(``lane.touchpoints``), its ``msgstr`` the translation; the English text
stands beside it as a translator's comment. An empty or fuzzy ``msgstr`` falls
back to English, as gettext does.

The language follows the theme: Material's ``theme.language``, or the
``theme.locale`` of MkDocs' own themes. ``pt-BR`` reads ``pt_BR`` when there
is such a catalogue, else ``pt``, else English. Messages to authors (the build
log, the CLI) stay English: they are for logs and CI.
"""

from __future__ import annotations

import difflib
import re
import string
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType

from cjm_site.vocabulary import ENGLISH, Vocabulary

DOMAIN = "cjm"
"""The catalogues' gettext domain (file name ``cjm.po``)."""

LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es", "nl", "sv", "ja")
"""Languages with a complete catalogue (English is the source, in the vocabulary)."""

RTL_LANGUAGES: frozenset[str] = frozenset({"ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv"})
"""Languages written right to left (Material sets ``dir="rtl"`` for them too)."""

_NAME = re.compile(r"^[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*$")


def _catalogue_file(language: str) -> str | None:
    entry = resources.files("cjm_site").joinpath("locale", language, "LC_MESSAGES", f"{DOMAIN}.po")
    return entry.read_text(encoding="utf-8") if entry.is_file() else None


def available() -> tuple[str, ...]:
    """Every language with a catalogue in the package, English first, then by name."""
    folder = resources.files("cjm_site").joinpath("locale")
    found = sorted(
        entry.name
        for entry in folder.iterdir()
        if entry.joinpath("LC_MESSAGES", f"{DOMAIN}.po").is_file()
    )
    return ("en", *(name for name in found if name != "en"))


def normalise(language: object) -> str:
    """A theme's language (``de``, ``pt-BR``, a Babel ``Locale``) as ``pt_BR``; ``en`` if unset."""
    name = str(language or "").strip()
    if not name or not _NAME.match(name):
        return "en"
    parts = re.split(r"[_-]", name)
    head = parts[0].lower()
    rest = [p.upper() if len(p) == 2 else p.title() for p in parts[1:]]
    return "_".join([head, *rest])


@cache
def read_catalogue(language: str) -> Mapping[str, str]:
    """``{key: text}`` of a language's ``.po`` file (empty when there is none)."""
    source = _catalogue_file(language)
    if source is None:
        return MappingProxyType({})
    import io

    from babel.messages.pofile import read_po

    catalogue = read_po(io.StringIO(source), locale=None, domain=DOMAIN)
    texts: dict[str, str] = {}
    for message in catalogue:
        if not message.id or not isinstance(message.id, str) or message.fuzzy:
            continue
        if isinstance(message.string, str) and message.string:
            texts[message.id] = message.string
    return MappingProxyType(texts)


def catalogue_language(language: str) -> str:
    """The catalogue a site language reads: itself, its base language, or English."""
    name = normalise(language)
    candidates = [name]
    if "_" in name:
        candidates.append(name.split("_", 1)[0])
    for candidate in candidates:
        if candidate == "en" or _catalogue_file(candidate) is not None:
            return candidate
    return "en"


def is_rtl(language: str) -> bool:
    """Whether the language is written right to left (``ar``, ``he``, ``fa``...)."""
    return normalise(language).split("_", 1)[0] in RTL_LANGUAGES


def _babel_language(language: str) -> str:
    """The language Babel formats dates and numbers in (English when Babel does not know it)."""
    name = normalise(language)
    if name == "en":
        return "en"
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        base = name.split("_", 1)[0]
        try:
            Locale.parse(base)
        except (UnknownLocaleError, ValueError):
            return "en"
        return base
    return name


def vocabulary(language: object = "en", labels: Mapping[str, str] | None = None) -> Vocabulary:
    """The vocabulary of a site: its language's catalogue, with ``labels`` over it."""
    name = normalise(language)
    source = catalogue_language(name)
    texts = ENGLISH if source == "en" else read_catalogue(source)
    return Vocabulary(
        texts,
        language=_babel_language(name),
        overrides=dict(labels or {}),
        plural_language=source,
        rtl=is_rtl(name),
    )


def placeholders(text: str) -> tuple[str, ...]:
    """The ``{names}`` a label fills in, sorted (``{n} maps`` -> ``('n',)``)."""
    try:
        return tuple(sorted({name for _, name, _, _ in string.Formatter().parse(text) if name}))
    except ValueError:
        return ("<unbalanced braces>",)


def check_labels(labels: Mapping[str, str]) -> list[str]:
    """Problems with a site's ``labels:``: unknown keys (with the nearest known key)
    and placeholders that differ from the English label's. English messages, for the log."""
    problems: list[str] = []
    known = _known_keys()
    for key, value in labels.items():
        base = key
        if key not in ENGLISH:
            guess = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            hint = f"; did you mean {guess[0]!r}?" if guess else ""
            problems.append(f"labels: {key!r} is not a label this plugin shows{hint}")
            continue
        expected = placeholders(ENGLISH[base])
        given = placeholders(value)
        if given != expected:
            want = ", ".join("{" + p + "}" for p in expected) or "no placeholders"
            problems.append(
                f"labels: {key!r} must use the same placeholders as the English label "
                f"({want}) but has {', '.join('{' + p + '}' for p in given) or 'none'}; "
                "it is ignored"
            )
    return problems


def usable_labels(labels: Mapping[str, str]) -> dict[str, str]:
    """The ``labels:`` entries that name a known key with the right placeholders."""
    return {
        key: value
        for key, value in labels.items()
        if key in ENGLISH and placeholders(value) == placeholders(ENGLISH[key])
    }


@cache
def _known_keys() -> list[str]:
    return sorted(ENGLISH)


def missing_keys(language: str, keys: Iterable[str] = ENGLISH) -> list[str]:
    """Keys a language's catalogue lacks (for tests and translators)."""
    texts = read_catalogue(language)
    return [key for key in keys if key not in texts]


def po_text(language: str, texts: Mapping[str, str]) -> str:
    """A language's ``.po`` file for ``texts`` (key -> translation), keys in the
    catalogue's order, each with its English text as a translator's comment.
    Deterministic: no dates, no tool versions."""
    lines = [
        f"# cjm-site: the words readers see, in {language}.",
        "# msgid is the label's key; the comment above it is the English text.",
        'msgid ""',
        'msgstr ""',
        f'"Language: {language}\\n"',
        '"MIME-Version: 1.0\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Content-Transfer-Encoding: 8bit\\n"',
        "",
    ]
    for key, english in ENGLISH.items():
        lines.extend(f"#. {line}" for line in english.splitlines() or [""])
        lines.append(f"msgid {_po_quote(key)}")
        lines.append(f"msgstr {_po_quote(texts.get(key, ''))}")
        lines.append("")
    return "\n".join(lines)


def _po_quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'
