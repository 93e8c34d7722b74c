"""Render the tender specification: sandboxed Jinja2 templates over the Doc view.

The templates are content that non-programmers customise, so they run in Jinja2's sandbox
with StrictUndefined (a typo is an error, never a silent gap), and any failure is reported as
one line naming the template file and line.
"""

from __future__ import annotations

import re
import traceback
from functools import lru_cache
from pathlib import Path
from typing import Any

from cc_rfp import catalog, mdtext, resources
from cc_rfp.answers import Answers
from cc_rfp.atomic import atomic_write_text
from cc_rfp.bank import Bank
from cc_rfp.document import Doc
from cc_rfp.errors import InputError, TemplateError
from cc_rfp.yamlio import load_yaml_file

ENTRY = "spec.md.j2"
STRINGS = "strings.yaml"


def load_strings(lang: str, templates_dir: Path | None = None) -> dict[str, str]:
    """The phrase table ``s`` for ``lang``: the catalogue's ``common.*`` entries, a user
    folder's old-style strings.yaml overriding them."""
    strings = catalog.load(resources.templates_dir(), templates_dir).strings(lang)
    if templates_dir is not None and (templates_dir / STRINGS).is_file():
        extra, _ = load_yaml_file(templates_dir / STRINGS, what="strings file")
        if not isinstance(extra, dict) or not isinstance(extra.get(lang, {}), dict):
            raise InputError(f"{templates_dir / STRINGS}: must map sv and en to phrase tables")
        strings.update({str(k): str(v) for k, v in (extra.get(lang) or {}).items()})
    return strings


@lru_cache(maxsize=4)
def _environment(templates_dir: Path | None, lang: str | None = None) -> Any:
    """One environment per templates folder (and language, for a user folder), so compiled
    templates are reused. A name X resolves to ``DIR/{lang}/X``, then ``DIR/X``, then the
    built-in X; an old-layout name ``{lang}/X`` resolves like X."""
    from jinja2 import StrictUndefined, pass_context
    from jinja2.sandbox import SandboxedEnvironment

    folders = []
    if templates_dir is not None:
        if not templates_dir.is_dir():
            raise InputError(f"--templates {templates_dir}: not a folder of templates")
        folders += [templates_dir / str(lang), templates_dir]
    folders.append(resources.templates_dir())
    env = SandboxedEnvironment(
        loader=_loader(folders, lang),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )

    @pass_context
    def num(context: Any, value: Any, decimals: int | None = None) -> str:
        return context["doc"].num(value, decimals)

    @pass_context
    def pct(context: Any, value: Any, decimals: int | None = None) -> str:
        return context["doc"].pct(value, decimals)

    env.filters.update(md=mdtext.inline, cell=mdtext.cell, block=mdtext.block, num=num, pct=pct)
    return env


def _loader(folders: list[Path], lang: str | None) -> Any:
    from jinja2 import BaseLoader, FileSystemLoader, TemplateNotFound

    class Loader(BaseLoader):
        def __init__(self) -> None:
            self.loaders = [FileSystemLoader(str(folder)) for folder in folders]

        def get_source(self, environment: Any, template: str) -> Any:
            names = [template]
            for prefix in (f"{lang}/", "sv/", "en/"):
                if template.startswith(prefix):
                    names.append(template[len(prefix) :])
                    break
            for name in names:
                for loader in self.loaders:
                    try:
                        return loader.get_source(environment, name)
                    except TemplateNotFound:
                        continue
            raise TemplateNotFound(template)

    return Loader()


def staffing_context(bank: Bank, answers: Answers, lang: str) -> dict[str, Any]:
    """The staffing annex data (``available`` false and ``missing`` listed when figures lack)."""
    from cc_rfp.staffing.week import build_plan

    return build_plan(bank, answers, lang=lang).to_dict()


def render_document(
    bank: Bank, answers: Answers, *, lang: str, templates_dir: Path | None = None
) -> str:
    """The whole specification as Markdown text."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError

    builtin = resources.templates_dir()
    try:
        text_layer = catalog.Text(
            catalog.load(builtin, templates_dir), catalog.load_outline(builtin, templates_dir), lang
        )
    except TemplateError as exc:
        raise TemplateError(f"{ENTRY}: {exc}") from None
    strings = load_strings(lang, templates_dir)
    doc = Doc(bank, answers, lang, strings)
    env = _environment(templates_dir, lang if templates_dir is not None else None)
    staffing = staffing_context(bank, answers, lang)
    try:
        template = env.get_template(ENTRY)
        text = template.render(
            doc=doc, s=strings, lang=lang, staffing=staffing, **text_layer.globals()
        )
    except TemplateSyntaxError as exc:
        name = exc.filename or exc.name or ENTRY
        raise TemplateError(f"{name}:{exc.lineno}: template syntax error: {exc.message}") from None
    except TemplateNotFound as exc:
        raise TemplateError(f"template '{exc.name}' not found in the templates folder") from None
    except Exception as exc:
        raise TemplateError(_describe(exc, lang)) from None
    return tidy(text)


def _describe(exc: Exception, lang: str) -> str:
    """Name the template file and line an exception was raised at."""
    where = ENTRY
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            where = f"{frame.filename}:{frame.lineno}"
            break
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if type(exc).__name__ == "SecurityError":
        message = f"not allowed in a template ({message})"
    return f"{where}: {message}"


def tidy(text: str) -> str:
    """Trim trailing spaces that are not hard breaks, squeeze blank lines, end with one newline."""
    lines = []
    for line in text.split("\n"):
        stripped = line.rstrip()
        lines.append(line if line.endswith("  ") and stripped else stripped)
    joined = "\n".join(lines)
    joined = re.sub(r"\n{3,}", "\n\n", joined)
    return joined.strip("\n") + "\n"


def write_document(path: Path, text: str) -> None:
    """Write the document atomically (an earlier version stays intact on failure)."""
    atomic_write_text(Path(path), text)
