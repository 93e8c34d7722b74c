"""Bids back: read the returned forms, qualify the bids, price and rank them, write the report.

- ``tender.py``: what the evaluation compares against (the price-form rows, the numbered
  requirements, the published award model), derived from the answers exactly as the forms
  bidders received were;
- ``bids.py``: one folder per bidder, its files found and read (never written);
- ``scores.py``: the evaluation group's scores (YAML or the spreadsheet the tool writes);
- ``qualify.py``: who qualifies, who does not and why, and the clarification questions;
- ``compute.py``: evaluation prices, comparison figures, ranking with the tie-break, and the
  checks a careful evaluator makes (each bid removed, tipping points, volume levels, spread);
- ``report.py``: the evaluation report and the draft award decision, in the tender's language.

Nothing here is imported when the CLI starts.
"""
