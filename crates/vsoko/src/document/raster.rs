//! A chart drawn into pixels for Word: the [`Chart::layout`] geometry at twice its size, labels
//! set in DejaVu Sans (a subset of Latin and Cyrillic, bundled: no font is looked up on the
//! machine), encoded as PNG.

use super::model::Chart;
use ab_glyph::{Font, FontRef, PxScale, ScaleFont};

/// DejaVu Sans, cut to Latin, Cyrillic and punctuation (its licence is beside it).
const FONT: &[u8] = include_bytes!("../../data/fonts/DejaVuSans-chart.ttf");
const SCALE: u32 = 2;
const BAR: [u8; 3] = [0x4a, 0x6f, 0xa5];
const INK: [u8; 3] = [0x1a, 0x1a, 0x1a];

/// An RGB canvas.
struct Canvas {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

impl Canvas {
    fn new(width: u32, height: u32) -> Canvas {
        let len = usize::try_from(u64::from(width) * u64::from(height) * 3).unwrap_or(0);
        Canvas {
            width,
            height,
            pixels: vec![0xff; len],
        }
    }

    /// Blends `color` over the pixel by `alpha` (0–1, from the glyph rasteriser's coverage).
    fn blend(&mut self, x: u32, y: u32, color: [u8; 3], alpha: f32) {
        if x >= self.width || y >= self.height {
            return;
        }
        let at = usize::try_from((u64::from(y) * u64::from(self.width) + u64::from(x)) * 3)
            .unwrap_or(usize::MAX);
        let alpha = alpha.clamp(0.0, 1.0);
        for (i, c) in color.iter().enumerate() {
            if let Some(p) = self.pixels.get_mut(at + i) {
                let mixed = f32::from(*p) * (1.0 - alpha) + f32::from(*c) * alpha;
                // Coverage only: a colour channel, 0–255 by construction.
                #[expect(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "0–255 by construction"
                )]
                let mixed = mixed.round() as u8;
                *p = mixed;
            }
        }
    }

    fn rect(&mut self, x: u32, y: u32, w: u32, h: u32, color: [u8; 3]) {
        for yy in y..(y + h).min(self.height) {
            for xx in x..(x + w).min(self.width) {
                self.blend(xx, yy, color, 1.0);
            }
        }
    }

    /// Text with its baseline at `y`, starting at `x` (or ending there when `right`).
    fn text(&mut self, font: &FontRef<'_>, size: u32, x: u32, y: u32, text: &str, right: bool) {
        #[expect(clippy::cast_precision_loss, reason = "a font size in pixels")]
        let scaled = font.as_scaled(PxScale::from(size as f32));
        let advance: f32 = text
            .chars()
            .map(|c| scaled.h_advance(scaled.glyph_id(c)))
            .sum();
        #[expect(clippy::cast_precision_loss, reason = "pixel positions")]
        let mut pen = if right { x as f32 - advance } else { x as f32 };
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            #[expect(clippy::cast_precision_loss, reason = "pixel positions")]
            let glyph = id.with_scale_and_position(scaled.scale(), ab_glyph::point(pen, y as f32));
            pen += scaled.h_advance(id);
            if let Some(outline) = font.outline_glyph(glyph) {
                let bounds = outline.px_bounds();
                outline.draw(|gx, gy, coverage| {
                    #[expect(clippy::cast_possible_truncation, reason = "pixel positions")]
                    let (px, py) = (
                        bounds.min.x as i64 + i64::from(gx),
                        bounds.min.y as i64 + i64::from(gy),
                    );
                    if let (Ok(px), Ok(py)) = (u32::try_from(px), u32::try_from(py)) {
                        self.blend(px, py, INK, coverage);
                    }
                });
            }
        }
    }

    fn png(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, self.width, self.height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let written = encoder
            .write_header()
            .and_then(|mut w| w.write_image_data(&self.pixels));
        if written.is_err() {
            return Vec::new();
        }
        out
    }
}

/// The chart as PNG bytes with its width and height in pixels.
pub(super) fn chart_png(chart: &Chart) -> (Vec<u8>, u32, u32) {
    let l = chart.layout();
    let mut canvas = Canvas::new(l.width * SCALE, l.height * SCALE);
    let Ok(font) = FontRef::try_from_slice(FONT) else {
        return (canvas.png(), canvas.width, canvas.height);
    };
    let size = l.font * SCALE;
    for (y, length, label, value) in &l.bars {
        let (y, length) = (y * SCALE, length * SCALE);
        let row = l.row * SCALE;
        let baseline = y + row / 2 + size / 3;
        canvas.text(&font, size, (l.bar_x - 6) * SCALE, baseline, label, true);
        canvas.rect(l.bar_x * SCALE, y + 4 * SCALE, length, row - 8 * SCALE, BAR);
        canvas.text(
            &font,
            size,
            l.bar_x * SCALE + length + 6 * SCALE,
            baseline,
            value,
            false,
        );
    }
    canvas.rect(
        l.bar_x * SCALE,
        8 * SCALE,
        SCALE,
        (l.height - 16) * SCALE,
        INK,
    );
    (canvas.png(), canvas.width, canvas.height)
}
