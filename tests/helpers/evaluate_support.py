"""The evaluate tests' example tender, worked out by hand, and filling its forms as bidders do.

Shared by ``tests/evaluate`` (in-process) and ``tests/e2e/test_evaluate_*`` (through the
installed ``cc-rfp``): the example answers with the volumes, options and criteria set below,
so every quantity is known by hand, what four bidders type into their forms, and the
arithmetic each figure of the report is checked against.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml_data
from openpyxl import load_workbook

from cc_rfp.forms import price_form as pf
from cc_rfp.forms.compliance import COL_ANSWER
from cc_rfp.i18n.numbers import format_number
from tests.conftest import EXAMPLE
from tests.helpers.forms_support import row_of

# ------------------------------------------------------------------ the tender, by hand

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
EMAIL = 36 * 1_000  # 1,000 e-mails a month over the 36-month contract
CHAT = 36 * 500
OPTION = 3 * 2_000  # extra language: 2,000 contacts a year, 3 years, weighted 50 %
SOLUTION, TRANSITION = 2_000_000, 1_000_000  # SEK at full score (value-added model)

OVERRIDES: dict[str, Any] = {
    "contract_months": 36,
    "scenario_period": "contract_period",
    "volume_email": dict.fromkeys(MONTHS, 1_000),
    "volume_chat": dict.fromkeys(MONTHS, 500),
    "price_unit_phone": "per_hour",
    "price_unit_email": "per_contact",
    "price_unit_chat": "per_contact",
    "pricing_extras": ["management_fee"],
    "start_up_pricing": "fixed_price",
    "exit_pricing": "fixed_price",
    "price_options": [
        {"option": "extra_language", "unit": "per_contact", "quantity": 2_000, "weight": 50},
        {"option": "extended_hours", "unit": "per_hour", "quantity": 500, "weight": 0},
    ],
    "evaluation_basis": "price_and_quality",
    "evaluation_model": "value_added",
    "quality_criteria": [
        {"criterion": "Lösning", "value_sek": SOLUTION},
        {"criterion": "Övergång", "value_sek": TRANSITION},
    ],
    "tie_break": "quality_then_lot",
    "bid_deadline": "2027-01-29",
    "bid_deadline_time": "12:00",
}


def write_answers(folder: Path, overrides: dict[str, Any] = OVERRIDES) -> Path:
    data = yaml_data.load(EXAMPLE.read_text(encoding="utf-8"))
    data["answers"].update(overrides)
    path = folder / "answers.yaml"
    path.write_text(yaml_data.dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# What each bidder types (norr as text, the others as numbers) and what it means.
NORR_TYPED = {
    "phone.per_hour": "412,50 kr",
    "email.per_contact": "38,00",
    "chat.per_contact": "41,25 kr",
    "management_fee": "85 000:-",
    "startup": "350 000 kr",
    "exit": "SEK 120 000",
    "option.1": "45,50",
}
NORR = {
    "phone.per_hour": 412.50,
    "email.per_contact": 38.00,
    "chat.per_contact": 41.25,
    "management_fee": 85_000,
    "startup": 350_000,
    "exit": 120_000,
    "option.1": 45.50,
}
SYD = {
    "phone.per_hour": 398.00,
    "email.per_contact": 36.50,
    "chat.per_contact": 39.00,
    "management_fee": 70_000,
    "startup": 250_000,
    "exit": 100_000,
    "option.1": 44.00,
}
VAST = dict.fromkeys(SYD, 10.0)
PLAN = {"norr": 30_000, "syd": 20_000, "vast": 30_000, "sen": 30_000}
SYD_EMAIL_TYPED = 30_000  # syd overwrites the e-mail quantity

NORR_AMOUNTS = {
    "phone.per_hour": 412.50 * 30_000,  # 12,375,000
    "email.per_contact": 38.00 * EMAIL,  # 1,368,000
    "chat.per_contact": 41.25 * CHAT,  # 742,500
    "management_fee": 85_000 * 36,  # 3,060,000
    "startup": 350_000,
    "exit": 120_000,
    "option.1": 45.50 * OPTION * 0.5,  # 136,500
}
SYD_AMOUNTS = {
    "phone.per_hour": 398.00 * 20_000,  # 7,960,000
    "email.per_contact": 36.50 * EMAIL,  # 1,314,000
    "chat.per_contact": 39.00 * CHAT,  # 702,000
    "management_fee": 70_000 * 36,  # 2,520,000
    "startup": 250_000,
    "exit": 100_000,
    "option.1": 44.00 * OPTION * 0.5,  # 132,000
}
EP_NORR = 18_152_000.0
EP_SYD = 12_978_000.0
SYD_OWN_TOTAL = EP_SYD - 36.50 * (EMAIL - SYD_EMAIL_TYPED)  # with its own quantity: 12,759,000

# Scores (evaluator A, evaluator B) per criterion; the mean counts.
SCORES = {
    "norr": {"Lösning": (5, 4), "Övergång": (4, 4)},
    "syd": {"Lösning": (2, 5), "Övergång": (3, 3)},
}
DEDUCTION_NORR = SOLUTION * 4.5 / 5 + TRANSITION * 4 / 5  # 2,600,000
DEDUCTION_SYD = SOLUTION * 3.5 / 5 + TRANSITION * 3 / 5  # 2,000,000
J_NORR = EP_NORR - DEDUCTION_NORR  # 15,552,000
J_SYD = EP_SYD - DEDUCTION_SYD  # 10,978,000


def sek(value: float, decimals: int = 0) -> str:
    return format_number(value, "sv", decimals)


# ------------------------------------------------------------------ filling as bidders do


def fill_price_form(
    blank: Path,
    target: Path,
    prices: dict[str, Any],
    plan: Any,
    *,
    name: str,
    quantities: dict[str, Any] | None = None,
    own_total: float | None = None,
) -> None:
    book = load_workbook(blank)
    sheet = book["Prisbilaga"]
    sheet[pf.BIDDER_CELL] = name
    for row_id, value in prices.items():
        sheet[f"{pf.COL_PRICE}{row_of(sheet, row_id)}"] = value
    for row_id, value in (quantities or {}).items():
        sheet[f"{pf.COL_QUANTITY}{row_of(sheet, row_id)}"] = value
    if own_total is not None:  # what the bidder's application stored as the computed total
        for number in range(1, sheet.max_row + 1):
            if sheet[f"{pf.COL_TEXT}{number}"].value == "Summa":
                sheet[f"{pf.COL_AMOUNT}{number}"] = own_total
    plan_sheet = book["Bemanningsplan"]
    plan_sheet[f"{pf.PLAN_QUANTITY}{row_of(plan_sheet, 'phone.per_hour')}"] = plan
    book.save(target)


def fill_matrix(blank: Path, target: Path, answers: dict[str, str], default: str = "Ja") -> None:
    book = load_workbook(blank)
    sheet = book["Kravmatris"]
    for number in range(7, sheet.max_row + 1):
        req = sheet[f"A{number}"].value
        if req:
            sheet[f"{COL_ANSWER}{number}"] = answers.get(req, default)
    book.save(target)
