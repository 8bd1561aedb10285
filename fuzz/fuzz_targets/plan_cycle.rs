//! Any bytes as a plan (JSON) and a result (after the first NUL: the JSON of `vsoko score`,
//! `marks` or `tasks`): the plan's cycle never panics. Completion shares stay within 0–100 and
//! done never exceeds due; every year of a plan over several gives a plan of that year; the
//! effect lists each action once (measured or not); next year's plan reads back from its JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;
use vsoko::plan::{GapOptions, Mark, Plan, Results};

fuzz_target!(|data: &[u8]| {
    let (plan_part, result_part) = match data.iter().position(|b| *b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let Ok(mut plan) = Plan::from_json(&String::from_utf8_lossy(plan_part)) else {
        return;
    };
    let results: Vec<Results> = Results::from_json(&String::from_utf8_lossy(result_part))
        .into_iter()
        .collect();
    for as_of in [None, "2024-03-10".parse().ok()] {
        let c = plan.completion(as_of);
        for (due, done, pct) in c.months.iter().map(|m| (m.due, m.done, m.pct)) {
            assert!(done <= due && pct >= Decimal::ZERO && pct <= Decimal::ONE_HUNDRED);
        }
        assert!(c.total.done <= c.total.due);
        let _ = (c.to_markdown(), c.to_html());
    }
    for year in plan.academic_years().into_iter().take(12) {
        assert_eq!(plan.in_year(year).academic_year, year);
    }
    let actions = plan.items.iter().filter(|i| i.deficit.is_some()).count();
    let effect = plan.effect(&results, &results, GapOptions::default());
    assert_eq!(effect.measures.len() + effect.unmeasured.len(), actions);
    assert!(effect.measures.iter().all(|m| m.before == m.after));
    let _ = effect.to_markdown(&plan);
    if let Some(next) = vsoko::plan::AcademicYear::new(plan.academic_year.start() + 1) {
        let (n, report) = plan.next_year(next, &results, None, GapOptions::default());
        assert_eq!(report.len(), actions);
        let back = Plan::from_json(&n.to_json()).expect("next year's plan reads back");
        assert_eq!(back.items.len(), n.items.len());
    }
    if let Some(id) = plan.items.first().map(|i| i.id.clone()) {
        let on = "2024-03-10".parse().ok();
        let done = Mark::new("done", on, None).expect("a done mark with its day");
        // An id with spaces around it is not one a person types: refused, never a panic.
        if plan.mark(&id, done, Some("x")).is_ok() {
            assert!(plan.completion(None).total.done >= 1);
        }
    }
});
