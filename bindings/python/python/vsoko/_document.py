"""``vsoko.document``: the documents a school signs, made from computed results.

>>> import vsoko
>>> r = vsoko.score_document({"methodology": "nok-2019", "school": "Школа № 1", "values": {}})
>>> d = vsoko.document("score-report", r)
>>> d.data[:2], d.format
(b'PK', 'docx')
>>> "не заполнен" in vsoko.document("score-report", r, format="md").text
True
"""

from __future__ import annotations

import json
import os
from decimal import Decimal
from typing import Any, Mapping

from . import _vsoko

#: The documents, as ``vsoko doc`` names them.
KINDS = ("score-report", "objectivity-report", "order", "plan", "selfexam")


class Document:
    """A document: its ``kind``, ``format`` (``docx``, ``html``, ``md``) and bytes (``data``).
    ``save(path)`` writes it; in Jupyter it shows as the same document in HTML."""

    __slots__ = ("kind", "format", "data", "_source", "_school")

    def __init__(self, kind: str, format: str, data: bytes, source: str, school: str | None) -> None:
        self.kind = kind
        self.format = format
        self.data = data
        self._source = source
        self._school = school

    @property
    def text(self) -> str:
        """The HTML or Markdown text (a DOCX is bytes: use ``data``)."""
        if self.format == "docx":
            raise ValueError("a DOCX document is bytes: use .data or .save(path)")
        return self.data.decode("utf-8")

    def save(self, path: str | os.PathLike[str]) -> None:
        """Writes the document to ``path``."""
        with open(path, "wb") as f:
            f.write(self.data)

    def __bytes__(self) -> bytes:
        return self.data

    def _repr_html_(self) -> str:
        html = self.data if self.format == "html" else _vsoko._document(self.kind, self._source, self._school, "html")
        return bytes(html).decode("utf-8")

    def __repr__(self) -> str:
        return f"Document(kind={self.kind!r}, format={self.format!r}, {len(self.data)} bytes)"


def _json(value: Any) -> str:
    """What a document is made from, as JSON text."""
    if hasattr(value, "to_json") and callable(value.to_json):
        return str(value.to_json())
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_json(v) for v in value) + "]"
    if isinstance(value, os.PathLike):
        with open(value, encoding="utf-8-sig") as f:
            return f.read()
    if isinstance(value, str):
        if value.lstrip().startswith(("{", "[")):
            return value
        with open(value, encoding="utf-8-sig") as f:
            return f.read()
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False, default=lambda d: str(d) if isinstance(d, Decimal) else repr(d))
    raise TypeError(f"cannot make a document from {type(value).__name__}: give a Report, a Plan, a mapping, JSON text or a path")


def document(kind: str, source: Any, *, school: Any = None, format: str = "docx") -> Document:
    """A document of ``kind`` — ``score-report`` (a ``Report``, the input ``score_document``
    reads, or a list of them: one school's periods, oldest first), ``objectivity-report`` (the
    JSON of ``vsoko objectivity --format json``), ``order`` (the actions: a ``Plan`` from
    ``plan_actions``), ``plan`` (a ``Plan``), ``selfexam`` (the report) — each also as JSON text,
    a mapping or a path. ``school``: the requisites (``full_name``, ``short_name``, ``director``,
    ``deputy``, ``deputy_position``, ``city``, ``academic_year``) as a mapping, JSON or a path;
    what is not given is left blank to fill in. ``format``: ``docx``, ``html`` or ``md``."""
    source_json = _json(source)
    school_json = None if school is None else _json(school)
    data = _vsoko._document(kind, source_json, school_json, format)
    return Document(kind, format, bytes(data), source_json, school_json)
