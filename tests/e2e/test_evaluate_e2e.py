"""cc-rfp evaluate end to end: the forms written, filled as bidders would, read back, ranked.

Four bidders answer the example tender (with its volumes, options and criteria set here so
every quantity is known by hand):

- ``norr`` types every price as Swedish text ("412,50 kr", "85 000:-");
- ``syd`` changes a quantity in its form and writes its own (therefore wrong) total, and
  plans fewer phone hours than the buyer's estimate of the minimum staffing;
- ``vast`` answers "Nej" to a mandatory requirement;
- ``sen`` is on time in every cell but arrives five minutes after the deadline.

Every figure of the report is checked against the arithmetic written out in
``tests/helpers/evaluate_support.py`` (where ``tests/evaluate/test_evaluate_tender.py`` checks
that it adds up and that the tender has its quantities).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from cc_rfp.core.answers import load_answers
from cc_rfp.core.bank import load_bank
from cc_rfp.evaluate.tender import load_tender, write_blank_forms
from tests.conftest import assert_one_line_error, run_cli
from tests.helpers.evaluate_support import (
    DEDUCTION_NORR,
    DEDUCTION_SYD,
    EP_NORR,
    EP_SYD,
    J_NORR,
    J_SYD,
    NORR,
    NORR_AMOUNTS,
    NORR_TYPED,
    PLAN,
    SCORES,
    SOLUTION,
    SYD,
    SYD_AMOUNTS,
    SYD_EMAIL_TYPED,
    SYD_OWN_TOTAL,
    TRANSITION,
    VAST,
    fill_matrix,
    fill_price_form,
    sek,
    write_answers,
)

# ------------------------------------------------------------------ the bids


def make_bids(root: Path, blank_prices: Path, blank_matrix: Path, mandatory: str) -> Path:
    bids = root / "bids"
    for key in ("norr", "syd", "vast", "sen"):
        (bids / key).mkdir(parents=True)
    fill_price_form(
        blank_prices,
        bids / "norr" / "prisbilaga.xlsx",
        NORR_TYPED,
        "30 000",
        name="Norr Kundservice AB",
    )
    fill_price_form(
        blank_prices,
        bids / "syd" / "Pris-Syd.xlsx",
        SYD,
        PLAN["syd"],
        name="Syd Kontakt AB",
        quantities={"email.per_contact": SYD_EMAIL_TYPED},
        own_total=SYD_OWN_TOTAL,
    )
    fill_price_form(blank_prices, bids / "vast" / "prisbilaga.xlsx", VAST, 30_000, name="Väst AB")
    fill_price_form(blank_prices, bids / "sen" / "prisbilaga.xlsx", VAST, 30_000, name="Sen AB")
    fill_matrix(blank_matrix, bids / "norr" / "kravmatris.xlsx", {})
    fill_matrix(blank_matrix, bids / "syd" / "Kravmatris Syd.xlsx", {})
    fill_matrix(blank_matrix, bids / "vast" / "kravmatris.xlsx", {mandatory: "Nej"})
    fill_matrix(blank_matrix, bids / "sen" / "kravmatris.xlsx", {})
    receipts = {
        "norr": "2027-01-29 11:30",
        "syd": "2027-01-28 16:00",
        "vast": "2027-01-29 11:59",
        "sen": "2027-01-29 12:05",
    }
    for key, when in receipts.items():
        (bids / key / "bid.yaml").write_text(f"received: {when}\n", encoding="utf-8")
    return bids


def write_scores(path: Path) -> Path:
    rows = []
    for bid, by in SCORES.items():
        for criterion, pair in by.items():
            for evaluator, score in zip(("Anna", "Björn"), pair, strict=True):
                rows.append(
                    {
                        "bid": bid,
                        "criterion": criterion,
                        "evaluator": evaluator,
                        "score": score,
                        "justification": f"{evaluator} om {bid}: motivering till {score}",
                    }
                )
    path.write_text(yaml.safe_dump({"scores": rows}, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("evaluate")
    answers_path = write_answers(root)
    tender = load_tender(load_bank(None), load_answers(answers_path), "sv")
    prices, matrix = write_blank_forms(tender, root / "blank")
    mandatory = tender.mandatory[2]
    bids = make_bids(root, prices, matrix, mandatory.id)
    scores = write_scores(root / "scores.yaml")
    return {
        "root": root,
        "answers": answers_path,
        "tender": tender,
        "bids": bids,
        "scores": scores,
        "mandatory": mandatory,
    }


@pytest.fixture(scope="module")
def report(setup: dict[str, Any]) -> tuple[str, str]:
    before = {p: p.read_bytes() for p in setup["bids"].rglob("*") if p.is_file()}
    out = setup["root"] / "report.md"
    result = run_cli(
        "evaluate",
        str(setup["answers"]),
        str(setup["bids"]),
        "--scores",
        str(setup["scores"]),
        "-o",
        str(out),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    after = {p: p.read_bytes() for p in setup["bids"].rglob("*") if p.is_file()}
    assert after == before, "a bidder's file was changed"
    return out.read_text(encoding="utf-8"), result.stderr


# ------------------------------------------------------------------ the checks


def test_bids_received_and_qualification(setup: dict[str, Any], report: tuple[str, str]) -> None:
    text, stderr = report
    assert "4 anbud: 2 kvalificerade, 2 förkastade, 0 kan inte utvärderas ännu" in stderr
    assert "vinnare: Syd Kontakt AB" in stderr
    assert "4 anbud har kommit in: 2 kvalificerade, 2 förkastade" in text
    assert (
        "| norr | Norr Kundservice AB | 2027-01-29 11:30 | prisbilaga.xlsx | kravmatris.xlsx |"
        in text
    )
    assert (
        "| syd | Syd Kontakt AB | 2027-01-28 16:00 | Pris-Syd.xlsx | Kravmatris Syd.xlsx |" in text
    )
    label = setup["mandatory"].label
    vast = next(line for line in text.splitlines() if line.startswith("| Väst AB | Förkastat |"))
    assert f"ska-krav {label} är besvarat ”Nej”" in vast
    late = next(line for line in text.splitlines() if line.startswith("| Sen AB | Förkastat |"))
    assert "kom in 2027-01-29 12:05, efter sista anbudstid 2027-01-29 12:00" in late
    assert "| Norr Kundservice AB | Kvalificerat | – |" in text
    assert "| Syd Kontakt AB | Kvalificerat | – |" in text


def test_clarification_questions_not_silent_fixes(
    setup: dict[str, Any], report: tuple[str, str]
) -> None:
    text, _ = report
    questions = text.split("### Frågor att ställa till anbudsgivarna")[1].split("###")[0]
    syd = questions.split("**Syd Kontakt AB**")[1]
    # the changed quantity, with its cell, and the tender's figure used instead
    assert "Pris-Syd.xlsx" in syd and "30000" in syd.replace("\u00a0", "").replace(" ", "")
    assert "Utvärderingen använder underlagets siffror" in syd
    # its own total against the recomputed one
    assert f"{sek(SYD_OWN_TOTAL, 2)} kr" in syd and f"{sek(EP_SYD, 2)} kr" in syd
    # the staffing plan below the estimated minimum
    minimum = sek(setup["tender"].minimum["phone.per_hour"])
    assert (
        "Bemanningsplanen för Telefon: Bemannad timme enligt bemanningsplanen "
        f"är {sek(PLAN['syd'])}," in syd
    )
    assert f"lägsta bemanning för servicenivån ({minimum})" in syd
    assert "**Norr Kundservice AB**" not in questions
    notes = text.split("### Noteringar")[1].split("###")[0]
    assert "Priser skrivna som text lästes som tal" in notes.split("**Norr Kundservice AB**")[1]


def test_every_evaluation_price_row_matches_the_hand_calculation(report: tuple[str, str]) -> None:
    text, _ = report
    section = text.split("## 3. Utvärderingspriser")[1].split("## 4.")[0]
    for name, prices, amounts, total in (
        ("Norr Kundservice AB", NORR, NORR_AMOUNTS, EP_NORR),
        ("Syd Kontakt AB", SYD, SYD_AMOUNTS, EP_SYD),
    ):
        table = section.split(f"**{name}**")[1].split("**Utvärderingspris**")[0]
        for row_id, amount in amounts.items():
            line = f"| {sek(prices[row_id], 2)} | {sek(amount, 2)} |"
            assert line in table, (name, row_id, line)
            quantity = {"phone.per_hour": PLAN[name.split()[0].lower()]}.get(row_id)
            if quantity is not None:
                line = f"| {sek(quantity)} ᵖ | 1 | {sek(prices[row_id], 2)} |"
            assert line in table, (name, row_id, line)
        assert f"**{sek(total, 2)}**" in section.split(f"**{name}**")[1].split("\n\n")[1]
    assert "Väst AB" not in section and "Sen AB" not in section


def test_scores_with_justifications_and_means(report: tuple[str, str]) -> None:
    text, _ = report
    section = text.split("## 4. Kvalitetspoäng")[1].split("## 5.")[0]
    assert "| Syd Kontakt AB | Björn | 5 | Björn om syd: motivering till 5 |" in section
    assert "| **Norr Kundservice AB** | **Medelvärde** | **4,5** | |" in section
    assert "| **Syd Kontakt AB** | **Medelvärde** | **3,5** | |" in section


def test_comparison_figures_ranking_and_chart(report: tuple[str, str]) -> None:
    text, _ = report
    section = text.split("## 5. Jämförelsetal och rangordning")[1].split("## 6.")[0]
    assert (
        f"| 1 | Syd Kontakt AB | {sek(EP_SYD)} | {sek(DEDUCTION_SYD)} | {sek(J_SYD)} |" in section
    )
    assert (
        f"| 2 | Norr Kundservice AB | {sek(EP_NORR)} | {sek(DEDUCTION_NORR)} | {sek(J_NORR)} |"
        in section
    )
    chart = section.split("```text")[1].split("```")[0].strip().splitlines()
    bars = {line.split()[0]: line.count("█") for line in chart}
    assert bars["Norr"] == 40 and bars["Syd"] == round(40 * J_SYD / J_NORR)
    assert "Kortare stapel är bättre" in section


def test_the_checks(report: tuple[str, str]) -> None:
    text, _ = report
    checks = text.split("## 6. Kontroller")[1].split("## 7.")[0]
    assert "| Syd Kontakt AB | Norr Kundservice AB |" in checks  # removing the winner
    assert "| Norr Kundservice AB | Syd Kontakt AB |" in checks
    assert "Vinnaren är densamma vilket anbud som än tas bort" in checks
    # one SEK value alone: norr's lead in quality is 1 step on each criterion, so the gap
    # of J_NORR - J_SYD closes at 0.2 SEK per SEK of the criterion's value
    gap = J_NORR - J_SYD
    assert (
        f"| Högsta värde (kr): Lösning | {sek(SOLUTION)} | {sek(SOLUTION + gap / 0.2)} |" in checks
    )
    assert (
        f"| Högsta värde (kr): Övergång | {sek(TRANSITION)} | {sek(TRANSITION + gap / 0.2)} |"
        in checks
    )
    assert f"| Vinnarens utvärderingspris (kr) | {sek(EP_SYD)} | {sek(EP_SYD + gap)} |" in checks
    # volume levels: per-unit rows scale, fixed ones do not
    unit = ("phone.per_hour", "email.per_contact", "chat.per_contact")
    for level in (0.9, 1.2):
        norr = sum(a * (level if k in unit else 1) for k, a in NORR_AMOUNTS.items())
        syd = sum(a * (level if k in unit else 1) for k, a in SYD_AMOUNTS.items())
        assert norr - DEDUCTION_NORR > syd - DEDUCTION_SYD
    assert "| 90 % | Syd Kontakt AB | Syd Kontakt AB, Norr Kundservice AB |" in checks
    assert "| 120 % | Syd Kontakt AB |" in checks
    assert "Vinnaren är densamma vid alla tre volymnivåerna." in checks
    # Anna 2 and Björn 5 on syd's solution: three steps apart
    assert "| Syd Kontakt AB | Lösning | Anna 2 | Björn 5 | 3 |" in checks


def test_the_draft_award_decision(report: tuple[str, str]) -> None:
    text, _ = report
    award = text.split("## 7. Förslag till tilldelningsbeslut")[1]
    assert "Nordlys Hem AB beslutar att tilldela Syd Kontakt AB kontraktet" in award
    assert f"lägst jämförelsetal, {sek(J_SYD)} kronor" in award
    assert (
        f"utvärderingspris {sek(EP_SYD)} kronor, kvalitetsavdrag {sek(DEDUCTION_SYD)} kronor"
        in award
    )
    assert "av 2 kvalificerade anbud" in award
    assert (
        f"Närmast kommer Norr Kundservice AB, {sek(J_NORR - J_SYD)} kronor från vinnaren." in award
    )
    assert "- Väst AB: ska-krav" in award and "- Sen AB: kom in" in award


def test_word_and_pdf_through_the_package_pipeline(setup: dict[str, Any]) -> None:
    from docx import Document
    from pypdf import PdfReader

    for suffix in ("docx", "pdf"):
        out = setup["root"] / f"report.{suffix}"
        result = run_cli(
            "evaluate",
            str(setup["answers"]),
            str(setup["bids"]),
            "--scores",
            str(setup["scores"]),
            "-o",
            str(out),
            timeout=180,
        )
        assert result.returncode == 0, result.stderr
        if suffix == "docx":
            body = "\n".join(p.text for p in Document(str(out)).paragraphs)
            assert "Förslag till tilldelningsbeslut" in body
        else:
            body = "\n".join(page.extract_text() for page in PdfReader(str(out)).pages)
            assert "tilldelningsbeslut" in body


def test_a_report_may_not_be_written_into_the_bids_folder(setup: dict[str, Any]) -> None:
    target = setup["bids"] / "norr" / "report.md"
    result = run_cli(
        "evaluate",
        str(setup["answers"]),
        str(setup["bids"]),
        "--scores",
        str(setup["scores"]),
        "-o",
        str(target),
    )
    line = assert_one_line_error(result)
    assert "bids folder" in line and not target.exists()


def test_the_forms_of_cc_rfp_package_are_read_as_this_tender(tmp_path: Path) -> None:
    """The package command writes the forms bidders get: reading them finds no other tender."""
    answers = write_answers(tmp_path)
    result = run_cli("package", str(answers), "-o", str(tmp_path / "pkg"), "--draft", timeout=300)
    assert result.returncode == 0, result.stderr
    forms = {p.name: p for p in (tmp_path / "pkg").rglob("*.xlsx")}
    bids = tmp_path / "bids"
    (bids / "a").mkdir(parents=True)
    fill_price_form(forms["prisbilaga.xlsx"], bids / "a" / "prisbilaga.xlsx", SYD, 30_000, name="A")
    fill_matrix(forms["kravmatris.xlsx"], bids / "a" / "kravmatris.xlsx", {})
    scores = tmp_path / "scores.yaml"
    scores.write_text(
        yaml.safe_dump(
            {
                "scores": [
                    {
                        "bid": "a",
                        "criterion": n,
                        "evaluator": "X",
                        "score": 3,
                        "justification": "ok",
                    }
                    for n in (1, 2)
                ]
            }
        ),
        encoding="utf-8",
    )
    result = run_cli("evaluate", str(answers), str(bids), "--scores", str(scores))
    assert result.returncode == 0, result.stderr
    assert "1 kvalificerade" in result.stderr, result.stdout
    assert "annan upphandling" not in result.stdout and "other tender" not in result.stdout
    shutil.rmtree(tmp_path / "pkg")
