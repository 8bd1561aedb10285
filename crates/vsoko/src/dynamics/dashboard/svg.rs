//! Inline SVG charts for the dashboard: a bar, a stacked bar and a histogram. Widths are
//! computed from exact decimals and written with one decimal place (display only).

use super::esc;
use crate::methodology::LevelBand;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::fmt::Write;

/// The colour of a level id (unknown ids grey).
pub(super) fn level_color(id: &str) -> &'static str {
    match id {
        "high" => "#2e7d32",
        "medium" => "#f0a202",
        "low" => "#c62828",
        _ => "#8a94a6",
    }
}

/// `part / whole × 100` as a width in percent, one decimal (display only).
fn width(part: Decimal, whole: Decimal) -> f64 {
    if whole <= Decimal::ZERO {
        return 0.0;
    }
    let Some(ratio) = part
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|p| p.checked_div(whole))
        .or_else(|| part.checked_div(whole)?.checked_mul(Decimal::ONE_HUNDRED))
    else {
        return 100.0;
    };
    ratio
        .clamp(Decimal::ZERO, Decimal::ONE_HUNDRED)
        .round_dp(1)
        .to_f64()
        .unwrap_or(0.0)
}

/// One horizontal bar, `value` of `scale`.
pub(super) fn bar(value: Decimal, scale: Decimal, color: &str) -> String {
    format!(
        "<svg width=\"100%\" height=\"14\" role=\"img\"><rect width=\"100%\" height=\"14\" rx=\"3\" fill=\"#e8ecf1\"/><rect width=\"{}%\" height=\"14\" rx=\"3\" fill=\"{color}\"/></svg>",
        width(value, scale)
    )
}

/// A stacked bar of counts with their shares written inside.
pub(super) fn stacked(parts: &[(String, usize, &str)], total: usize) -> String {
    let mut s = String::from("<svg width=\"100%\" height=\"26\" role=\"img\">");
    let mut x = 0.0;
    let whole = Decimal::from(total);
    for (title, n, color) in parts {
        let w = width(Decimal::from(*n), whole);
        if w <= 0.0 {
            continue;
        }
        let pct = crate::decimal::percent(Decimal::from(*n), whole).unwrap_or_default();
        let _ = write!(
            s,
            "<rect x=\"{x:.1}%\" width=\"{w:.1}%\" height=\"26\" fill=\"{color}\"><title>{}: {n} ({pct} %)</title></rect>",
            esc(title)
        );
        if w >= 12.0 {
            let _ = write!(
                s,
                "<text x=\"{:.1}%\" y=\"17\" font-size=\"12\" fill=\"#fff\" text-anchor=\"middle\">{n} ({pct} %)</text>",
                x + w / 2.0
            );
        }
        x += w;
    }
    s.push_str("</svg>");
    s
}

/// Bins of the totals over `0..=max` (20 bins), coloured by the level of each bin's start.
pub(super) fn histogram(totals: &[Decimal], max: Decimal, levels: &[LevelBand]) -> String {
    const BINS: usize = 20;
    const H: f64 = 160.0;
    let mut counts = [0usize; BINS];
    let step = max
        .checked_div(Decimal::from(BINS))
        .filter(|s| *s > Decimal::ZERO)
        .unwrap_or(Decimal::ONE);
    for t in totals {
        let bin = t
            .checked_div(step)
            .map_or(BINS - 1, |x| x.floor().to_usize().unwrap_or(0));
        let i = bin.min(BINS - 1);
        if let Some(c) = counts.get_mut(i) {
            *c += 1;
        }
    }
    let top = counts.iter().copied().max().unwrap_or(0).max(1);
    let mut s = format!(
        "<svg viewBox=\"0 0 600 {}\" width=\"100%\" role=\"img\">",
        H + 24.0
    );
    for (i, n) in counts.iter().enumerate() {
        let from = step.checked_mul(Decimal::from(i)).unwrap_or(max);
        let to = step.checked_mul(Decimal::from(i + 1)).unwrap_or(max);
        let color = levels
            .iter()
            .find(|l| l.contains(from))
            .map_or("#2f6fb1", |l| level_color(&l.id));
        let h = f64::from(u32::try_from(*n).unwrap_or(u32::MAX))
            / f64::from(u32::try_from(top).unwrap_or(u32::MAX))
            * H;
        let x = f64::from(u32::try_from(i).unwrap_or(0)) * 30.0;
        let _ = write!(
            s,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"28\" height=\"{h:.1}\" fill=\"{color}\"><title>{}–{}: {n}</title></rect>",
            x + 1.0,
            H - h,
            from.round_dp(1),
            to.round_dp(1)
        );
        if *n > 0 {
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#333\">{n}</text>",
                x + 15.0,
                (H - h - 2.0).max(10.0)
            );
        }
    }
    let _ = write!(
        s,
        "<text x=\"0\" y=\"{y}\" font-size=\"11\" fill=\"#667\">0</text><text x=\"600\" y=\"{y}\" font-size=\"11\" fill=\"#667\" text-anchor=\"end\">{max}</text></svg>",
        y = H + 16.0
    );
    s
}
