"""score_frame (pandas) agrees with score_many."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
import vsoko

pd = pytest.importorskip("pandas")


def _schools(n: int, seed: int = 42):
    rnd = random.Random(seed)
    m = vsoko.Methodology.builtin("index-2023")
    rows = []
    for s in range(n):
        row = {"school": f"Школа {s}"}
        for ind in m.indicators:
            cap = int(ind["max"])
            r = rnd.random()
            row[ind["id"]] = None if r < 0.03 else rnd.randint(0, 2 * cap) / 2
        rows.append(row)
    return rows


def test_frame_of_1000_schools_equals_score_many() -> None:
    rows = _schools(1000)
    df = pd.DataFrame(rows)
    out = vsoko.score_frame(df, id_column="school")
    many = vsoko.score_many([{k: v for k, v in r.items() if k != "school"} for r in rows])
    assert list(out.index) == [r["school"] for r in rows]
    assert list(out["total"]) == [r.total for r in many]
    assert list(out["level"]) == [r.level for r in many]
    for g in ["1", "1.1", "3.3"]:
        assert list(out[g]) == [next(x["points"] for x in r.groups if x["id"] == g) for r in many]
    assert isinstance(out["total"].iloc[0], Decimal)


def test_frame_errors_name_row_and_column() -> None:
    df = pd.DataFrame([{"school": "А", "1.1.1": 3}, {"school": "Б", "1.1.1": 7}])
    with pytest.raises(vsoko.InputError) as err:
        vsoko.score_frame(df)
    assert (err.value.index, err.value.indicator) == (1, "1.1.1")
    with pytest.raises(vsoko.InputError) as err2:
        vsoko.score_frame(pd.DataFrame([{"school": "А", "1.1.99": 1}]))
    assert err2.value.code == "unknown_indicator"


def test_float32_column_keeps_its_own_decimal_text() -> None:
    df = pd.DataFrame({"3.2.1": pd.Series([0.1, 0.7, None], dtype="float32"), "3.2.2": [0.2, 0.1, 0.3]})
    out = vsoko.score_frame(df, id_column=None)
    assert list(out["total"]) == [Decimal("0.3"), Decimal("0.8"), Decimal("0.3")]
    assert all("0000" not in str(t) for t in out["total"])
    nullable = pd.DataFrame({"3.2.1": pd.array([0.1, None], dtype="Float32")})
    assert list(vsoko.score_frame(nullable, id_column=None)["total"]) == [Decimal("0.1"), Decimal(0)]


def test_nullable_columns_and_na_are_missing_or_not_applicable() -> None:
    df = pd.DataFrame(
        {
            "school": ["А", "Б", "В"],
            "1.1": pd.array([10, pd.NA, 3], dtype="Int64"),
            "1.2": pd.array([pd.NA, 2.5, 1.0], dtype="Float64"),
            "2.6": pd.array(["n/a", pd.NA, "Н/п"], dtype="string"),
            "2.7": pd.Series(["N/A", None, "н/п"], dtype=object),
            "2.5": [float("nan"), 1.0, None],
        }
    )
    out = vsoko.score_frame(df, methodology="nocko-1547")
    want = [
        vsoko.score({"1.1": 10, "2.6": "n/a", "2.7": "n/a"}, methodology="nocko-1547"),
        vsoko.score({"1.2": "2.5", "2.5": 1}, methodology="nocko-1547"),
        vsoko.score({"1.1": 3, "1.2": 1, "2.6": "n/a", "2.7": "n/a"}, methodology="nocko-1547"),
    ]
    assert list(out.index) == ["А", "Б", "В"]
    assert list(out["total"]) == [r.total for r in want]
    assert list(out["level"]) == [r.level for r in want]
    assert want[0].max == Decimal(90)  # the n/a cells did remove their indicators


def test_duplicated_column_is_an_input_error() -> None:
    df = pd.DataFrame([[1, 2, 3]], columns=["1.1.1", "1.1.2", "1.1.1"])
    with pytest.raises(vsoko.InputError) as err:
        vsoko.score_frame(df, id_column=None)
    assert (err.value.code, err.value.indicator) == ("duplicate_indicator", "1.1.1")
    assert "1.1.1" in str(err.value) and "1.1.1" in err.value.message_ru
    schools = pd.DataFrame([["А", "Б", 1]], columns=["school", "school", "1.1.1"])
    with pytest.raises(vsoko.InputError) as err2:
        vsoko.score_frame(schools)
    assert (err2.value.code, err2.value.indicator) == ("duplicate_indicator", "school")


@pytest.mark.parametrize(
    "bad",
    [[1, 2], pd.Timestamp("2024-01-01"), True, {"a": 1}, b"3", object()],
    ids=["list", "datetime", "bool", "dict", "bytes", "object"],
)
def test_wrong_typed_cell_names_row_and_indicator(bad) -> None:
    cells = pd.Series([1, 2, bad, 0], dtype=object, index=["r0", "r1", "r2", "r3"])
    df = pd.DataFrame({"school": ["А", "Б", "В", "Г"], "1.1.2": cells}, index=["r0", "r1", "r2", "r3"])
    with pytest.raises(vsoko.InputError) as err:
        vsoko.score_frame(df)
    assert (err.value.code, err.value.index, err.value.indicator) == ("invalid_value", 2, "1.1.2")
    assert "'r2'" in err.value.message and "1.1.2" in err.value.message
    assert "1.1.2" in err.value.message_ru


def test_datetime_column_error_names_the_row() -> None:
    df = pd.DataFrame({"1.1.1": pd.to_datetime(["2024-01-01"])}, index=[41])
    with pytest.raises(vsoko.InputError) as err:
        vsoko.score_frame(df, id_column=None)
    assert (err.value.index, err.value.indicator) == (0, "1.1.1")
    assert "row 41" in err.value.message


def test_frame_is_scored_in_chunks_with_global_row_positions(monkeypatch) -> None:
    import vsoko._frame as frame

    monkeypatch.setattr(frame, "CHUNK_ROWS", 7)
    monkeypatch.setattr(frame, "BLOCK_BYTES", 0)
    rows = _schools(50, seed=7)
    df = pd.DataFrame(rows)
    out = vsoko.score_frame(df)
    many = vsoko.score_many([{k: v for k, v in r.items() if k != "school"} for r in rows])
    assert list(out["total"]) == [r.total for r in many]
    assert list(out["level"]) == [r.level for r in many], "level chunks joined in order"
    assert list(out.index) == [r["school"] for r in rows]
    df.loc[23, "1.1.1"] = 99
    with pytest.raises(vsoko.InputError) as err:
        vsoko.score_frame(df)
    assert (err.value.index, err.value.code, err.value.indicator) == (23, "value_out_of_range", "1.1.1")
    assert "row 23" in err.value.message
    empty = vsoko.score_frame(pd.DataFrame({"school": [], "1.1.1": []}))
    assert len(empty) == 0 and "total" in empty.columns


def _many(rows):
    return vsoko.score_many([{k: v for k, v in r.items() if k != "school"} for r in rows])


@pytest.mark.parametrize("kind", ["float64", "nullable", "pyarrow", "float32", "mixed"])
def test_numeric_columns_cross_as_arrays_and_equal_score_many(kind: str) -> None:
    """NumPy float64 (NaN = missing), nullable Float64 (NA), Arrow-backed and float32 columns are
    read from their arrays; every result equals the per-dict path exactly."""
    rows = _schools(300, seed=7)
    df = pd.DataFrame(rows)
    assert str(df["1.1.1"].dtype) == "float64"
    if kind == "nullable":
        df = df.convert_dtypes()
    elif kind == "pyarrow":  # pyarrow is a dependency of the package
        df = df.convert_dtypes(dtype_backend="pyarrow")
    elif kind == "float32":
        df = df.astype({c: "float32" for c in df.columns if c != "school"})
    elif kind == "mixed":  # plain float64 columns cross as one block among the others
        ids = [c for c in df.columns if c != "school"]
        df = df.astype({c: "Float64" for c in ids[::5]}).astype({c: object for c in ids[1::7]})
        assert (df.dtypes == "float64").sum() > 30
    out = vsoko.score_frame(df, id_column="school")
    assert list(out["total"]) == [r.total for r in _many(rows)]


def test_int64_columns_and_a_whole_frame_of_ints() -> None:
    m = vsoko.Methodology.builtin("index-2023")
    ids = [i["id"] for i in m.indicators]
    df = pd.DataFrame({i: [1, 0, 1] for i in ids})
    assert str(df[ids[0]].dtype) == "int64"
    out = vsoko.score_frame(df, id_column=None)
    assert list(out["total"]) == [Decimal(72), Decimal(0), Decimal(72)]


@pytest.mark.parametrize("column", ["1.1.1", "3.3.1"])
@pytest.mark.parametrize(("value", "code"), [(float("inf"), "invalid_value"), (-1.0, "value_out_of_range"), (4.0, "value_out_of_range")])
def test_a_bad_number_in_an_array_names_row_and_indicator(value: float, code: str, column: str) -> None:
    rows = _schools(50, seed=3)
    df = pd.DataFrame(rows)
    df.loc[17, column] = value
    with pytest.raises(vsoko.InputError) as e:
        vsoko.score_frame(df, id_column="school")
    assert (e.value.code, e.value.index, e.value.indicator) == (code, 17, column)
    assert "row 17" in str(e.value)


def test_polars_in_polars_out() -> None:
    pl = pytest.importorskip("polars")
    rows = _schools(40, seed=11)
    out = vsoko.score_frame(pl.DataFrame(rows), id_column="school")
    assert isinstance(out, pl.DataFrame)
    assert out["school"].to_list() == [r["school"] for r in rows]
    assert isinstance(out.schema["total"], pl.Decimal)
    assert [Decimal(str(x)) for x in out["total"].to_list()] == [r.total for r in _many(rows)]


def test_without_pyarrow_the_columns_hold_decimal_objects(monkeypatch) -> None:
    from vsoko import _frame

    rows = _schools(30, seed=5)
    arrow = vsoko.score_frame(pd.DataFrame(rows), id_column="school")
    # pyarrow is a dependency: the fallback below serves installs without it (--no-deps).
    assert _frame._pyarrow() is not None
    assert str(arrow["total"].dtype).startswith("decimal128(38, ")
    monkeypatch.setattr(_frame, "_pyarrow", lambda: None)
    plain = vsoko.score_frame(pd.DataFrame(rows), id_column="school")
    assert plain["total"].dtype == object and isinstance(plain["total"].iloc[0], Decimal)
    assert list(plain["total"]) == list(arrow["total"]) == [r.total for r in _many(rows)]
    assert list(plain["level"]) == list(arrow["level"])
    assert plain["level"].dtype == arrow["level"].dtype, "the dtype pandas gives level ids"


def test_result_columns_are_the_clis_with_a_share_of_a_zero_maximum_empty(monkeypatch) -> None:
    """The frame has the CLI's result columns in its order; the share of a school whose every
    indicator is not applicable (maximum 0) is empty, with pyarrow and without."""
    from vsoko import _frame

    m = vsoko.Methodology.builtin("nocko-1547")
    ids = [i["id"] for i in m.indicators]
    rows = [{"school": "А", **{i: "n/a" for i in ids}}, {"school": "Б", ids[0]: 7}]
    frames = [vsoko.score_frame(pd.DataFrame(rows), methodology=m)]
    monkeypatch.setattr(_frame, "_pyarrow", lambda: None)
    frames.append(vsoko.score_frame(pd.DataFrame(rows), methodology=m))
    for out in frames:
        assert list(out.columns)[:5] == ["total", "max", "share", "level", "level_title"]
        want = m.score({ids[0]: 7})
        assert list(out["max"]) == [Decimal(0), want.max]
        assert pd.isna(out["share"].iloc[0]) and out["share"].iloc[1] == want.share
        assert out["level"].iloc[1] == want.level and out["level_title"].iloc[1] == want.level_title


def test_russian_label_columns_are_read_as_the_cli_reads_them() -> None:
    """«Школа», «Период» and «МО» are the school, period and municipality (the core's header
    mapper, shared with the CLI), not unknown indicators."""
    df = pd.DataFrame({"МО": ["Район А", "Район Б"], "Школа": ["№ 1", "№ 2"], "Период": ["2024", "2024"],
                       "1.1.1": [3.0, 1.5], "1.1.2": [1, 2]})
    out = vsoko.score_frame(df)
    assert list(out.index) == ["№ 1", "№ 2"]
    assert list(out["total"]) == [Decimal(4), Decimal("3.5")]
    assert list(out["period"]) == ["2024", "2024"] and list(out["municipality"]) == ["Район А", "Район Б"]
    with pytest.raises(vsoko.InputError) as e:
        vsoko.score_frame(pd.DataFrame({"Школа": ["№ 1"], "1.1.99": [1]}))
    assert e.value.code == "unknown_indicator"


def test_a_nullable_int_column_beyond_2_53_is_not_rounded_through_a_float() -> None:
    from vsoko._arrays import is_number_column

    big = pd.Series([2**53 + 1, None], dtype="Int64")
    assert not is_number_column(big)  # it takes the exact per-cell path
    assert is_number_column(pd.Series([1, None], dtype="Int64"))
    assert not is_number_column(pd.Series([True, False]))
    assert not is_number_column(pd.Series([2**63], dtype="uint64"))
    assert is_number_column(pd.Series([3], dtype="uint64"))
    with pytest.raises(vsoko.InputError) as e:
        vsoko.score_frame(pd.DataFrame({"1.1.1": big}), id_column=None)
    assert "9007199254740993" in str(e.value)


def test_a_block_whose_last_row_lies_past_its_bytes_is_refused() -> None:
    """The private table call checks that the last row of a block lies inside its bytes, with
    no wrap-around for a huge stride (which would read the first cell for every row)."""
    m = vsoko.Methodology.builtin("index-2023")
    cell = bytes(8)  # one float64 zero
    with pytest.raises(TypeError):
        m._score_table([("1.1.1", ("f8", cell, 2**63, 0, 3))])
    with pytest.raises(TypeError):
        m._score_table([("1.1.1", ("f8", cell, 1, 1, 1))])
    out = m._score_table([("1.1.1", ("f8", cell, 1, 0, 1))])
    assert out["total"] == [Decimal(0)]


def test_int64_columns_are_added_up_beside_float_columns_and_bad_ints_are_named_exactly(monkeypatch) -> None:
    """int64 and float64 columns side by side take the number lane (in chunks here); an int
    over the cap, negative or beyond 2^53 is named with its row, column and exact digits."""
    import vsoko._frame as frame

    monkeypatch.setattr(frame, "BLOCK_BYTES", 0)  # chunks of CHUNK_ROWS rows
    monkeypatch.setattr(frame, "CHUNK_ROWS", 16)
    rows = _schools(60, seed=9)
    df = pd.DataFrame(rows)
    ids = [c for c in df.columns if c != "school"]
    df[ids] = df[ids].fillna(0).round()
    df = df.astype({c: "int64" for c in ids[1::2]})
    df = df.astype({ids[2]: "Int64"})  # a nullable int column among them, with a gap
    df.loc[5, ids[2]] = pd.NA
    records = [
        {k: (None if pd.isna(v) else v) for k, v in r.items() if k != "school"} for r in df.to_dict("records")
    ]
    assert list(vsoko.score_frame(df)["total"]) == [r.total for r in vsoko.score_many(records)]
    column = ids[1]
    for value in (7, -1, 2**62 + 1):
        bad = df.copy()
        bad.loc[41, column] = value
        with pytest.raises(vsoko.InputError) as e:
            vsoko.score_frame(bad)
        assert (e.value.code, e.value.index, e.value.indicator) == ("value_out_of_range", 41, column)
        assert str(value) in e.value.message
