"""``cc-rfp evaluate``: read the bids back, qualify, price, rank, and write the report."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cc_rfp.commands._options import (
    BankOption,
    DocumentOutOption,
    FormatOption,
    LangOption,
    TemplatesOption,
)

DEFAULT_EVALUATORS = "1,2,3"
DEFAULT_BASE_PRICE = 10_000_000.0
"""The dear-and-good fictitious bid's evaluation price in ``--simulate`` (SEK), as the
tender's own worked example uses."""


def evaluate(
    answers: Annotated[Path, typer.Argument(help="The tender's answers file.")],
    bids_dir: Annotated[
        Path | None,
        typer.Argument(help="Folder with one folder per bidder (its price form and matrix)."),
    ] = None,
    scores: Annotated[
        Path | None,
        typer.Option("--scores", help="The evaluation group's scores (.yaml or .xlsx)."),
    ] = None,
    scores_template: Annotated[
        Path | None,
        typer.Option("--scores-template", help="Write an empty scores spreadsheet here and stop."),
    ] = None,
    evaluators: Annotated[
        str,
        typer.Option("--evaluators", help="Evaluators' names for the template, comma-separated."),
    ] = DEFAULT_EVALUATORS,
    simulate: Annotated[
        bool,
        typer.Option("--simulate", help="Run fictitious bids through the published model."),
    ] = False,
    base_price: Annotated[
        float | None,
        typer.Option(
            "--base-price",
            help="--simulate: the dear bid's evaluation price (SEK); default: the tender's own "
            "price form at market prices, as in its worked example.",
        ),
    ] = None,
    out: DocumentOutOption = None,
    fmt: FormatOption = None,
    lang: LangOption = None,
    templates: TemplatesOption = None,
    bank: BankOption = None,
) -> None:
    """Evaluate the bids: qualification, evaluation prices, ranking, checks, award decision."""
    run(
        answers,
        bids_dir,
        scores=scores,
        scores_template=scores_template,
        evaluators=evaluators,
        simulate=simulate,
        base_price=base_price,
        out=out,
        fmt=fmt,
        lang=lang,
        templates=templates,
        bank_path=bank,
    )


def run(
    answers_path: Path,
    bids_dir: Path | None,
    *,
    scores: Path | None = None,
    scores_template: Path | None = None,
    evaluators: str = DEFAULT_EVALUATORS,
    simulate: bool = False,
    base_price: float | None = None,
    out: Path | None = None,
    fmt: str | None = None,
    lang: str | None = None,
    templates: Path | None = None,
    bank_path: Path | None = None,
) -> None:
    from cc_rfp import i18n
    from cc_rfp.core.answers import load_answers
    from cc_rfp.core.bank import load_bank
    from cc_rfp.document.formats import format_for
    from cc_rfp.errors import EXIT_PROBLEMS, InputError
    from cc_rfp.io.atomic import is_stdout, refuse_input_as_output

    chosen = format_for(out, fmt)
    to_stdout = out is None or is_stdout(out)
    if chosen != "md" and to_stdout:
        raise InputError(f"a {chosen} file cannot go to standard output; give one with -o")
    for target in (out if not to_stdout else None, scores_template):
        if target is not None:
            refuse_input_as_output(
                target, answers=answers_path, bank=bank_path, templates=templates
            )
            _refuse_inside(target, bids_dir, scores)
    bank = load_bank(bank_path)
    answers = load_answers(answers_path)
    language = i18n.resolve_lang(lang, answers.language)

    from cc_rfp.evaluate import bids as bd
    from cc_rfp.evaluate import outcome as oc
    from cc_rfp.evaluate import qualify as ql
    from cc_rfp.evaluate import report as rp
    from cc_rfp.evaluate import scores as sc
    from cc_rfp.evaluate.tender import load_tender

    if scores_template is not None:
        _write_template(scores_template, bank, answers, language, bids_dir, evaluators)
        return
    if simulate:
        if bids_dir is not None:
            raise InputError(i18n.t("evaluate.error_simulate_with_bids", language))
        if base_price is None:
            base_price = _market_base_price(bank, answers, language)
        if not base_price > 0:
            raise InputError(i18n.t("evaluate.error_base_price", language, value=base_price))
        tender = load_tender(bank, answers, language, templates, with_requirements=False)
        names = {key: i18n.t(f"evaluate.sim_{key}", language) for key in oc.SIMULATED}
        outcome = oc.simulate(tender, base_price, names)
    else:
        if bids_dir is None:
            raise InputError(i18n.t("evaluate.error_need_bids", language))
        folders = bd.bidder_folders(bids_dir, language)
        tender = load_tender(bank, answers, language, templates)
        if tender.model.needs_scores and scores is None:
            raise InputError(i18n.t("evaluate.error_need_scores", language))
        verdicts = [ql.qualify(bd.read_bid(folder, tender), tender) for folder in folders]
        given = None
        if tender.model.needs_scores:
            assert scores is not None
            names = {v.key: v.name for v in verdicts}
            given = sc.load_scores(scores, tender.model, names, language)
            qualified = {v.key: v.name for v in verdicts if v.status == "qualified"}
            problems = given.problems + sc.missing(given, tender.model, qualified, language)
            if problems:
                for line in problems:
                    print(line, file=sys.stderr)
                print(
                    i18n.t("evaluate.scores_problems", language, count=len(problems)),
                    file=sys.stderr,
                )
                raise typer.Exit(EXIT_PROBLEMS)
        outcome = oc.evaluate(tender, verdicts, given)
    markdown = rp.render_report(outcome, templates)
    _write(markdown, out, chosen, to_stdout, bank, answers, language)
    if not outcome.simulated:
        print(rp.summary(outcome), file=sys.stderr)


def _refuse_inside(target: Path, bids_dir: Path | None, scores: Path | None) -> None:
    """Nothing is written into the bids folder (bidders' files are only read) or over the
    scores file."""
    from cc_rfp.errors import OutputError

    resolved = target.resolve()
    if bids_dir is not None and resolved.is_relative_to(bids_dir.resolve()):
        raise OutputError(
            f"{target}: is inside the bids folder {bids_dir}; bidders' files are only read, "
            "so write the report somewhere else"
        )
    if scores is not None and resolved == scores.resolve():
        raise OutputError(f"{target}: is the scores file given with --scores; choose another name")


def _write_template(
    path: Path, bank: object, answers: object, lang: str, bids_dir: Path | None, evaluators: str
) -> None:
    from cc_rfp import i18n
    from cc_rfp.errors import InputError
    from cc_rfp.evaluate import bids as bd
    from cc_rfp.evaluate.scores import write_template
    from cc_rfp.evaluate.tender import load_tender

    if path.suffix.lower() != ".xlsx":
        raise InputError(i18n.t("evaluate.error_template_suffix", lang, path=path))
    tender = load_tender(bank, answers, lang, with_requirements=False)  # type: ignore[arg-type]
    if not tender.model.needs_scores:
        raise InputError(i18n.t("evaluate.error_no_scores_needed", lang))
    keys = [f.name for f in bd.bidder_folders(bids_dir, lang)] if bids_dir else ["A", "B", "C"]
    names = [n.strip() for n in evaluators.split(",") if n.strip()] or ["1"]
    write_template(path, tender.model, dict.fromkeys(keys, ""), names, lang)
    rows = len(keys) * len(tender.model.criteria) * len(names)
    print(i18n.t("evaluate.template_written", lang, path=path, rows=rows), file=sys.stderr)


def _write(
    markdown: str,
    out: Path | None,
    chosen: str,
    to_stdout: bool,
    bank: object,
    answers: object,
    lang: str,
) -> None:
    from cc_rfp.io.atomic import atomic_write_bytes, atomic_write_text, write_stdout

    if chosen == "md":
        if to_stdout:
            write_stdout(markdown)
            return
        assert out is not None
        atomic_write_text(out, markdown)
        print(f"wrote {out}", file=sys.stderr)
        return
    from cc_rfp.document.convert import convert, cover_for

    assert out is not None
    cover = cover_for(bank, answers, lang, markdown)  # type: ignore[arg-type]
    data = convert(markdown, chosen, cover, lang=lang)
    atomic_write_bytes(out, data, what=f"a {chosen} file")
    print(f"wrote {out} ({max(1, round(len(data) / 1024))} kB)", file=sys.stderr)


def _market_base_price(bank: object, answers: object, lang: str) -> float:
    """Bid A of the tender's worked example: the client's own price rows and scenario
    quantities at the stated market prices (``pricing.example``), so the simulation speaks
    of this tender's money; the guide's round figure when the form cannot be priced yet."""
    from cc_rfp.pricing.example import worked_example

    try:
        dear = worked_example(bank, answers, lang).prices[0]  # type: ignore[arg-type]
    except (ValueError, ArithmeticError, KeyError):
        return DEFAULT_BASE_PRICE
    return dear if dear > 0 else DEFAULT_BASE_PRICE
