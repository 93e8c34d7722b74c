"""One row of the price form: the shared shape between the pricing model, the document's price
table, the spreadsheet bidders fill in and the evaluation that reads it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

RowKind = Literal["unit", "fixed", "oneoff", "option"]
"""``unit``: a price per billable unit (hour, contact, minute); ``fixed``: a recurring fee
(per month); ``oneoff``: start-up or exit assistance; ``option``: priced but evaluated only
with the weight stated in advance (0 when not evaluated)."""

QuantitySource = Literal["scenario", "bidder"]
"""``scenario``: the client's figure, fixed in the form; ``bidder``: the bidder states it
(hours or FTE-months of its binding staffing plan, hours of a transition plan), and
``quantity`` then holds the client's own estimate, used only for worked examples."""


@dataclass(frozen=True)
class PriceRow:
    """A row bidders price.

    ``id`` is stable across languages and versions (``phone.per_hour``, ``startup``): the
    spreadsheet keeps it in a hidden column and the evaluation finds rows by it, never by
    position. ``quantity`` is the number of ``unit`` over the whole evaluation period, so the
    row's contribution to the evaluation price is ``price * quantity * weight``.
    """

    id: str
    kind: RowKind
    channel: str | None
    text: str
    unit: str
    quantity: float
    weight: float = 1.0
    source: QuantitySource = "scenario"

    @property
    def evaluated(self) -> bool:
        """Whether the row counts in the evaluation price at all (a bidder-stated quantity
        always may, whatever the client's estimate)."""
        return self.weight > 0 and (self.quantity > 0 or self.source == "bidder")
