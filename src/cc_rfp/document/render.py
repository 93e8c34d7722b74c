"""Render the tender specification: sandboxed Jinja2 templates over the Doc view.

The templates are content that non-programmers customise, so they run in Jinja2's sandbox
with StrictUndefined (a typo is an error, never a silent gap), and any failure is reported as
one line naming the template file and line.
"""

from __future__ import annotations

import re
import traceback
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any

from cc_rfp.core import bilingual
from cc_rfp.core.answers import Answers
from cc_rfp.core.bank import Bank
from cc_rfp.document import catalog, mdtext
from cc_rfp.document.view import Doc, DocView, plain
from cc_rfp.errors import CcRfpError, InputError, TemplateError
from cc_rfp.io import resources
from cc_rfp.io.atomic import atomic_write_text
from cc_rfp.io.yamlio import load_yaml_file

ENTRY = "spec.md.j2"
STRINGS = "strings.yaml"
MESSAGE_CHARS = 300
"""A template error quotes at most this much of the underlying message (one readable line)."""


def load_strings(lang: str, templates_dir: Path | None = None) -> dict[str, str]:
    """The phrase table ``s`` for ``lang``: the catalogue's ``common.*`` entries, a user
    folder's old-style strings.yaml overriding them."""
    strings = catalog.load(resources.templates_dir(), templates_dir).strings(lang)
    if templates_dir is not None:
        catalog.ensure_inside(templates_dir / STRINGS, templates_dir)
    if templates_dir is not None and (templates_dir / STRINGS).is_file():
        extra, _ = load_yaml_file(templates_dir / STRINGS, what="strings file")
        if not isinstance(extra, dict) or not isinstance(extra.get(lang, {}), dict):
            raise InputError(f"{templates_dir / STRINGS}: must map sv and en to phrase tables")
        strings.update({str(k): str(v) for k, v in (extra.get(lang) or {}).items()})
    return strings


@lru_cache(maxsize=4)
def _environment(templates_dir: Path | None, lang: str | None = None) -> Any:
    """One environment per templates folder (and language, for a user folder), so compiled
    templates are reused.

    The environment is ``sandbox.SafeEnvironment``: a templates folder may come from someone
    else, so templates reach only the ``DocView`` and ``Text`` methods and plain data, and their
    work is bounded (see ``sandbox.TEMPLATE_LIMITS``). A name X resolves to ``DIR/{lang}/X``,
    then ``DIR/X``, then the built-in X; an old-layout name ``{lang}/X`` resolves like X.
    """
    from jinja2 import StrictUndefined

    from cc_rfp.core.sandbox import TEMPLATE_LIMITS, SafeEnvironment
    from cc_rfp.document import unknowns

    folders = []
    if templates_dir is not None:
        if not templates_dir.is_dir():
            raise InputError(f"--templates {templates_dir}: not a folder of templates")
        folders += [templates_dir / str(lang), templates_dir]
    folders.append(resources.templates_dir())
    from cc_rfp.io import cache  # built-in templates' bytecode, kept between runs

    env = SafeEnvironment(
        bytecode_cache=cache.template_cache(resources.templates_dir()),
        limits=TEMPLATE_LIMITS,
        exposed={
            DocView: DocView.exposed,
            catalog.Text: catalog.Text.exposed,
            unknowns.GuardedText: unknowns.GuardedText.exposed,
        },
        loader=_loader(folders, lang),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=mdtext.inline, cell=mdtext.cell, block=mdtext.block, num=_num, pct=_pct)
    env.guard_functions()
    return env


_CURRENT_VIEW: ContextVar[DocView | None] = ContextVar("cc_rfp_current_view", default=None)
"""The document view of the render in progress, for the ``num`` and ``pct`` filters.

The filters do not look ``doc`` up in the template's context: a template may rebind that
name, and the filters run outside the sandbox.
"""


def _view() -> DocView:
    view = _CURRENT_VIEW.get()
    if view is None:
        raise RuntimeError("the num and pct filters work only while a document is rendered")
    return view


def _num(value: Any, decimals: int | None = None) -> str:
    """A number in the document's language (the ``num`` filter)."""
    return _view().num(value, decimals)


def _pct(value: Any, decimals: int | None = None) -> str:
    """A percentage in the document's language (the ``pct`` filter)."""
    return _view().pct(value, decimals)


def _loader(folders: list[Path], lang: str | None) -> Any:
    """Look a name up in each folder in turn, never outside it (``sandbox.ContainedLoader``).

    An old-layout name (``en/parts/X``, from a folder written for the two-tree layout) is
    also tried as ``parts/X``.
    """
    from jinja2 import BaseLoader, TemplateNotFound

    from cc_rfp.core.sandbox import ContainedLoader

    class Loader(BaseLoader):
        def __init__(self) -> None:
            self.loaders = [ContainedLoader(str(folder)) for folder in folders]

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


def staffing_context(
    bank: Bank,
    answers: Answers,
    lang: str,
    doc: Doc | None = None,
    voice: str | None = None,
) -> dict[str, Any]:
    """The staffing annex data (``available`` false and ``missing`` listed when figures lack).

    A figure the staffing cannot use costs only its part of the annex, which says why; the
    same sentence goes to stderr as one line each so the consultant sees it without reading
    the annex. With ``doc`` the statements name questions by the document's labels, never by
    bank id; ``voice="tender"`` phrases them as the buyer's non-binding estimate, without the
    advice to the buyer that the terminal report and the memo give.
    """
    import sys

    from cc_rfp.staffing.result import NOT_IN_TENDER, QUESTION_LABEL, phrase
    from cc_rfp.staffing.week import build_plan

    try:
        plan = build_plan(bank, answers, lang=lang)
    except Exception as exc:  # a last guard: the annex says so, the document is still made
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"cc-rfp: staffing annex not computed: {reason}", file=sys.stderr)
        return {"available": False, "missing": [reason]}
    for finding in plan.figures.unusable:
        line = phrase(finding, lang, plan.labels)
        print(f"cc-rfp: staffing annex: {line}", file=sys.stderr)
    data = plan.to_dict(intervals=False)  # the templates never show the interval rows
    if doc is None:
        return data
    labels = dict(plan.labels)
    labels.update({QUESTION_LABEL + qid: doc.short_label(qid) for qid in bank.questions})
    for key, found in (
        ("findings", plan.findings),
        ("checks", plan.checks),
        ("assumptions", plan.assumptions),
    ):
        data[key] = [
            f.to_dict(lang, labels, voice)
            for f in found
            if not (voice == "tender" and f.code in NOT_IN_TENDER)
        ]
    data["missing"] = [_without_id(item, bank) for item in data.get("missing", [])]
    return data


def _without_id(item: str, bank: Bank) -> str:
    """A missing figure's line without the bank id the terminal shows ("… (volume_phone)")."""
    head, sep, tail = item.rpartition(" (")
    return head if sep and tail.endswith(")") and tail[:-1] in bank.questions else item


def missing_buyer_facts(bank: Bank, answers: Answers, lang: str) -> list[dict[str, str]]:
    """The buyer-only facts a final tender still lacks (id, question, label, status, note)."""
    return _doc(bank, answers, lang, None, "bidders").missing_buyer_facts


def _doc(
    bank: Bank,
    answers: Answers,
    lang: str,
    templates_dir: Path | None,
    audience: str,
    local: bilingual.Localized | None = None,
) -> Doc:
    """The document view with the catalogue's short labels (for sentences about gaps).

    ``local`` is ``answers`` with bilingual texts reduced to ``lang`` (made here if not given).
    """
    if local is None:
        local = bilingual.localize(bank, answers, lang)
    entries = catalog.load(resources.templates_dir(), templates_dir).entries
    doc = Doc(bank, local.answers, lang, load_strings(lang, templates_dir), audience)
    doc.written_in = local.written_in  # the languages before ``local`` reduced the texts
    doc.labels = {
        key[len("label.") :]: mdtext.inline(texts[lang])
        for key, texts in entries.items()
        if key.startswith("label.") and key.count(".") == 1 and lang in texts
    }
    return doc


def render_document(
    bank: Bank,
    answers: Answers,
    *,
    lang: str,
    templates_dir: Path | None = None,
    draft: bool = False,
    entry: str = ENTRY,
    audience: str = "bidders",
) -> str:
    """The whole specification as Markdown text.

    A missing buyer-only fact makes the document a draft whatever ``draft`` says: it then
    carries the draft marking and the list, so it can never pass for a final tender. ``entry``
    and ``audience`` make the internal memo from the same machinery (``render_memo``).
    """
    from jinja2 import TemplateNotFound, TemplateSyntaxError

    from cc_rfp.core.sandbox import TEMPLATE_LIMITS, budget
    from cc_rfp.document import unknowns

    builtin = resources.templates_dir()
    try:
        text_layer = catalog.Text(
            catalog.load(builtin, templates_dir), catalog.load_outline(builtin, templates_dir), lang
        )
    except TemplateError as exc:
        raise TemplateError(f"{entry}: {exc}") from None
    # A bilingual free-text answer becomes the text in ``lang`` (else the other) before
    # anything reads it: the view, the staffing plan, the checks and the memo see strings.
    local = bilingual.localize(bank, answers, lang)
    answers = local.answers
    doc = _doc(bank, answers, lang, templates_dir, audience, local)
    strings = doc.s
    view = DocView(doc)
    env = _environment(templates_dir, lang if templates_dir is not None else None)
    voice = None if audience == "memo" else "tender"
    staffing = plain(staffing_context(bank, answers, lang, doc, voice))
    from cc_rfp.core import contradictions
    from cc_rfp.document.memo import consistency_checked

    extra: dict[str, Any] = {
        "checked": consistency_checked(
            staffing, contradictions.find(bank, answers, lang, doc.answer_state)
        ),
        "counts": dict(COUNT_MARKERS),
    }
    if audience == "memo":
        from cc_rfp.document.memo import memo_data

        extra["memo"] = plain(memo_data(bank, answers, lang, doc, staffing))
    token = _CURRENT_VIEW.set(view)
    text_globals = text_layer.globals()
    text_globals["t"] = unknowns.GuardedText(text_layer.t).t
    draft_facts = plain(doc.missing_buyer_facts)
    try:
        with budget(TEMPLATE_LIMITS):
            template = env.get_template(entry)
            text = template.render(
                doc=view,
                s=dict(strings),
                lang=lang,
                staffing=staffing,
                draft=bool(draft or draft_facts),
                draft_facts=draft_facts,
                **extra,
                **text_globals,
            )
            phrases = unknowns.Phrases(
                inline=lambda i: doc.missing_phrase(i),
                sentence=lambda i: doc.missing_phrase(i, sentence=True),
                kind=lambda i: "internal" if doc.hidden(bank.order[i]) else "shown",
            )
            text = unknowns.resolve(text, phrases)
            text = fill_counts(text, strings)
    except TemplateSyntaxError as exc:
        name = exc.filename or exc.name or ENTRY
        raise TemplateError(f"{name}:{exc.lineno}: template syntax error: {exc.message}") from None
    except TemplateNotFound as exc:
        raise TemplateError(f"template '{exc.name}' not found in the templates folder") from None
    except catalog.TextError as exc:
        raise TemplateError(_describe(exc, lang)) from None
    except CcRfpError:
        raise
    except Exception as exc:
        raise TemplateError(_describe(exc, lang)) from None
    finally:
        _CURRENT_VIEW.reset(token)
    return tidy(text)


COUNT_MARKERS = {"total": "\ue010", "mandatory": "\ue011", "desirable": "\ue012"}
"""What a template prints for ``counts.total`` etc.: filled in once the whole page exists."""


def fill_counts(text: str, strings: dict[str, str]) -> str:
    """Replace the requirement-count markers with the numbers of requirements the page has.

    The count of requirements is known only once every part is rendered, yet part 1 states
    it; so part 1 prints markers and the numbers are those of the labels ``req(level)``
    wrote (``**R3 (mandatory)**``), the same the compliance matrix reads back.
    """
    if not any(marker in text for marker in COUNT_MARKERS.values()):
        return text
    prefix = re.escape(strings["req_prefix"])
    levels = {"mandatory": strings["level_mandatory"], "desirable": strings["level_desirable"]}
    counts = {
        level: len(re.findall(rf"\*\*{prefix}\d+ \({re.escape(word)}\)\*\*", text))
        for level, word in levels.items()
    }
    counts["total"] = counts["mandatory"] + counts["desirable"]
    for key, marker in COUNT_MARKERS.items():
        text = text.replace(marker, str(counts[key]))
    return text


MEMO_ENTRY = "memo.md.j2"


def render_memo(
    bank: Bank, answers: Answers, *, lang: str, templates_dir: Path | None = None
) -> str:
    """The internal memo for the buyer and the consultant, as Markdown.

    Made by the same machinery as the tender (text catalogue, outline, unknown markers) with
    the ``memo`` audience, so internal answers are shown, and with the memo's figures
    (``cc_rfp.document.memo``). Bidders never get it: ``cc-rfp package`` names it internal.
    """
    return render_document(
        bank, answers, lang=lang, templates_dir=templates_dir, entry=MEMO_ENTRY, audience="memo"
    )


def _describe(exc: Exception, lang: str) -> str:
    """Name the template file and line an exception was raised at."""
    where = ENTRY
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            where = f"{frame.filename}:{frame.lineno}"
            break
    from jinja2.exceptions import SecurityError

    from cc_rfp.core.sandbox import LimitExceeded

    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if len(message) > MESSAGE_CHARS:
        message = message[: MESSAGE_CHARS - 1] + "…"
    if isinstance(exc, RecursionError):
        message = "macros or includes call each other too deeply (a recursion that never ends?)"
    elif isinstance(exc, MemoryError):
        message = "ran out of memory (the template makes too large a value)"
    elif isinstance(exc, LimitExceeded):
        message = f"template stopped: {message}"
    elif isinstance(exc, SecurityError):
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


def write_document(path: Path | str, text: str) -> None:
    """Write the document safely: atomically to a file, directly to a device, ``-`` = stdout.

    An earlier version stays intact on failure; see :mod:`cc_rfp.io.atomic`.
    """
    atomic_write_text(path, text)
