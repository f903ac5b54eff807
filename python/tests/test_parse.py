"""zhengce.parse and parse_file: the dict is the JSON contract, errors carry codes."""

import json
import subprocess

import pytest

import zhengce
from conftest import FIXTURES, ROOT

SEED = FIXTURES / "seeds" / "003_b4600086fd213c1b.txt"


def test_readme_example_prints_the_doc_number():
    doc = zhengce.parse(SEED.read_bytes())
    assert doc["doc_number"]["normalized"] == "津质量发〔2023〕3号"


def test_char_offsets_slice_the_python_string():
    data = SEED.read_bytes()
    text = data.decode("utf-8")
    doc = zhengce.parse(data)
    start, end = doc["doc_number"]["span"]
    assert text[start:end] == doc["doc_number"]["raw"], "spans are character offsets by default"
    for section in doc["sections"]:
        s, e = section["span"]
        assert text[s:e].startswith(section["marker"]), section["path"]


def test_byte_offsets_on_request():
    data = SEED.read_bytes()
    doc = zhengce.parse(data, offsets="bytes")
    start, end = doc["doc_number"]["span"]
    assert data[start:end].decode("utf-8") == doc["doc_number"]["raw"]


def test_str_is_parsed_as_text_and_bytes_are_decoded():
    text = SEED.read_text(encoding="utf-8")
    from_text = zhengce.parse(text, path="a.txt")
    from_gbk = zhengce.parse(text.encode("gb18030"), path="a.txt")
    source = {k: v for k, v in from_text["source"].items() if k != "format"}
    assert source == {
        "path": "a.txt",
        "encoding": "UTF-8",
        "bytes": len(text.encode("utf-8")),
        "replaced_invalid": 0,
        "traditional_converted": False,
    }
    assert from_gbk["source"]["encoding"] == "GB18030", "GBK bytes are detected"
    assert from_gbk["sections"] == from_text["sections"], "char offsets do not depend on encoding"
    forced = zhengce.parse(text.encode("utf-16-le"), encoding="utf-16le", path="a.txt")
    assert forced["source"]["encoding"] == "UTF-16LE", "a named encoding is used as named"
    assert forced["sections"] == from_text["sections"]


def test_a_str_keeps_its_byte_order_mark_in_the_offsets():
    text = "\ufeff" + SEED.read_text(encoding="utf-8")
    doc = zhengce.parse(text)
    start, end = doc["doc_number"]["span"]
    assert text[start:end] == doc["doc_number"]["raw"]


def test_errors_have_codes():
    with pytest.raises(zhengce.Error) as err:
        zhengce.parse(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    assert err.value.code == "not_text"
    assert "not text" in err.value.message
    with pytest.raises(zhengce.Error) as err:
        zhengce.parse("关于印发".encode("utf-8"), max_bytes=4)
    assert err.value.code == "too_large"
    with pytest.raises(zhengce.Error) as err:
        zhengce.parse("关于印发", max_bytes=4)
    assert err.value.code == "too_large", "a str is measured in UTF-8 bytes"
    with pytest.raises(zhengce.Error) as err:
        zhengce.parse(b"abc", encoding="klingon")
    assert err.value.code == "unknown_encoding"
    with pytest.raises(zhengce.Error) as err:
        zhengce.parse_file(ROOT / "no" / "such.txt")
    assert err.value.code == "io"
    assert isinstance(err.value, Exception) and str(err.value) == err.value.message


def test_wrong_arguments_are_type_and_value_errors():
    with pytest.raises(TypeError):
        zhengce.parse(42)
    with pytest.raises(TypeError):
        zhengce.parse("文本", encoding="gbk")
    with pytest.raises(ValueError):
        zhengce.parse(b"abc", offsets="lines")


def test_parse_file_reports_the_path_as_given(tmp_path):
    doc = zhengce.parse_file(SEED)
    assert doc["source"]["path"] == str(SEED)
    assert doc == zhengce.parse(SEED.read_bytes(), path=str(SEED))


def test_the_dict_is_the_cli_json(cli):
    """The same document from the command line and from Python, compared as Python values."""
    out = subprocess.run(
        [cli, "parse", "--offsets", "chars", str(SEED)], check=True, capture_output=True
    ).stdout
    assert zhengce.parse_file(SEED) == json.loads(out)


def test_schema_is_the_documents_schema_of_the_cli(cli):
    out = subprocess.run([cli, "schema"], check=True, capture_output=True).stdout
    line = json.loads(out)  # the CLI's schema of an output line: a document or an error record
    document = zhengce.schema()
    assert document["title"] == "Document"
    assert line["$defs"]["Document"]["properties"] == document["properties"]


def test_spark_schema_has_a_column_per_field_and_error():
    fields = [f["name"] for f in zhengce.spark_schema()["fields"]]
    assert fields == sorted(list(zhengce.schema()["properties"]) + ["error", "line"])


def test_version():
    assert zhengce.__version__.count(".") == 2
