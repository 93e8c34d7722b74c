"""The document's text catalogue and outline: every sentence once, every language side by side.

``templates/text/*.yaml`` map a key to its text per language, with named placeholders::

    tender.validity:
      sv: "anbudet är bindande i {days} från sista anbudsdag"
      en: "the bid is binding for {days} from the bid deadline"

The languages are whatever columns the files hold (a third language is a new column, not a new
template tree). ``{name}`` is filled with a value the template passes to ``t(key, name=…)``;
``{ref:part.section}`` is filled with that part's or section's number from
``templates/outline.yaml``, so cross-references follow the outline. Nothing falls back
silently: a missing key, language or value is a TemplateError naming the key.

A ``--templates`` folder may hold its own ``text/*.yaml`` (entries override built-in entries by
key, language by language), its own ``outline.yaml``, and an old-style ``strings.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from cc_rfp.errors import InputError, TemplateError
from cc_rfp.io.yamlio import load_yaml_file

TEXT_DIR = "text"
OUTLINE = "outline.yaml"
COMMON = "common."
"""Keys under this prefix form the phrase table ``s`` (the former strings.yaml)."""


class TextError(TemplateError):
    """A text lookup a template made failed; the renderer adds the template's file and line."""


PLACEHOLDER = re.compile(r"\{(ref:)?([A-Za-z_][\w.]*)\}")


def placeholders(text: str) -> set[str]:
    """The placeholder names of a text, refs written ``ref:id``."""
    return {(ref or "") + name for ref, name in PLACEHOLDER.findall(text)}


def ensure_inside(path: Path, root: Path) -> None:
    """Refuse a file of a user's templates folder that is a link to somewhere outside it.

    The same rule as for templates (``sandbox.ContainedLoader``): a folder from someone else
    must not pull ``/etc/passwd`` into the tender through a link.
    """
    if not path.is_symlink():
        return
    real, top = path.resolve(), root.resolve()
    if not real.is_relative_to(top):
        raise TemplateError(
            f"{path}: links to {real}, outside the templates folder {root}; "
            "copy the file into the folder instead of linking to it"
        )


def _read_entries(path: Path) -> dict[str, dict[str, str]]:
    data, _ = load_yaml_file(path, what="text catalogue")
    if not isinstance(data, dict):
        raise InputError(f"{path}: must map text keys to their text per language")
    entries: dict[str, dict[str, str]] = {}
    for key, texts in data.items():
        if not isinstance(texts, dict) or not texts:
            raise InputError(f"{path}: {key}: must map each language to its text")
        for lang, text in texts.items():
            if not isinstance(text, str):
                raise InputError(f"{path}: {key}: {lang}: the text must be a string")
        entries[str(key)] = {str(lang): text for lang, text in texts.items()}
    return entries


def read_folder(folder: Path, root: Path | None = None) -> dict[str, dict[str, str]]:
    """Every entry of ``folder/*.yaml``; a key defined in two files is an error.

    ``root`` is the user's templates folder the files must stay inside (None: built-in).
    """
    if root is None:
        return _read_builtin(folder)
    return _read_files(folder, root)


def _read_builtin(folder: Path) -> dict[str, dict[str, str]]:
    """The built-in catalogue, through the on-disk cache (keyed by every file's bytes and by
    this module's code), since parsing the YAML is a large share of a render's time."""
    import json

    from cc_rfp.io import cache

    paths = sorted(folder.glob("*.yaml"))
    try:
        parts = [part for path in paths for part in (path.name, path.read_bytes())]
    except OSError:
        return _read_files(folder, None)
    name = cache.key(
        "text", *parts, cache.source_fingerprint("cc_rfp.document.catalog", "cc_rfp.io.yamlio")
    )
    stored = cache.read(name)
    if stored is not None:
        try:
            entries = json.loads(stored)
            if isinstance(entries, dict):
                return entries
        except ValueError:
            pass
    entries = _read_files(folder, None)
    cache.write(name, json.dumps(entries, ensure_ascii=False).encode("utf-8"))
    return entries


def _read_files(folder: Path, root: Path | None) -> dict[str, dict[str, str]]:
    entries: dict[str, dict[str, str]] = {}
    where: dict[str, Path] = {}
    if root is not None:
        ensure_inside(folder, root)
    for path in sorted(folder.glob("*.yaml")):
        if root is not None:
            ensure_inside(path, root)
        for key, texts in _read_entries(path).items():
            if key in entries:
                raise InputError(f"{path}: {key}: already defined in {where[key].name}")
            entries[key] = texts
            where[key] = path
    return entries


@dataclass(frozen=True)
class Catalog:
    """Text per key and language; ``languages`` are the columns of the built-in entries."""

    entries: dict[str, dict[str, str]]
    languages: tuple[str, ...]

    def text(self, key: str, lang: str) -> str:
        texts = self.entries.get(key)
        if texts is None:
            raise TextError(f"text key '{key}' is not in the text catalogue")
        if lang not in texts:
            raise TextError(f"text key '{key}' has no '{lang}' text in the text catalogue")
        return texts[lang]

    def strings(self, lang: str) -> dict[str, str]:
        """The phrase table ``s``: the ``common.*`` entries in ``lang``, without the prefix."""
        return {
            key[len(COMMON) :]: self.text(key, lang)
            for key in self.entries
            if key.startswith(COMMON)
        }


def build(
    base: dict[str, dict[str, str]], overrides: Iterable[dict[str, dict[str, str]]]
) -> Catalog:
    """The built-in entries with overrides applied language by language."""
    languages: dict[str, None] = {}
    for texts in base.values():
        languages.update(dict.fromkeys(texts))
    entries = {key: dict(texts) for key, texts in base.items()}
    for extra in overrides:
        for key, texts in extra.items():
            entries.setdefault(key, {}).update(texts)
    return Catalog(entries, tuple(languages))


@lru_cache(maxsize=4)
def load(builtin: Path, templates_dir: Path | None = None) -> Catalog:
    """The catalogue of the built-in ``templates`` folder, a user folder's entries on top."""
    overrides = []
    if templates_dir is not None and (templates_dir / TEXT_DIR).is_dir():
        overrides.append(read_folder(templates_dir / TEXT_DIR, templates_dir))
    return build(read_folder(builtin / TEXT_DIR), overrides)


@dataclass(frozen=True)
class Outline:
    """The parts of the document in order; numbers are computed, never typed."""

    parts: tuple[dict[str, Any], ...]
    numbers: dict[str, str]
    next_numbers: dict[str, str]

    def number(self, ref: str) -> str:
        if ref not in self.numbers:
            raise TextError(f"'{ref}' is not a numbered part or section of the outline")
        return self.numbers[ref]


@lru_cache(maxsize=4)
def load_outline(builtin: Path, templates_dir: Path | None = None) -> Outline:
    path = builtin / OUTLINE
    if templates_dir is not None and (templates_dir / OUTLINE).is_file():
        path = templates_dir / OUTLINE
        ensure_inside(path, templates_dir)
    data, _ = load_yaml_file(path, what="outline")
    parts = data.get("parts") if isinstance(data, dict) else None
    if not isinstance(parts, list):
        raise InputError(f"{path}: must hold 'parts', a list of parts")
    numbers: dict[str, str] = {}
    next_numbers: dict[str, str] = {}
    count = 0
    for part in parts:
        if not isinstance(part, dict) or not isinstance(part.get("id"), str):
            raise InputError(f"{path}: every part needs an id and a template")
        if not isinstance(part.get("template"), str):
            raise InputError(f"{path}: {part['id']}: needs a template")
        if not part.get("numbered", True):
            continue
        count += 1
        numbers[part["id"]] = str(count)
        sections = part.get("sections") or []
        for i, section in enumerate(sections, 1):
            numbers[f"{part['id']}.{section}"] = f"{count}.{i}"
        next_numbers[part["id"]] = f"{count}.{len(sections) + 1}"
    return Outline(tuple(parts), numbers, next_numbers)


class Text:
    """What templates call: ``t(key, **values)``, ``ref(id)``, ``heading(id)``."""

    exposed = frozenset({"t", "ref", "heading", "next_section"})
    """The methods the template sandbox lets a template call (nothing else of this object)."""

    def __init__(self, catalog: Catalog, outline: Outline, lang: str) -> None:
        if lang not in catalog.languages:
            raise TemplateError(f"language '{lang}' is not a column of the text catalogue")
        self.catalog = catalog
        self.outline = outline
        self.lang = lang

    def t(self, key: str, /, **values: Any) -> str:
        text = self.catalog.text(key, self.lang)

        def fill(match: re.Match[str]) -> str:
            ref, name = match.groups()
            if ref:
                return self.outline.number(name)
            if name not in values:
                raise TextError(f"text key '{key}' needs a value for {{{name}}}")
            return str(values[name])

        return PLACEHOLDER.sub(fill, text)

    def ref(self, ref: str) -> str:
        return self.outline.number(ref)

    def next_section(self, part: str) -> str:
        """The number a section appended after the outline's last one of ``part`` gets."""
        if part not in self.outline.next_numbers:
            raise TextError(f"'{part}' is not a numbered part of the outline")
        return self.outline.next_numbers[part]

    def heading(self, ref: str) -> str:
        """``## 8. Title`` for a part, ``### 8.3 Title`` for a section, ``## Title`` unnumbered."""
        title = self.t(f"title.{ref}")
        if ref not in self.outline.numbers:
            if any(part["id"] == ref for part in self.outline.parts):
                return f"## {title}"
            raise TextError(f"'{ref}' is not a part or section of the outline")
        number = self.outline.numbers[ref]
        if "." in number:
            return f"### {number} {title}"
        return f"## {number}. {title}"

    def globals(self) -> dict[str, Any]:
        return {
            "t": self.t,
            "ref": self.ref,
            "heading": self.heading,
            "next_section": self.next_section,
            "outline": [dict(part) for part in self.outline.parts],
        }
