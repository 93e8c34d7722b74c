"""JSON Schemas for the answers file and the bank, so YAML editors can check and complete them."""

from __future__ import annotations

from typing import Any

from cc_rfp.core.bank import Bank, text
from cc_rfp.core.bank_model import PATTERN_TEXT_LIMIT, TARGET_RANGES, BankFile, Field_, Question
from cc_rfp.core.values import HOURS_RE

UNKNOWN_SCHEMA = {
    "type": "object",
    "description": "Not known yet; say why or when in note.",
    "properties": {"unknown": {"const": True}, "note": {"type": "string"}},
    "required": ["unknown"],
    "additionalProperties": False,
}


def _enum(choices: list[Any]) -> dict[str, Any]:
    return {"enum": [c.value for c in choices]}


def _scalar(bank: Bank, spec: Question | Field_) -> dict[str, Any]:
    kind = spec.type
    out: dict[str, Any]
    if kind in {"text", "longtext"}:
        out = {"type": ["string", "number"]}
        limit = getattr(spec, "max_length", None)
        if getattr(spec, "pattern", None):
            # validate refuses a longer text before its pattern is tried; say so here too
            limit = min(limit or PATTERN_TEXT_LIMIT, PATTERN_TEXT_LIMIT)
            out = {"type": "string", "pattern": f"^(?:{spec.pattern})$"}
        if limit:
            out["maxLength"] = limit
    elif kind == "integer":
        out = {"type": "integer"}
    elif kind in {"decimal", "percent"}:
        out = {"type": "number"}
        if kind == "percent":
            out.update(minimum=0, maximum=100)
    elif kind == "choice":
        out = _enum(bank.choices(spec))
    elif kind == "yesno":
        out = {"type": "boolean"}
    elif kind == "date":
        out = {"type": "string", "format": "date"}
    else:
        raise AssertionError(kind)
    if spec.min is not None:
        out["minimum"] = spec.min
    if spec.max is not None:
        out["maximum"] = spec.max
    return out


def _question_schema(bank: Bank, q: Question) -> dict[str, Any]:
    kind = q.type
    if kind in {"multichoice", "ranking"}:
        schema: dict[str, Any] = {
            "type": "array",
            "items": _enum(bank.choices(q)),
            "uniqueItems": True,
        }
    elif kind == "records":
        fields = q.fields or []
        schema = {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {f.id: _scalar(bank, f) for f in fields},
                "required": [f.id for f in fields if f.required],
                "additionalProperties": False,
            },
        }
    elif kind == "table":
        keys = [k.value for k in bank.keys(q)]
        schema = {
            "type": "object",
            "properties": {k: {"type": "number", "minimum": 0} for k in keys},
            "required": keys,
            "additionalProperties": False,
        }
    elif kind == "hours":
        days = [k.value for k in bank.keysets["weekdays"].keys]
        span = {"type": "string", "pattern": f"(?:{HOURS_RE.pattern})|^closed$"}
        week = {
            "type": "object",
            "properties": dict.fromkeys(days, span),
            "required": days,
            "additionalProperties": False,
        }
        channels = [c.value for c in bank.channels(q)]
        schema = {
            "type": "object",
            "properties": dict.fromkeys(channels, week),
            "additionalProperties": False,
        }
    elif kind == "kpis":
        props: dict[str, Any] = {
            "kpi": {"enum": list(bank.kpis)},
            "channel": {"type": "string"},
            "method": {"type": "string"},
        }
        for key, keyset in (
            ("level", "requirement_levels"),
            ("interval", "measurement_intervals"),
            ("reporting", "report_frequencies"),
        ):
            props[key] = _enum(bank.keysets[keyset].keys) if keyset in bank.keysets else {}
        for kind_name, (low, high) in TARGET_RANGES.items():
            props[kind_name] = {"type": "number", "minimum": low, "maximum": high}
        schema = {
            "type": "array",
            "items": {
                "type": "object",
                "properties": props,
                "required": ["kpi", "level"],
                "additionalProperties": False,
            },
        }
    else:
        schema = _scalar(bank, q)
    return {
        "description": text(q.text, "en"),
        "anyOf": [schema, {"$ref": "#/$defs/unknown"}, {"type": "null"}],
    }


def answers_schema(bank: Bank) -> dict[str, Any]:
    """The answers file: header and one property per question, in bank order."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "cc-rfp answers file",
        "type": "object",
        "$defs": {"unknown": UNKNOWN_SCHEMA},
        "properties": {
            "cc_rfp": {
                "type": "object",
                "properties": {
                    "format": {"type": "integer"},
                    "version": {"type": "string"},
                    "bank_version": {"type": ["integer", "null"]},
                    "bank_sha256": {"type": ["string", "null"]},
                    "language": {"enum": ["sv", "en", None]},
                    "created": {"type": "string"},
                    "updated": {"type": "string"},
                },
            },
            "answers": {
                "type": "object",
                "properties": {qid: _question_schema(bank, q) for qid, q in bank.questions.items()},
                "additionalProperties": False,
            },
        },
        "required": ["answers"],
        "additionalProperties": False,
    }


def bank_schema() -> dict[str, Any]:
    """The question bank, from its pydantic model."""
    schema = BankFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "cc-rfp question bank"
    return schema
