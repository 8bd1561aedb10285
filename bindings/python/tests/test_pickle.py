"""Errors and results cross process boundaries (pickle, multiprocessing) with every field."""

from __future__ import annotations

import multiprocessing
import pickle
from decimal import Decimal

import pytest
import vsoko
from conftest import FIXTURES, load


def _fields(e: vsoko.VsokoError):
    return (type(e), e.code, e.message, e.indicator, e.message_ru, e.problems, e.index, str(e), e.args)


def _errors() -> list[vsoko.VsokoError]:
    out = []
    for call in [
        lambda: vsoko.score({"1.1.1": 9}),
        lambda: vsoko.score_many([{"1.1.1": 1}, {"1.1.1": "abc"}]),
        lambda: vsoko.score({}, methodology="index-2025"),
        lambda: vsoko.Methodology.from_json((FIXTURES / "bad_methodologies" / "dup_ids.json").read_bytes()),
    ]:
        with pytest.raises(vsoko.VsokoError) as err:
            call()
        out.append(err.value)
    return out


def test_errors_pickle_with_every_field() -> None:
    errors = _errors()
    assert any(e.index is not None for e in errors)
    assert any(isinstance(e, vsoko.MethodologyError) and e.problems for e in errors)
    for e in errors:
        again = pickle.loads(pickle.dumps(e))
        assert _fields(again) == _fields(e)
    made = vsoko.InputError("invalid_value", "msg", "1.1.1", "сообщение", ["a", "b"], 7)
    again = pickle.loads(pickle.dumps(made))
    assert _fields(again) == _fields(made)
    assert (again.code, again.message_ru, again.problems, again.index) == ("invalid_value", "сообщение", ["a", "b"], 7)


def _result_fields(r: vsoko.Report):
    return (
        r.methodology,
        r.school,
        r.total,
        r.max,
        r.share,
        r.level,
        r.level_title,
        r.groups,
        r.indicators,
        r.missing,
        r.not_applicable,
        r.deficits,
        r.to_dict(),
        r.to_json(),
    )


def test_results_pickle_with_every_field() -> None:
    doc = load(FIXTURES / "schools" / "index-2023" / "school_42.json")
    custom = vsoko.Methodology.from_json((FIXTURES / "methodologies" / "school_custom.json").read_text("utf-8"))
    results = [
        vsoko.score(doc["values"]),
        vsoko.score({"3.2.1": 0.1, "3.2.2": "0.2"}),
        vsoko.score({"2.7": vsoko.NOT_APPLICABLE, "2.6": "н/п", "1.1": "9.5"}, methodology="nocko-1547"),
        vsoko.score({}),
        custom.score({}),
    ]
    for r in results:
        again = pickle.loads(pickle.dumps(r))
        assert isinstance(again, vsoko.Report)
        assert _result_fields(again) == _result_fields(r)
    assert pickle.loads(pickle.dumps(results[1])).total == Decimal("0.3")
    assert pickle.loads(pickle.dumps(results[2])).not_applicable == ["2.6", "2.7"]


def _worker(values):
    return vsoko.score(values)


def test_multiprocessing_worker_error_reaches_the_parent() -> None:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        ok = pool.apply_async(_worker, ({"1.1.1": 3, "1.1.2": "2.5"},)).get(timeout=60)
        assert ok.total == Decimal("5.5")
        bad = pool.apply_async(_worker, ({"1.1.1": 9},))
        with pytest.raises(vsoko.InputError) as err:
            bad.get(timeout=60)  # unpicklable errors made this hang forever
    assert (err.value.code, err.value.indicator) == ("value_out_of_range", "1.1.1")
    assert "1.1.1" in err.value.message_ru


def test_multiprocessing_pool_map_with_fork_or_default() -> None:
    with multiprocessing.Pool(2) as pool:
        res = pool.map_async(_worker, [{"1.1.1": 1}, {"1.1.1": "n/a"}])
        with pytest.raises(vsoko.InputError) as err:
            res.get(timeout=60)
    assert err.value.code == "not_applicable_forbidden"
