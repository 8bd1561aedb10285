//! The built-in methodologies' Rust form (`src/methodology/builtin/specs.rs`) is generated from
//! their JSON files (`data/methodologies/*.json`, the source of truth; one file is one built-in)
//! by this test: it renders the code again
//! and fails when the checked-in file differs. `VSOKO_BLESS=1 cargo test -p vsoko --test
//! builtin_code` rewrites the file. Each struct is taken apart field by field, so a new field
//! fails to compile here until the generator writes it.
//!
//! Why Rust and not JSON in the binary: building a built-in then needs no JSON parser, which is
//! most of the WASM scoring module's code (see `benches/README.md`). That each generated value
//! equals its file read the usual way is checked in `src/methodology/builtin/mod.rs`.

#![allow(clippy::expect_used, reason = "a test: a broken data file fails it")]

use rust_decimal::Decimal;
use std::fmt::Write;
use vsoko::methodology::{
    Aggregation, GroupSpec, IndicatorSpec, InputSpec, LevelBand, MethodologySpec, PointsBand,
    RuleSpec, ShareSpec, Weights,
};
use vsoko::methodology::{Rounding, RoundingMode};

/// Where the built-ins' descriptions are: every `*.json` file of the folder is one built-in.
const DATA: &str = "data/methodologies";
/// Test-only built-ins: compiled into the crate's own unit tests only (`#[cfg(test)]`), so a
/// test can show that a new built-in is one data file plus this generator.
const TEST_DATA: &str = "tests/data/methodologies";

const TARGET: &str = "src/methodology/builtin/specs.rs";

#[test]
fn generated_builtins_match_their_json() {
    let root = env!("CARGO_MANIFEST_DIR");
    let code = render(root);
    let path = format!("{root}/{TARGET}");
    if std::env::var_os("VSOKO_BLESS").is_some() {
        std::fs::write(&path, &code).expect("write the generated file");
        return;
    }
    let now = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        now == code,
        "{TARGET} is stale: run `VSOKO_BLESS=1 cargo test -p vsoko --test builtin_code`"
    );
}

/// The description files of a folder, by name: (file stem, path from the crate root).
fn files(root: &str, folder: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(format!("{root}/{folder}"))
        .expect("read the data folder")
        .map(|e| e.expect("a folder entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let name = p
                .file_name()
                .expect("a file")
                .to_string_lossy()
                .into_owned();
            let stem = name.trim_end_matches(".json").to_string();
            (stem, format!("{folder}/{name}"))
        })
        .collect();
    out.sort();
    out
}

/// The Rust name of a file stem (`nok_2019`, `test-only` → `test_only`).
fn function(stem: &str) -> String {
    stem.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

fn render(root: &str) -> String {
    let mut out = String::from(
        "//! The built-in methodologies as Rust values. GENERATED from `data/methodologies/*.json`\n\
         //! (and, for the crate's own tests only, `tests/data/methodologies/*.json`) by\n\
         //! `tests/builtin_code.rs`; do not edit (`VSOKO_BLESS=1 cargo test -p vsoko --test\n\
         //! builtin_code` rewrites it).\n\n\
         use super::{Builtin, d, measures, o, plain, s};\n\
         use crate::methodology::*;\n",
    );
    for (folder, test_only) in [(DATA, false), (TEST_DATA, true)] {
        let found = files(root, folder);
        let table = if test_only { "TEST_ONLY" } else { "TABLE" };
        let cfg = if test_only { "#[cfg(test)]\n" } else { "" };
        let mut rows = String::new();
        let mut bodies = String::new();
        for (stem, path) in &found {
            let text = std::fs::read_to_string(format!("{root}/{path}")).expect("read data");
            let spec: MethodologySpec = serde_json::from_str(&text).expect("parse data");
            let name = function(stem);
            let _ = writeln!(
                rows,
                "    Builtin {{\n        id: {:?},\n        spec: {name},\n        #[cfg(test)]\n        json: include_str!(\"../../../{path}\"),\n    }},",
                spec.id
            );
            let _ = writeln!(
                bodies,
                "\n/// `{path}`.\n{cfg}fn {name}() -> MethodologySpec {{\n    {}\n}}",
                methodology(&spec, 1)
            );
        }
        let what = if test_only {
            "The test-only built-ins (the crate's unit tests only)"
        } else {
            "The built-ins, by file name"
        };
        let _ = write!(
            out,
            "\n/// {what}.\n{cfg}pub(super) const {table}: &[Builtin] = &[\n{rows}];\n{bodies}"
        );
    }
    out
}

/// `Name {` … `}` with one field a line at `depth`.
fn record(name: &str, fields: &[(&str, String)], depth: usize) -> String {
    let pad = "    ".repeat(depth + 1);
    let mut out = format!("{name} {{\n");
    for (field, value) in fields {
        let _ = writeln!(out, "{pad}{field}: {value},");
    }
    out.push_str(&"    ".repeat(depth));
    out.push('}');
    out
}

/// `vec![` … `]` with one item a line, or `Vec::new()`.
fn list<T>(items: &[T], depth: usize, item: impl Fn(&T, usize) -> String) -> String {
    if items.is_empty() {
        return "Vec::new()".into();
    }
    enclosed("vec![", "]", items, depth, |x| item(x, depth + 1))
}

/// `helper(&[` … `])`: static rows, one a line.
fn rows<T>(helper: &str, items: &[T], depth: usize, row: impl Fn(&T) -> String) -> String {
    enclosed(&format!("{helper}(&["), "])", items, depth, row)
}

/// `open`, then each item on its own line one level deeper, then `close` at `depth`.
fn enclosed<T>(
    open: &str,
    close: &str,
    items: &[T],
    depth: usize,
    item: impl Fn(&T) -> String,
) -> String {
    let pad = "    ".repeat(depth + 1);
    let mut out = format!("{open}\n");
    for x in items {
        let _ = writeln!(out, "{pad}{},", item(x));
    }
    out.push_str(&"    ".repeat(depth));
    out.push_str(close);
    out
}

fn string(x: &str) -> String {
    format!("s({x:?})")
}

fn opt_string(x: Option<&String>) -> String {
    x.map_or_else(|| "None".into(), |x| format!("o({x:?})"))
}

/// `d(mantissa, scale)` for the small non-negative decimals methodologies hold.
fn decimal(x: Decimal) -> String {
    let (mantissa, scale) = parts(x);
    format!("d({mantissa}, {scale})")
}

fn parts(x: Decimal) -> (u32, u32) {
    let mantissa = u32::try_from(x.mantissa()).expect("a decimal of a built-in fits d()");
    (mantissa, x.scale())
}

fn opt_decimal(x: Option<Decimal>) -> String {
    x.map_or_else(|| "None".into(), |x| format!("Some({})", decimal(x)))
}

fn methodology(m: &MethodologySpec, depth: usize) -> String {
    let MethodologySpec {
        format_version,
        id,
        title,
        title_en,
        short_title,
        source,
        notes,
        max,
        aggregation: agg,
        rounding: round,
        inputs,
        levels,
        groups,
    } = m;
    record(
        "MethodologySpec",
        &[
            ("format_version", format_version.to_string()),
            ("id", string(id)),
            ("title", string(title)),
            ("title_en", opt_string(title_en.as_ref())),
            ("short_title", opt_string(short_title.as_ref())),
            ("source", opt_string(source.as_ref())),
            ("notes", list(notes, depth + 1, |n, _| string(n))),
            ("max", opt_decimal(*max)),
            ("aggregation", aggregation(agg, depth + 1)),
            (
                "rounding",
                round.as_ref().map_or_else(
                    || "None".into(),
                    |r| format!("Some({})", rounding(r, depth + 1)),
                ),
            ),
            ("inputs", input_list(inputs, depth + 1)),
            ("levels", list(levels, depth + 1, level)),
            ("groups", list(groups, depth + 1, group)),
        ],
        depth,
    )
}

fn aggregation(a: &Aggregation, depth: usize) -> String {
    if a.is_sum() {
        return "Aggregation::default()".into();
    }
    let Aggregation { kind, weights } = a;
    let weights = weights.as_ref().map_or_else(
        || "None".into(),
        |Weights(w)| {
            let items = list(w, depth + 1, |(id, x), _| {
                format!("({}, {})", string(id), decimal(*x))
            });
            format!("Some(Weights({items}))")
        },
    );
    record(
        "Aggregation",
        &[
            ("kind", format!("AggregationType::{kind:?}")),
            ("weights", weights),
        ],
        depth,
    )
}

fn rounding(r: &Rounding, depth: usize) -> String {
    let Rounding { places, mode, at } = r;
    let mode = match mode {
        RoundingMode::HalfAwayFromZero => "RoundingMode::HalfAwayFromZero",
        RoundingMode::HalfEven => "RoundingMode::HalfEven",
    };
    record(
        "Rounding",
        &[
            ("places", places.to_string()),
            ("mode", mode.into()),
            ("at", list(at, depth + 1, |a, _| format!("RoundAt::{a:?}"))),
        ],
        depth,
    )
}

/// `measures(&[…])` rows (static data), or `Vec::new()`.
fn input_list(items: &[InputSpec], depth: usize) -> String {
    if items.is_empty() {
        return "Vec::new()".into();
    }
    rows("measures", items, depth, |i| {
        let InputSpec {
            id,
            title,
            title_en,
            kind,
            min,
            max,
            not_applicable,
        } = i;
        format!(
            "({id:?}, {}, {}, MeasureKind::{kind:?}, {}, {}, {not_applicable})",
            static_text(title.as_ref()),
            static_text(title_en.as_ref()),
            row_decimal(*min),
            row_decimal(*max),
        )
    })
}

/// An optional text of a static row.
fn static_text(x: Option<&String>) -> String {
    x.map_or_else(|| "None".into(), |x| format!("Some({x:?})"))
}

/// An optional decimal of a static row: `Some((mantissa, scale))`.
fn row_decimal(x: Option<Decimal>) -> String {
    x.map_or_else(
        || "None".into(),
        |x| {
            let (mantissa, scale) = parts(x);
            format!("Some(({mantissa}, {scale}))")
        },
    )
}

fn level(l: &LevelBand, depth: usize) -> String {
    let LevelBand {
        id,
        title,
        title_en,
        from,
        to,
    } = l;
    record(
        "LevelBand",
        &[
            ("id", string(id)),
            ("title", string(title)),
            ("title_en", opt_string(title_en.as_ref())),
            ("from", opt_decimal(*from)),
            ("to", opt_decimal(*to)),
        ],
        depth,
    )
}

fn group(g: &GroupSpec, depth: usize) -> String {
    let GroupSpec {
        id,
        kind,
        title,
        title_en,
        max,
        aggregation: agg,
        groups,
        indicators,
    } = g;
    record(
        "GroupSpec",
        &[
            ("id", string(id)),
            ("kind", string(kind)),
            ("title", opt_string(title.as_ref())),
            ("title_en", opt_string(title_en.as_ref())),
            ("max", opt_decimal(*max)),
            ("aggregation", aggregation(agg, depth + 1)),
            ("groups", list(groups, depth + 1, group)),
            ("indicators", indicator_list(indicators, depth + 1)),
        ],
        depth,
    )
}

/// `plain(&[…])` rows when every indicator's points are given as they are (static data), else
/// a literal each.
fn indicator_list(items: &[IndicatorSpec], depth: usize) -> String {
    if items.is_empty() || !items.iter().all(|i| i.rule.is_default()) {
        return list(items, depth, indicator);
    }
    rows("plain", items, depth, |i| {
        let (mantissa, scale) = parts(i.cap);
        format!(
            "({:?}, {}, {}, ({mantissa}, {scale}), {})",
            i.id,
            static_text(i.title.as_ref()),
            static_text(i.title_en.as_ref()),
            i.not_applicable
        )
    })
}

fn indicator(i: &IndicatorSpec, depth: usize) -> String {
    let IndicatorSpec {
        id,
        title,
        title_en,
        cap,
        not_applicable,
        rule: r,
        direction,
    } = i;
    record(
        "IndicatorSpec",
        &[
            ("id", string(id)),
            ("title", opt_string(title.as_ref())),
            ("title_en", opt_string(title_en.as_ref())),
            ("cap", decimal(*cap)),
            ("not_applicable", not_applicable.to_string()),
            ("rule", rule(r, depth + 1)),
            ("direction", format!("Direction::{direction:?}")),
        ],
        depth,
    )
}

fn rule(r: &RuleSpec, depth: usize) -> String {
    if r.is_default() {
        return "RuleSpec::default()".into();
    }
    let RuleSpec {
        kind,
        input,
        inputs,
        yes,
        of,
        shares,
        scale,
        points,
        factor,
        bands,
    } = r;
    record(
        "RuleSpec",
        &[
            ("kind", format!("RuleType::{kind:?}")),
            ("input", opt_string(input.as_ref())),
            ("inputs", list(inputs, depth + 1, |x, _| string(x))),
            ("yes", opt_string(yes.as_ref())),
            ("of", opt_string(of.as_ref())),
            ("shares", list(shares, depth + 1, share)),
            ("scale", opt_decimal(*scale)),
            ("points", opt_decimal(*points)),
            ("factor", opt_decimal(*factor)),
            ("bands", list(bands, depth + 1, band)),
        ],
        depth,
    )
}

fn share(s: &ShareSpec, depth: usize) -> String {
    let ShareSpec { yes, of } = s;
    record(
        "ShareSpec",
        &[("yes", string(yes)), ("of", string(of))],
        depth,
    )
}

fn band(b: &PointsBand, depth: usize) -> String {
    let PointsBand { from, to, points } = b;
    record(
        "PointsBand",
        &[
            ("from", opt_decimal(*from)),
            ("to", opt_decimal(*to)),
            ("points", decimal(*points)),
        ],
        depth,
    )
}
