"""zhengce.table and to_pandas: the command line's columns, explicit dtypes."""

import json
import subprocess
from decimal import Decimal

import pytest

import zhengce
from conftest import FIXTURES

KINDS = ["sections", "references", "responsibilities", "quantities", "contacts"]


def walk(sections):
    for s in sections:
        yield s
        yield from walk(s["children"])


def test_rows_are_the_cli_rows(paths, cli):
    docs = list(zhengce.parse_files(paths, offsets="bytes"))
    for kind in KINDS:
        out = subprocess.run(
            [cli, "table", kind, "--format", "jsonl", "-q", *paths], check=True, capture_output=True
        ).stdout
        expected = [json.loads(line) for line in out.splitlines()]
        assert zhengce.table(kind, docs) == expected, kind


def test_columns_and_rows(paths):
    docs = list(zhengce.parse_files(paths))
    for kind in KINDS:
        rows = zhengce.table(kind, docs)
        assert rows or kind == "contacts", f"the fixtures have {kind}"
        assert all(list(r) == zhengce.columns(kind) for r in rows)
    sections = zhengce.table("sections", docs[0])
    assert [r["path"] for r in sections] == [s["path"] for s in walk(docs[0]["sections"])]


def test_error_records_give_no_rows(tmp_path, paths):
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\0\0\0\0binary")
    docs = list(zhengce.parse_files([str(binary), paths[0]]))
    assert "error" in docs[0]
    assert zhengce.table("sections", docs) == zhengce.table("sections", docs[1:])


def test_unknown_table_and_foreign_dicts():
    with pytest.raises(ValueError):
        zhengce.table("contacts_and_more", [])
    with pytest.raises(ValueError):
        zhengce.table("sections", [{"not": "a document"}])


def test_to_pandas_keeps_every_path_distinct_and_as_printed(paths):
    pd = pytest.importorskip("pandas")
    docs = list(zhengce.parse_files(paths))
    frame = zhengce.to_pandas("sections", docs)
    assert str(frame["path"].dtype) == "string"
    for doc in docs:
        printed = [s["path"] for s in walk(doc["sections"])]
        got = frame.loc[frame["file"] == doc["source"]["path"], "path"].tolist()
        assert got == printed, doc["source"]["path"]
        assert len(set(got)) == len(got), "paths are unique in a document"
    assert "4.10" in frame["path"].tolist() and "4.1" not in frame.loc[
        frame["file"].str.endswith("003_b4600086fd213c1b.txt"), "path"
    ].tolist()
    assert frame["start"].dtype == "int64" and frame["level"].dtype == "int64"
    assert isinstance(frame, pd.DataFrame)


def test_to_pandas_dtypes_and_exact_values(paths):
    pytest.importorskip("pandas")
    docs = list(zhengce.parse_files(paths))
    q = zhengce.to_pandas("quantities", docs)
    assert list(q.columns) == zhengce.columns("quantities")
    assert str(q["deadline"].dtype) == "string" and str(q["section"].dtype) == "string"
    assert q["approximate"].dtype == "bool"
    assert all(isinstance(v, Decimal) for v in q["value"])
    assert all(v is None or isinstance(v, Decimal) for v in q["value_max"])
    deadlines = set(q["deadline"].dropna())
    assert deadlines and all(not d.endswith(".0") for d in deadlines), deadlines
    rows = zhengce.table("quantities", docs)
    for row, value in zip(rows, q["value"]):
        printed = repr(row["value"]) if isinstance(row["value"], float) else str(row["value"])
        assert value == Decimal(printed), row["raw"]
    fractional = [v for v in q["value"] if v != v.to_integral_value()]
    assert fractional, "the fixtures have fractional values"
    assert all(len(str(v)) < 12 for v in fractional), "no binary float digits leak in"
    r = zhengce.to_pandas("references", docs)
    assert str(r["doc_number"].dtype) == "string"


def test_to_pandas_of_nothing_has_the_columns():
    pytest.importorskip("pandas")
    frame = zhengce.to_pandas("responsibilities", [])
    assert list(frame.columns) == zhengce.columns("responsibilities") and len(frame) == 0


def test_case_fixture_values():
    pytest.importorskip("pandas")
    doc = zhengce.parse("一、总体要求\n（一）目标。到2025年，覆盖率达到百分之一点五七。\n", path="case.txt")
    q = zhengce.to_pandas("quantities", doc)
    assert q["value"].tolist() == [Decimal("1.57")]
    assert q["deadline"].tolist() == ["2025"]
    assert q["section"].tolist() == ["1.1"]
