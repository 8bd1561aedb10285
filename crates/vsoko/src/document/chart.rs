//! Bar charts drawn by the project itself: the geometry once (in whole pixels, computed from the
//! exact values), then SVG for HTML and, with the `docx` feature, a PNG for Word.

use super::model::Chart;
use crate::output::html::escape;
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// The longest label drawn in full; longer ones end in `…` (the table beside has them whole).
pub const LABEL_CHARS: usize = 34;

/// Where everything of a chart goes, in pixels at scale 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Width of the picture.
    pub width: u32,
    /// Height of the picture.
    pub height: u32,
    /// The left edge of the bars.
    pub bar_x: u32,
    /// The height of one row.
    pub row: u32,
    /// The font size of labels.
    pub font: u32,
    /// Each bar: its top, its length, its label (shortened) and its value text.
    pub bars: Vec<(u32, u32, String, String)>,
}

const WIDTH: u32 = 680;
const LABEL_WIDTH: u32 = 280;
const VALUE_WIDTH: u32 = 70;
const ROW: u32 = 30;
const TOP: u32 = 8;

impl Chart {
    /// The geometry: a bar's length is `value / max` of the room, rounded once to a pixel; a
    /// value past `max` is drawn full, a negative one empty (the text says the value).
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use vsoko::document::{Bar, Chart};
    /// let c = Chart { title: "Баллы".into(), max: Decimal::from(100), bars: vec![
    ///     Bar { label: "1".into(), value: Decimal::from(50), text: "50 %".into() }] };
    /// let l = c.layout();
    /// assert_eq!(l.bars[0].1, (l.width - l.bar_x - 70) / 2);
    /// ```
    pub fn layout(&self) -> Layout {
        let room = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
        let bars = self
            .bars
            .iter()
            .zip(0u32..)
            .map(|(bar, i)| {
                let length = if self.max > Decimal::ZERO {
                    (bar.value.clamp(Decimal::ZERO, self.max) * Decimal::from(room) / self.max)
                        .round()
                        .try_into()
                        .unwrap_or(0u32)
                } else {
                    0
                };
                (
                    TOP + i * ROW,
                    length,
                    short_label(&bar.label),
                    bar.text.clone(),
                )
            })
            .collect::<Vec<_>>();
        let rows = u32::try_from(bars.len()).unwrap_or(u32::MAX / ROW);
        Layout {
            width: WIDTH,
            height: TOP * 2 + rows.saturating_mul(ROW),
            bar_x: LABEL_WIDTH,
            row: ROW,
            font: 15,
            bars,
        }
    }

    /// The chart as inline SVG (every label escaped; no script, no external reference).
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use vsoko::document::{Bar, Chart};
    /// let c = Chart { title: "t".into(), max: Decimal::from(100), bars: vec![
    ///     Bar { label: "<b>".into(), value: Decimal::from(50), text: "50 %".into() }] };
    /// let svg = c.to_svg();
    /// assert!(svg.starts_with("<svg") && svg.contains("&lt;b&gt;") && !svg.contains("<b>"));
    /// ```
    pub fn to_svg(&self) -> String {
        let l = self.layout();
        let mut out = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"'Times New Roman', serif\" font-size=\"{f}\"><title>{t}</title>",
            w = l.width,
            h = l.height,
            f = l.font,
            t = escape(&self.title)
        );
        for (y, length, label, value) in &l.bars {
            let mid = y + l.row / 2 + l.font / 3;
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"{mid}\" text-anchor=\"end\">{}</text><rect x=\"{}\" y=\"{}\" width=\"{length}\" height=\"{}\" fill=\"#4a6fa5\"/><text x=\"{}\" y=\"{mid}\">{}</text>",
                l.bar_x - 6,
                escape(label),
                l.bar_x,
                y + 4,
                l.row - 8,
                l.bar_x + length + 6,
                escape(value)
            );
        }
        let _ = write!(
            out,
            "<line x1=\"{x}\" y1=\"{TOP}\" x2=\"{x}\" y2=\"{}\" stroke=\"#333\"/></svg>",
            l.height - TOP,
            x = l.bar_x
        );
        out
    }
}

/// A label cut to [`LABEL_CHARS`] with `…`.
fn short_label(label: &str) -> String {
    let label = label.trim();
    if label.chars().count() <= LABEL_CHARS {
        return label.to_string();
    }
    let mut cut: String = label.chars().take(LABEL_CHARS - 1).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}
