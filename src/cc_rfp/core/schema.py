"""JSON Schemas for the answers file and the bank, so YAML editors can check and complete them."""

from __future__ import annotations

from typing import Any

from cc_rfp.core import types
from cc_rfp.core.bank import Bank, text
from cc_rfp.core.bank_model import Question, bank_json_schema

UNKNOWN_SCHEMA = {
    "type": "object",
    "description": "Not known yet; say why or when in note.",
    "properties": {"unknown": {"const": True}, "note": {"type": "string"}},
    "required": ["unknown"],
    "additionalProperties": False,
}


def _question_schema(bank: Bank, q: Question) -> dict[str, Any]:
    schema = types.get(q.type).schema(bank, q)
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
    """The question bank, as pydantic derives it from the bank's classes."""
    schema = bank_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "cc-rfp question bank"
    return schema
