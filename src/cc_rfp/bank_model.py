"""The shape of ``questions.yaml``, as pydantic models.

The bank is product content edited by people, so the models forbid unknown keys (a typo such
as ``reqired`` is an error, not silently ignored) and insist on every language for every
string a user reads.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

LANGUAGES = ("sv", "en")
ID_PATTERN = r"^[a-z][a-z0-9_]*$"

QuestionType = Literal[
    "text",
    "longtext",
    "integer",
    "decimal",
    "percent",
    "choice",
    "multichoice",
    "yesno",
    "date",
    "records",
    "table",
    "hours",
    "kpis",
    "ranking",
]
FieldType = Literal["text", "longtext", "integer", "decimal", "percent", "choice", "yesno"]
TargetKind = Literal["percent", "seconds", "hours", "score"]

NUMERIC_TYPES = {"integer", "decimal", "percent"}
CHOICE_TYPES = {"choice", "multichoice", "ranking"}

TARGET_RANGES: dict[str, tuple[float, float]] = {
    "percent": (0, 100),
    "seconds": (0, 86_400),
    "hours": (0, 24 * 31),
    "score": (-100, 100),
}


def _complete(value: dict[str, str]) -> dict[str, str]:
    missing = [lang for lang in LANGUAGES if not str(value.get(lang, "")).strip()]
    if missing:
        names = " and ".join(f"'{lang}'" for lang in missing)
        raise ValueError(f"needs text in {names}")
    extra = sorted(set(value) - set(LANGUAGES))
    if extra:
        raise ValueError(f"has unknown language {', '.join(extra)}; use {', '.join(LANGUAGES)}")
    return value


LStr = Annotated[dict[str, str], AfterValidator(_complete)]
"""A user-facing string in every language of the bank."""

Id = Annotated[str, Field(pattern=ID_PATTERN)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(_Strict):
    value: Id
    label: LStr
    help: LStr | None = None


class KeySet(_Strict):
    """Fixed keys of a table (months, weekdays, hours of the day)."""

    id: Id
    keys: list[Choice]


class Field_(_Strict):
    """One column of a record list."""

    id: Id
    type: FieldType
    label: LStr
    help: LStr | None = None
    unit: LStr | None = None
    choices: list[Choice] | None = None
    choices_from: Id | None = None
    min: float | None = None
    max: float | None = None
    required: bool = False

    @model_validator(mode="after")
    def _choices(self) -> Field_:
        if self.type == "choice" and not (self.choices or self.choices_from):
            raise ValueError(f"field '{self.id}' of type choice needs choices or choices_from")
        return self


class KpiDef(_Strict):
    """A KPI the buyer may set a target for, with the definition the document prints."""

    id: Id
    name: LStr
    definition: LStr
    targets: list[TargetKind] = Field(min_length=1)
    direction: Literal["at_least", "at_most"] = "at_least"
    channels: list[Id] | None = None


class Question(_Strict):
    id: Id
    type: QuestionType
    text: LStr
    help: LStr | None = None
    guide: list[str] = Field(default_factory=list)
    required: bool = False
    when: str | None = None
    default: Any = None
    default_expr: str | None = None
    unit: LStr | None = None
    min: float | None = None
    max: float | None = None
    pattern: str | None = None
    max_length: int | None = Field(default=None, gt=0)
    choices: list[Choice] | None = None
    choices_from: Id | None = None
    fields: list[Field_] | None = None
    keys: Id | None = None
    sum: float | None = None
    sum_tolerance: float = 1.0
    sum_field: Id | None = None
    channels: list[Choice] | None = None
    channels_from: Id | None = None
    min_items: int | None = Field(default=None, ge=0)
    max_items: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _type_needs(self) -> Question:
        kind = self.type
        if kind in CHOICE_TYPES and not (self.choices or self.choices_from):
            raise ValueError(f"type {kind} needs 'choices' (or 'choices_from')")
        if kind == "records":
            if not self.fields:
                raise ValueError("type records needs 'fields'")
            names = [f.id for f in self.fields]
            if len(names) != len(set(names)):
                raise ValueError("has two fields with the same id")
            if self.sum_field and self.sum_field not in names:
                raise ValueError(f"sum_field '{self.sum_field}' is not one of the fields")
        if kind == "table" and not self.keys:
            raise ValueError("type table needs 'keys' (the id of a keyset such as months)")
        if kind == "hours" and not (self.channels or self.channels_from):
            raise ValueError("type hours needs 'channels' or 'channels_from'")
        if self.pattern is not None:
            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise ValueError(f"pattern is not a valid regular expression ({exc})") from None
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min is larger than max")
        return self


class Section(_Strict):
    id: Id
    title: LStr
    intro: LStr | None = None
    questions: list[Question] = Field(min_length=1)


class BankFile(_Strict):
    """The whole ``questions.yaml``."""

    version: int = Field(ge=1)
    guide_points: dict[str, LStr]
    keysets: list[KeySet] = Field(default_factory=list)
    kpi_catalogue: list[KpiDef] = Field(default_factory=list)
    sections: list[Section] = Field(min_length=1)
