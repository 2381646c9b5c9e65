"""Translate pydantic validation errors into plain sentences placed on the YAML marks.

Example: a ``float_parsing`` error on ``time.phases.0.hours`` with input ``'abc'`` becomes
``file:12:30: time.phases.0.hours: expected a number, got 'abc'``.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from game.scenario.errors import KeyPath, Reporter

ID_RULE = "an id (lowercase letters, digits and _, starting with a letter, at most 64 long)"


def report_validation_error(err: ValidationError, root: type[BaseModel], rep: Reporter) -> None:
    """Add one problem per pydantic error to ``rep``."""
    for e in err.errors(include_url=False):
        loc: KeyPath = tuple(p for p in e["loc"] if not (isinstance(p, str) and p == "[key]"))
        is_key = "[key]" in e["loc"]
        kind = e["type"]
        if kind == "extra_forbidden":
            allowed = _allowed_keys(root, loc[:-1])
            hint = f" (allowed: {', '.join(allowed)})" if allowed else ""
            rep.add(loc, f"unknown key {loc[-1]!r}{hint}", at_key=True)
        elif kind == "missing" and loc and isinstance(loc[-1], int):
            n = _tuple_length(root, loc[:-1])
            given = len(e["input"]) if isinstance(e.get("input"), list | tuple) else loc[-1]
            rep.add(loc[:-1], f"expected {n if n else 'more'} items, got {given}")
        elif kind == "missing":
            rep.add(loc, f"missing required key {loc[-1]!r}")
        else:
            msg = describe(kind, e.get("ctx") or {}, e.get("input"), e.get("msg", ""))
            rep.add(loc, f"key {loc[-1]!r}: {msg}" if is_key else msg, at_key=is_key)


def describe(kind: str, ctx: dict[str, Any], value: Any, fallback: str) -> str:
    """One sentence for a pydantic error type: what was expected and what was given."""
    got = f", got {show(value)}"
    bound = next((k for k in ("gt", "ge", "lt", "le") if k in ctx), None)
    if bound is not None:
        op = {"gt": ">", "ge": ">=", "lt": "<", "le": "<="}[bound]
        return f"expected a number {op} {_num(ctx[bound])}{got}"
    simple = {
        "float_parsing": "expected a number", "float_type": "expected a number",
        "int_parsing": "expected a whole number", "int_type": "expected a whole number",
        "int_from_float": "expected a whole number", "bool_parsing": "expected true or false",
        "bool_type": "expected true or false", "string_type": "expected text",
        "list_type": "expected a list", "tuple_type": "expected a list",
        "dict_type": "expected a mapping (key: value)", "model_type": "expected a mapping (key: value)",
        "model_attributes_type": "expected a mapping (key: value)",
        "datetime_parsing": "expected a local date-time like 2020-11-01T06:00:00",
        "datetime_from_date_parsing": "expected a local date-time like 2020-11-01T06:00:00",
        "datetime_type": "expected a local date-time like 2020-11-01T06:00:00",
        "none_required": "expected nothing (null)",
    }
    if kind in simple:
        return simple[kind] + got
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected', '?')}{got}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        what = ID_RULE if pattern.startswith("^[a-z][a-z0-9_]") else f"text matching {pattern}"
        return f"expected {what}{got}"
    if kind in ("too_short", "too_long"):
        n = ctx.get("min_length" if kind == "too_short" else "max_length")
        word = "at least" if kind == "too_short" else "at most"
        return f"expected {word} {n} item{'s' if n != 1 else ''}, got {ctx.get('actual_length', '?')}"
    if kind in ("string_too_short", "string_too_long"):
        n = ctx.get("min_length" if kind == "string_too_short" else "max_length")
        word = "at least" if kind == "string_too_short" else "at most"
        return f"expected text of {word} {n} character{'s' if n != 1 else ''}{got}"
    if kind == "value_error":
        return str(ctx.get("error", fallback)).removeprefix("Value error, ")
    if kind in ("finite_number",):
        return f"expected a finite number{got}"
    return f"{fallback[:1].lower()}{fallback[1:]}{got}"


def show(value: Any) -> str:
    """A short human rendering of a YAML value for messages."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _num(x: Any) -> str:
    return f"{x:g}" if isinstance(x, float) else str(x)


def _allowed_keys(root: type[BaseModel], loc: KeyPath) -> list[str]:
    """Field names of the model found at ``loc`` under ``root`` (empty if it is not a model)."""
    tp: Any = root
    for part in loc:
        tp = _step(tp, part)
        if tp is None:
            return []
    model = _as_model(tp)
    return list(model.model_fields) if model else []


def _tuple_length(root: type[BaseModel], loc: KeyPath) -> int | None:
    """Number of items of the fixed-length tuple type found at ``loc`` (None if it is not one)."""
    tp: Any = root
    for part in loc:
        tp = _step(tp, part)
        if tp is None:
            return None
    tp = _unwrap(tp)
    args = typing.get_args(tp)
    return len(args) if typing.get_origin(tp) is tuple and Ellipsis not in args else None


def _step(tp: Any, part: str | int) -> Any:
    tp = _unwrap(tp)
    model = _as_model(tp)
    if model is not None:
        f = model.model_fields.get(str(part))
        return f.annotation if f else None
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (list, tuple) and args:
        return args[min(int(part), len(args) - 1)] if origin is tuple and isinstance(part, int) else args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    return None


def _unwrap(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            rest = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(rest) != 1:
                return tp
            tp = rest[0]
        else:
            return tp


def _as_model(tp: Any) -> type[BaseModel] | None:
    tp = _unwrap(tp)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None
