//! The plan's cycle end to end: the introduction plan and the objectivity plan imported as they
//! are (hand counts: `fixtures/plan/shapes_expected.json`), completion, marks, the effect of
//! measures and the carry-over into next year (hand counts: `fixtures/plan/cycle/expected.json`).

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;

use common::{fixtures, read_json, text, vsoko};
use serde_json::{Value as Json, json};

fn ok_json(args: &[&str]) -> Json {
    let o = vsoko(args);
    assert!(o.status.success(), "{args:?}: {}", text(&o.stderr));
    serde_json::from_str(&text(&o.stdout)).unwrap()
}

fn shapes(which: &str) -> Json {
    read_json(&fixtures().join("plan/shapes_expected.json"))[which].clone()
}

fn cycle(key: &str) -> Json {
    read_json(&fixtures().join("plan/cycle/expected.json"))[key].clone()
}

/// The number as the importer keeps it: `1.1.` → `1.1`.
fn number(n: &str) -> String {
    n.trim_end_matches('.').to_string()
}

#[test]
fn the_introduction_plan_imports_over_its_years() {
    let want = shapes("introduction_plan");
    let plan = ok_json(&["plan", "import", "plan/introduction_plan.csv"]);
    // No year in the title: the periods say 2019/20 (январь 2020) to 2025/26 (сентябрь 2025).
    assert_eq!(plan["academic_year"], "2019/20");
    assert_eq!(plan["until_year"], "2025/26");
    let items = plan["items"].as_array().unwrap();
    assert_eq!(items.len() as u64, want["items"].as_u64().unwrap());
    let ids: Vec<String> = items
        .iter()
        .map(|i| i["id"].as_str().unwrap().into())
        .collect();
    let want_ids: Vec<String> = want["item_numbers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| number(n.as_str().unwrap()))
        .collect();
    assert_eq!(ids, want_ids);
    for i in items {
        let id = i["id"].as_str().unwrap();
        assert_eq!(i["when"], want["periods"][id], "item {id}");
        assert_eq!(
            i["mechanism"], want["sections"][0],
            "item {id}: the section heading"
        );
        let people: Vec<&str> = want["responsible"][id]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        // Commas stay inside one responsible (as in «по УВР, ВР»): the cell is kept whole.
        assert_eq!(i["responsible"], json!([people.join(", ")]), "item {id}");
        assert!(
            i["result"].as_str().is_some_and(|r| !r.is_empty()),
            "{id}: expected result"
        );
    }
    // «май 2020 – май 2025» keeps its whole span: 61 months.
    let item8 = items.iter().find(|i| i["id"] == "8").unwrap();
    assert_eq!(item8["schedule"]["months"].as_array().unwrap().len(), 61);
    // A view shows the part in one year.
    let c = ok_json(&[
        "plan",
        "show",
        "plan/introduction_plan.csv",
        "--view",
        "cyclogram",
        "--in-year",
        "2022/23",
        "--format",
        "json",
    ]);
    assert_eq!(c["academic_year"], "2022/23");
    let entries: Vec<String> = c["rows"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["cells"].as_array().unwrap().iter())
        .flat_map(|cell| cell.as_array().unwrap().iter())
        .map(|e| e.as_str().unwrap().split('.').next().unwrap().to_string())
        .collect();
    // Items 8 and 9 run through 2022/23, every month of it.
    assert_eq!(entries.iter().filter(|e| *e == "8").count(), 12);
    assert_eq!(entries.iter().filter(|e| *e == "9").count(), 12);
    assert_eq!(entries.len(), 24);
    let o = vsoko(&[
        "plan",
        "show",
        "plan/introduction_plan.csv",
        "--in-year",
        "2030/31",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
}

#[test]
fn the_objectivity_plan_imports_with_sections_and_targets() {
    let want = shapes("objectivity_plan");
    let plan = ok_json(&["plan", "import", "plan/objectivity_plan.csv"]);
    assert_eq!(plan["academic_year"], "2021/22");
    let items = plan["items"].as_array().unwrap();
    assert_eq!(items.len() as u64, want["items"].as_u64().unwrap());
    let sections: Vec<&Json> = want["sections"].as_array().unwrap().iter().collect();
    let per: Vec<u64> = sections
        .iter()
        .map(|s| items.iter().filter(|i| i["mechanism"] == **s).count() as u64)
        .collect();
    let want_per: Vec<u64> = want["items_per_section"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect();
    assert_eq!(per, want_per);
    let mut previous = Json::Null;
    for (i, n) in items.iter().zip(want["item_numbers"].as_array().unwrap()) {
        let n = n.as_str().unwrap();
        assert_eq!(i["id"].as_str().unwrap(), number(n));
        assert_eq!(i["target"], want["targets"][n], "item {n}: the target");
        // An empty period cell under a filled one is a merged cell: it carries down.
        let period = match &want["periods"][n] {
            Json::Null => previous.clone(),
            p => p.clone(),
        };
        assert_eq!(i["when"], period, "item {n}");
        previous = i["when"].clone();
    }
}

#[test]
fn completion_counts_done_against_due() {
    let want = cycle("completion_as_of_2024_12_15");
    let c = ok_json(&[
        "plan",
        "show",
        "plan/cycle/marked_plan.json",
        "--view",
        "completion",
        "--as-of",
        "2024-12-15",
        "--format",
        "json",
    ]);
    assert_eq!(c["months"], want["months"]);
    assert_eq!(c["responsible"], want["responsible"]);
    for o in c["objects"].as_array().unwrap() {
        let w = &want["objects"][o["object"].as_str().unwrap()];
        assert_eq!(json!([o["due"], o["done"]]), *w, "{o}");
    }
    assert_eq!(c["objects"].as_array().unwrap().len(), 4);
    assert_eq!(c["total"], want["total"]);
    let overdue: Vec<&Json> = c["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| &i["id"])
        .collect();
    assert_eq!(json!(overdue), want["overdue"]);

    let year = cycle("completion_whole_year");
    let c = ok_json(&[
        "plan",
        "show",
        "plan/cycle/marked_plan.json",
        "--view",
        "completion",
        "--format",
        "json",
    ]);
    assert_eq!(c["months"], year["months"]);
    assert_eq!(c["total"], year["total"]);

    // The page and the Markdown carry the same numbers, escaped.
    let o = vsoko(&[
        "plan",
        "show",
        "plan/cycle/marked_plan.json",
        "--view",
        "completion",
        "--as-of",
        "2024-12-15",
        "--format",
        "html",
    ]);
    let page = text(&o.stdout);
    assert!(
        page.contains("<td>сентябрь 2024</td><td>2</td><td>1</td><td>50,00\u{a0}%</td>"),
        "{page}"
    );
    assert!(
        page.contains("Content-Security-Policy"),
        "scripts forbidden"
    );
}

#[test]
fn check_warns_about_items_past_due_and_unmarked_only() {
    let o = vsoko(&[
        "plan",
        "check",
        "plan/cycle/marked_plan.json",
        "--as-of",
        "2024-12-15",
        "--format",
        "json",
    ]);
    let r: Json = serde_json::from_str(&text(&o.stdout)).unwrap();
    let overdue: Vec<&Json> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "overdue")
        .map(|f| &f["item"])
        .collect();
    // 2 is marked not done, 4 moved to January, 3 is neither.
    assert_eq!(overdue, [&json!("3")]);
}

#[test]
fn marks_are_written_into_the_plan() {
    let dir = std::env::temp_dir().join(format!("vsoko-mark-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plan = dir.join("plan.json");
    std::fs::copy(fixtures().join("plan/cycle/marked_plan.json"), &plan).unwrap();
    let p = plan.to_str().unwrap();
    let o = vsoko(&[
        "plan",
        "mark",
        p,
        "3",
        "--done",
        "--on",
        "2024-12-16",
        "--note",
        "проведено",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let o = vsoko(&["plan", "mark", p, "6", "--moved-to", "2025-02-10"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let back = read_json(&plan);
    let item = |id: &str| {
        back["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(item("3")["status"], "done");
    assert_eq!(item("3")["done_on"], "2024-12-16");
    assert_eq!(item("3")["note"], "проведено");
    assert_eq!(item("6")["status"], "moved");
    assert_eq!(item("6")["moved_to"], "2025-02-10");
    // Nothing else changed (the period read is written beside the text).
    let mut first = item("1");
    first.as_object_mut().unwrap().remove("schedule");
    assert_eq!(
        first,
        read_json(&fixtures().join("plan/cycle/marked_plan.json"))["items"][0]
    );
    // An unknown item names the ones there are; no mark is a usage error; a table needs -o.
    let o = vsoko(&["plan", "mark", p, "99", "--done"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("«99»"), "{}", text(&o.stderr));
    let o = vsoko(&["plan", "mark", p, "3"]);
    assert_eq!(o.status.code(), Some(2));
    let o = vsoko(&["plan", "mark", "plan/objectivity_plan.csv", "1.1", "--done"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("-o plan.json"),
        "{}",
        text(&o.stderr)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_effect_of_measures_is_the_wire_contract() {
    let want = cycle("effect");
    let o = vsoko(&[
        "plan",
        "effect",
        "plan/cycle/actions.json",
        "--before",
        "plan/cycle/before_marks.json",
        "plan/cycle/before_tasks.json",
        "--after",
        "plan/cycle/after_marks.json",
        "plan/cycle/after_tasks.json",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let e: Json = serde_json::from_str(&text(&o.stdout)).unwrap();
    assert_eq!(e["measures"], want["measures"]);
    let un = &e["unmeasured"][0];
    assert_eq!(
        json!([{"item": un["item"], "missing_in": un["missing_in"]}]),
        want["unmeasured"]
    );
    assert!(text(&o.stderr).contains("failing-5a"), "said on stderr");
    // Every outcome is there once.
    let mut outcomes: Vec<&str> = e["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["outcome"].as_str().unwrap())
        .collect();
    outcomes.sort_unstable();
    assert_eq!(outcomes, ["closed", "narrowed", "unchanged", "widened"]);

    // --update marks the re-control items with the outcome.
    let out = std::env::temp_dir().join(format!("vsoko-effect-{}.json", std::process::id()));
    let o = vsoko(&[
        "plan",
        "effect",
        "plan/cycle/actions.json",
        "--before",
        "plan/cycle/before_marks.json",
        "plan/cycle/before_tasks.json",
        "--after",
        "plan/cycle/after_marks.json",
        "plan/cycle/after_tasks.json",
        "--update",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let report = text(&o.stdout);
    assert!(
        report.contains("### Меры дали результат")
            && report.contains("### Меры не дали результата"),
        "{report}"
    );
    let plan = read_json(&out);
    let effect = |id: &str| {
        plan["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()["effect"]
            .clone()
    };
    assert_eq!(effect("failing-9v-recontrol"), "closed");
    assert_eq!(effect("tasks-8a-recontrol"), "widened");
    assert_eq!(effect("failing-5a-recontrol"), Json::Null);
    std::fs::remove_file(&out).ok();

    let o = vsoko(&[
        "plan",
        "effect",
        "plan/cycle/actions.json",
        "--before",
        "plan/cycle/actions.json",
        "--after",
        "plan/cycle/after_marks.json",
    ]);
    assert_eq!(o.status.code(), Some(2), "a plan is not a result");
}

#[test]
fn unresolved_gaps_carry_into_next_year() {
    let want = cycle("next_2025_26");
    let o = vsoko(&[
        "plan",
        "next",
        "plan/cycle/actions.json",
        "--results",
        "plan/cycle/after_marks.json",
        "plan/cycle/after_tasks.json",
        "--year",
        "2025/26",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let next: Json = serde_json::from_str(&text(&o.stdout)).unwrap();
    assert_eq!(next["academic_year"], "2025/26");
    let items = next["items"].as_array().unwrap();
    let ids: Vec<&Json> = items.iter().map(|i| &i["id"]).collect();
    assert_eq!(json!(ids), want["items"]);
    assert_eq!(items[0]["schedule"]["months"], want["first_item_months"]);
    assert_eq!(items[0]["status"], "planned", "marks are not carried");
    for (id, lost) in want["carried_lost"].as_object().unwrap() {
        let i = items.iter().find(|i| i["id"] == *id).unwrap();
        assert_eq!(i["deficit"]["lost"], *lost, "{id}");
        let from = id.trim_start_matches("carried-");
        assert_eq!(i["carried_from"], from);
        assert!(
            i["content"]
                .as_str()
                .unwrap()
                .contains(&format!("(пункт {from})"))
        );
    }
    let r = items
        .iter()
        .find(|i| i["id"] == "carried-failing-7b-recontrol")
        .unwrap();
    assert_eq!(r["follows_up"], "carried-failing-7b");
    for gone in want["left_out"].as_array().unwrap() {
        assert!(text(&o.stderr).contains(&format!(
            "пункт {}: разрыв устранён",
            gone.as_str().unwrap()
        )));
    }
    // The next plan passes its own reading.
    let o = vsoko(&[
        "plan",
        "next",
        "plan/cycle/actions.json",
        "--year",
        "2023/24",
    ]);
    assert_eq!(o.status.code(), Some(2), "a year before the plan's");
}

#[test]
fn the_nok_rhythm_is_checked_from_the_plans_settings() {
    let dir = std::env::temp_dir().join(format!("vsoko-nok-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, last: &str, content: &str| {
        let p = dir.join(name);
        std::fs::write(
            &p,
            json!({"academic_year": "2024/25", "last_nok": last, "items": [
                {"id": "1", "when": "октябрь", "content": content, "responsible": ["Директор"], "result": "Отчёт"}]})
            .to_string(),
        )
        .unwrap();
        p
    };
    let codes = |p: &std::path::Path| -> Vec<String> {
        let o = vsoko(&["plan", "check", p.to_str().unwrap(), "--format", "json"]);
        let r: Json = serde_json::from_str(&text(&o.stdout)).unwrap();
        r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    };
    // 2021-10-01 + 3 years is inside 2024/25: due, and nothing plans it.
    assert!(
        codes(&write("a.json", "2021-10-01", "Анализ ВПР")).contains(&"nok_due_unplanned".into())
    );
    assert!(
        !codes(&write(
            "b.json",
            "2021-10-01",
            "Подготовка к независимой оценке качества условий"
        ))
        .contains(&"nok_due_unplanned".into())
    );
    assert!(
        !codes(&write("c.json", "2023-10-01", "Анализ ВПР")).contains(&"nok_due_unplanned".into())
    );
    std::fs::remove_dir_all(&dir).ok();
}
