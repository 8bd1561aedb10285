//! Self-examination checks over `fixtures/selfexam/` (shared with the Python and JS tests),
//! and the date edges of the 20 April deadline.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::single_match_else
)]

use std::path::Path;
use vsoko::selfexam::{Date, Deadline, SectionId, Severity, Skeleton, check_json, due_date};

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

#[test]
fn every_fixture_gives_its_findings_or_error() {
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixtures().join("selfexam.json")).unwrap())
            .unwrap();
    for case in index.as_array().unwrap() {
        let file = case["file"].as_str().unwrap();
        let text = std::fs::read_to_string(fixtures().join(file)).unwrap();
        let result = check_json(&text, case["as_of"].as_str());
        match case["error"].as_str() {
            Some(code) => assert_eq!(result.err().map(|e| e.code()), Some(code), "{file}"),
            None => {
                let r = result.unwrap_or_else(|e| panic!("{file}: {e}"));
                let mut codes: Vec<_> = r.findings.iter().map(|f| f.code.as_str()).collect();
                codes.sort_unstable();
                let want: Vec<_> = case["findings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c.as_str().unwrap())
                    .collect();
                assert_eq!(codes, want, "{file}: {:#?}", r.findings);
                assert_eq!(r.complete, want.is_empty(), "{file}");
                assert!(
                    r.findings
                        .iter()
                        .all(|f| !f.message_ru.is_empty() && !f.message.is_empty())
                );
            }
        }
    }
}

#[test]
fn publication_deadline_edges() {
    let complete =
        std::fs::read_to_string(fixtures().join("selfexam/unpublished_before_deadline.json"))
            .unwrap();
    let on_the_day = check_json(&complete, Some("2024-04-20")).unwrap();
    assert_eq!(on_the_day.days_left, Some(0));
    assert!(
        on_the_day
            .findings
            .iter()
            .all(|f| f.severity == Severity::Warning)
    );
    let day_after = check_json(&complete, Some("2024-04-21")).unwrap();
    assert_eq!(day_after.days_left, Some(-1));
    assert!(
        day_after
            .findings
            .iter()
            .all(|f| f.severity == Severity::Error)
    );
    assert!(day_after.has_errors && !on_the_day.has_errors);
}

#[test]
fn due_dates_and_leap_years() {
    assert_eq!(due_date(2023).unwrap().to_string(), "2024-04-20");
    // From 1 January to 20 April of a leap year there are 110 days, of a common year 109.
    let leap = Deadline::new(2023, Date::new(2024, 1, 1).unwrap()).unwrap();
    let common = Deadline::new(2024, Date::new(2025, 1, 1).unwrap()).unwrap();
    assert_eq!((leap.days_left, common.days_left), (110, 109));
    assert_eq!(
        Deadline::new(2023, Date::new(2024, 5, 1).unwrap())
            .unwrap()
            .days_late(),
        11
    );
    assert!("2024-02-29".parse::<Date>().is_ok() && "2023-02-29".parse::<Date>().is_err());
}

#[test]
fn skeleton_for_2024_lists_eleven_parts_in_order_due_20_april_2025() {
    let s = Skeleton::new(2024, vec![]);
    assert_eq!(s.due.unwrap().to_string(), "2025-04-20");
    let ids: Vec<_> = s.sections.iter().map(|p| p.id).collect();
    assert_eq!(ids, SectionId::ALL.map(SectionId::id));
    assert_eq!(ids.first(), Some(&"educational_activity"));
    assert_eq!(ids.last(), Some(&"indicators"));
    let md = s.to_markdown();
    assert!(md.contains("20.04.2025"), "{md}");
    let mut last = 0;
    for (i, part) in s.sections.iter().enumerate() {
        let heading = format!("## {}. {}", i + 1, part.title);
        let at = md
            .find(&heading)
            .unwrap_or_else(|| panic!("{heading} not in markdown"));
        assert!(at > last, "{heading} out of order");
        last = at;
    }
    // The JSON skeleton is a valid input for the checks (with findings: nothing is filled in).
    let r = check_json(&s.to_input_json(), None).unwrap();
    assert!(r.findings.iter().any(|f| f.code == "section_empty"));
    assert!(r.findings.iter().any(|f| f.code == "not_signed"));
}

#[test]
fn attached_results_show_their_numbers() {
    let text =
        std::fs::read_to_string(fixtures().join("schools/index-2023/school_42.json")).unwrap();
    let report = vsoko::json::score_document(&text, None, vsoko::Options::default()).unwrap();
    let s = Skeleton::new(2023, vec![report.clone()]);
    let md = s.to_markdown();
    assert!(
        md.contains(&format!(
            "{} из 143 баллов",
            report.total.to_string().replace('.', ",")
        )),
        "{md}"
    );
    assert!(md.contains("| 3.3 | Психологический климат |"), "{md}");
    assert!(
        md.contains("### Индекс качества общего образования: "),
        "{md}"
    );
    // Every built-in is named by the short name in its data (nok-2019 was shown by its id).
    let nok = vsoko::Methodology::builtin("nok-2019").unwrap();
    let empty = nok
        .score(&vsoko::Values::default(), vsoko::Options::default())
        .unwrap();
    let md = Skeleton::new(2023, vec![empty]).to_markdown();
    assert!(
        md.contains("### Независимая оценка качества условий (приказы № 114 и № 344н): "),
        "{md}"
    );
    let doc = s.to_input_json();
    let back = check_json(&doc, None).unwrap();
    assert!(
        !back.findings.iter().any(|f| f.code == "indicators_missing"),
        "results count as content"
    );
}
