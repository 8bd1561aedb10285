"""Exceptions raised by vsoko. Every one carries the core's stable ``code``."""

from __future__ import annotations

from typing import Any


class VsokoError(ValueError):
    """A vsoko error: ``code`` (stable, e.g. ``"value_out_of_range"``), ``indicator`` (the
    indicator id or ``None``), ``message`` (English), ``message_ru`` (Russian), ``problems``
    (every problem of an invalid methodology, each a dict with ``code``, ``path``, ``message``,
    ``message_ru``: the core's diagnostic, the same keys as in JS) and ``index`` (the school's
    position in a batch)."""

    def __init__(
        self,
        code: str,
        message: str,
        indicator: str | None = None,
        message_ru: str | None = None,
        problems: list[dict[str, str]] | None = None,
        index: int | None = None,
    ) -> None:
        super().__init__(f"[{code}] {message}")
        self.code = code
        self.message = message
        self.indicator = indicator
        self.message_ru = message_ru if message_ru is not None else message
        self.problems = list(problems or [])
        self.index = index

    def __reduce__(self) -> tuple[Any, tuple[Any, ...], dict[str, Any]]:
        # Rebuilt from every field (not from ``args``, which holds only the formatted text), so
        # the error survives pickling, e.g. on its way back from a ``multiprocessing`` worker.
        args = (self.code, self.message, self.indicator, self.message_ru, list(self.problems), self.index)
        return (type(self), args, dict(self.__dict__))


class MethodologyError(VsokoError):
    """The methodology is unknown or its description is invalid."""


class InputError(VsokoError):
    """The values (or a self-examination report) cannot be scored as given."""
