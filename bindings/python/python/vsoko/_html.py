"""How a result looks in a notebook: the level and a bar per group (Russian titles)."""

from __future__ import annotations

import html
from decimal import Decimal
from typing import Any

_LEVEL_COLORS = {"high": "#1b7f3b", "medium": "#b7791f", "low": "#c0392b"}


def _ru(d: Decimal) -> str:
    """A decimal as people read it in Russian (decimal comma), its digits unchanged."""
    return str(d).replace(".", ",")


def _pct(percent: Decimal | None) -> str:
    """The core's percentage (one decimal, rounded once from the exact ratio) with a non-breaking
    space before «%», or a dash."""
    return "—" if percent is None else f"{_ru(percent)}\u00a0%"


def result_html(self: Any) -> str:
    """``_repr_html_`` of ``vsoko.Report``."""
    level = self.level
    color = _LEVEL_COLORS.get(level or "", "#555")
    head = (
        f"<div style='font-family:sans-serif;max-width:760px'>"
        f"<div style='font-size:1.2em;margin-bottom:6px'>"
        f"<b>{html.escape(_ru(self.total))}</b> из {html.escape(_ru(self.max))} баллов"
    )
    if level:
        head += (
            f" — <span style='color:#fff;background:{color};padding:2px 8px;border-radius:4px'>"
            f"{html.escape(self.level_title or level)}</span>"
        )
    head += "</div><table style='border-collapse:collapse;width:100%'>"
    rows = []
    for g in self.groups:
        share = g["share"]
        width = 0 if share is None else float(share) * 100
        weight = "bold" if g["parent"] is None else "normal"
        indent = "0" if g["parent"] is None else "1.2em"
        rows.append(
            "<tr>"
            f"<td style='padding:2px 6px;font-weight:{weight};padding-left:{indent}'>"
            f"{html.escape(g['id'])} {html.escape(g['title'] or '')}</td>"
            f"<td style='text-align:right;padding:2px 6px;white-space:nowrap'>{_ru(g['points'])} / {_ru(g['max'])}</td>"
            "<td style='width:180px;padding:2px 6px'><div style='background:#eee;height:10px'>"
            f"<div style='background:{color};height:10px;width:{width:.1f}%'></div></div></td>"
            f"<td style='text-align:right;padding:2px 6px'>{_pct(g['percent'])}</td></tr>"
        )
    missing = ""
    if self.missing:
        missing = f"<div style='color:#777;margin-top:4px'>Не заполнено: {len(self.missing)} (засчитано 0)</div>"
    return head + "".join(rows) + "</table>" + missing + "</div>"
