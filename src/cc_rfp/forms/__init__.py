"""The spreadsheets bidders fill in, and the reader of the files they send back.

- ``price_form.write_price_form``: the price form, rows from the pricing model;
- ``compliance.write_compliance_matrix``: every numbered requirement, answered Ja/Nej;
- ``data_annex.write_data_annex``: the tender's figures (volumes, curves, hours) as data;
- ``read.read_price_form`` / ``read.read_compliance_matrix``: the returned files, read by row
  id, every problem reported with file, sheet and cell, never a traceback.

``workbook.py`` is the layer they share (protection, input cells, hidden ids, metadata).
Nothing here is imported when the CLI starts: openpyxl loads only when a form is made or read.
"""

from __future__ import annotations

from cc_rfp.forms.compliance import write_compliance_matrix
from cc_rfp.forms.data_annex import write_data_annex
from cc_rfp.forms.price_form import write_price_form
from cc_rfp.forms.read import FormProblem, read_compliance_matrix, read_price_form
from cc_rfp.forms.requirements import Requirement, requirements_from_markdown
from cc_rfp.forms.workbook import FormMeta, meta_from_answers

__all__ = [
    "FormMeta",
    "FormProblem",
    "Requirement",
    "meta_from_answers",
    "read_compliance_matrix",
    "read_price_form",
    "requirements_from_markdown",
    "write_compliance_matrix",
    "write_data_annex",
    "write_price_form",
]
