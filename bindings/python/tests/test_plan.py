"""vsoko.Plan and vsoko.plan_actions against the shared plan fixtures (counted by hand)."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest

import vsoko

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"


def test_source_tables_import_with_the_hand_counts() -> None:
    expected = {e["file"]: e for e in json.loads((FIXTURES / "plan/expected.json").read_text("utf-8"))}
    for name in ["cyclogram_2023_24.csv", "monthly_plan_2023_24.csv"]:
        plan = vsoko.Plan.from_file(FIXTURES / "plan" / name, "2023/24")
        assert len(plan.items) == expected[name]["items"], name
        months: dict[str, int] = {}
        for item in plan.items:
            for m in (item["schedule"] or {}).get("months") or ["none"]:
                months[m] = months.get(m, 0) + 1
        assert months == expected[name]["items_per_month"], name


def test_every_finding_fixture_gives_its_code() -> None:
    index = json.loads((FIXTURES / "plan/findings/index.json").read_text("utf-8"))
    for case in index:
        plan = vsoko.Plan.from_file(FIXTURES / "plan/findings" / case["file"])
        result = plan.check(as_of=case["options"].get("as_of"))
        codes = sorted({f["code"] for f in result["findings"]})
        assert codes == case["codes"], case["file"]
        for f in result["findings"]:
            # `message` is English, `message_ru` Russian, as in errors.
            assert f["message"] != f["message_ru"], f
            assert any(len(w) >= 4 and w.isascii() and w.isalpha() for w in f["message"].split()), f
            assert any("а" <= c <= "я" for c in f["message_ru"].lower()), f
            assert "message_en" not in f and {"item", "section", "field"} <= f.keys(), f


def test_actions_round_trip_from_a_result() -> None:
    values = json.loads((FIXTURES / "schools/index-2023/school_42.json").read_text("utf-8"))["values"]
    result = vsoko.score(values)
    base = vsoko.Plan.from_file(FIXTURES / "plan/findings/complete.json")
    plan = vsoko.plan_actions(result, datetime.date(2024, 1, 15), top=2, plan=base)
    actions = [i for i in plan.items if "deficit" in i]
    assert len(actions) == 2
    assert all(isinstance(a["deficit"]["lost"], Decimal) for a in actions)
    assert actions[0]["deficit"]["lost"] >= actions[1]["deficit"]["lost"]
    followed = {i["follows_up"] for i in plan.items if "follows_up" in i}
    assert {a["id"] for a in actions} <= followed
    assert "no_recontrol" not in {f["code"] for f in plan.check()["findings"]}


def test_views_and_template() -> None:
    plan = vsoko.Plan.template("cyclogram-2023", "2024/25")
    c = plan.cyclogram()
    assert c["columns"][0] == "2024-08" and len(c["rows"]) == 8
    assert "<table>" in plan.cyclogram("html") and "<script" not in plan._repr_html_()
    assert plan.cyclogram("markdown").startswith("## Циклограмма ВСОКО на 2024/25")
    assert plan.agenda("по ВР")["items"]
    assert "due" in plan.due("2024-10-01")
    # Every view in every format comes from the core's one entry point.
    assert plan.agenda("по ВР", "markdown").startswith("## ")
    assert "Content-Security-Policy" in plan.due("2024-10-01", "html")
    with pytest.raises(vsoko.VsokoError) as e:
        plan.due("2024-13-01")
    assert e.value.code == "invalid_date"
    with pytest.raises(vsoko.VsokoError) as e:
        plan.cyclogram("pdf")
    assert e.value.code == "invalid_input"


def test_bad_plans_raise_vsoko_errors() -> None:
    with pytest.raises(vsoko.InputError) as e:
        vsoko.Plan.from_json("")
    assert e.value.code == "empty_input"
    with pytest.raises(vsoko.InputError) as e:
        vsoko.Plan.from_dict({"academic_year": "2023/24", "items": [
            {"id": "1", "when": "май", "content": "a"}, {"id": "1", "when": "май", "content": "b"}]})
    assert e.value.code == "invalid_input"
    with pytest.raises(vsoko.InputError):
        vsoko.Plan.from_rows([["Содержание", "Цвет"], ["a", "b"]], "2023/24")
    with pytest.raises(vsoko.InputError) as e:
        vsoko.Plan.template("cyclogram-2023", "2024-25x")
    assert e.value.code == "invalid_input"


def test_a_plan_holds_the_cores_value_and_pickles() -> None:
    import pickle

    plan = vsoko.Plan.template("cyclogram-2023", "2024/25")
    assert type(plan._plan).__name__ == "_Plan" and len(plan._plan) == len(plan.items)
    plan.items[0]["content"] = "changed"  # a copy: the plan itself is the core's value
    assert "changed" not in plan.to_json()
    again = pickle.loads(pickle.dumps(plan))
    assert again.to_json() == plan.to_json() and repr(again) == repr(plan)
    assert json.loads(plan.to_json())["academic_year"] == "2024/25"


def test_actions_take_the_report_object_or_its_json_alike() -> None:
    values = json.loads((FIXTURES / "schools/index-2023/school_42.json").read_text("utf-8"))["values"]
    result = vsoko.score(values)
    when = datetime.date(2024, 1, 15)
    from_object = vsoko.plan_actions(result, when, top=2)
    assert from_object.to_json() == vsoko.plan_actions(result.to_json(), when, top=2).to_json()
    assert from_object.to_json() == vsoko.plan_actions(result.to_dict(), when, top=2).to_json()
    with pytest.raises(vsoko.InputError):
        vsoko.plan_actions("{}", when)


CYCLE = FIXTURES / "plan/cycle"


def _cycle_expected(key: str) -> dict:
    return json.loads((CYCLE / "expected.json").read_text("utf-8"))[key]


def test_both_new_plan_shapes_import_with_the_hand_counts() -> None:
    shapes = json.loads((FIXTURES / "plan/shapes_expected.json").read_text("utf-8"))
    intro = vsoko.Plan.from_file(FIXTURES / "plan/introduction_plan.csv")
    assert len(intro.items) == shapes["introduction_plan"]["items"]
    assert intro.to_dict()["until_year"] == "2025/26"
    assert len(intro.in_year("2022/23").items) == 2
    objectivity = vsoko.Plan.from_file(FIXTURES / "plan/objectivity_plan.csv")
    assert len(objectivity.items) == shapes["objectivity_plan"]["items"]
    assert objectivity.items[0]["target"] == shapes["objectivity_plan"]["targets"]["1.1."]


def test_completion_and_marks() -> None:
    want = _cycle_expected("completion_as_of_2024_12_15")
    plan = vsoko.Plan.from_file(CYCLE / "marked_plan.json")
    c = plan.completion(as_of=datetime.date(2024, 12, 15))
    assert [(m["month"], m["due"], m["done"], m["pct"]) for m in c["months"]] == [
        (m["month"], m["due"], m["done"], Decimal(m["pct"])) for m in want["months"]
    ]
    assert c["total"]["pct"] == Decimal(want["total"]["pct"])
    assert isinstance(c["responsible"][0]["pct"], Decimal)
    marked = plan.mark("3", "done", on="2024-12-16", note="проведено")
    assert [i["status"] for i in marked.items if i["id"] == "3"] == ["done"]
    assert [i["status"] for i in plan.items if i["id"] == "3"] == ["planned"], "the plan itself is unchanged"
    assert marked.completion(as_of="2024-12-16")["total"]["done"] == 4
    with pytest.raises(vsoko.VsokoError) as e:
        plan.mark("3", "finished")
    assert e.value.code == "invalid_input"
    with pytest.raises(vsoko.VsokoError):
        plan.mark("99", "cancelled")
    assert "<td>сентябрь 2024</td>" in plan.completion(as_of="2024-12-15", format="html")


def test_effect_and_next_year() -> None:
    want = _cycle_expected("effect")
    plan = vsoko.Plan.from_file(CYCLE / "actions.json")
    read = lambda name: json.loads((CYCLE / name).read_text("utf-8"))
    before = [read("before_marks.json"), (CYCLE / "before_tasks.json").read_text("utf-8")]
    after = [read("after_marks.json"), read("after_tasks.json")]
    effect, updated = plan.effect(before, after)
    assert [(m["item"], m["target"], m["before"], m["after"], m["outcome"]) for m in effect["measures"]] == [
        (m["item"], m["target"], Decimal(m["before"]), Decimal(m["after"]), m["outcome"]) for m in want["measures"]
    ]
    assert [u["item"] for u in effect["unmeasured"]] == ["failing-5a"]
    assert {i["id"]: i.get("effect") for i in updated.items}["tasks-8a-recontrol"] == "widened"
    nxt, report = plan.next_year("2025/26", after)
    assert [i["id"] for i in nxt.items] == _cycle_expected("next_2025_26")["items"]
    assert {r["item"]: r["gap"] for r in report}["failing-9v"] == Decimal(0)
