"""zhengce.parse_files: one dict per path, in order, as the command line writes them."""

import gc
import json
import subprocess

import pytest

import zhengce


@pytest.fixture
def inputs(paths, tmp_path):
    """The real documents, a binary file and a missing one."""
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" * 10)
    return paths[:3] + [str(binary), str(tmp_path / "missing.txt")] + paths[3:]


def test_one_dict_per_path_in_order(inputs):
    docs = list(zhengce.parse_files(inputs, jobs=2))
    assert len(docs) == len(inputs)
    assert [d["source"]["path"] for d in docs] == inputs
    assert docs[3]["error"]["code"] == "not_text"
    assert docs[4]["error"]["code"] == "io"
    assert docs[3]["source"]["bytes"] == 160 and docs[4]["source"]["bytes"] == 0


def test_same_result_whatever_the_workers(inputs):
    one = list(zhengce.parse_files(inputs, jobs=1))
    assert one == list(zhengce.parse_files(iter(inputs), jobs=3))
    assert one[0] == zhengce.parse_file(inputs[0])


def test_exactly_what_the_cli_writes(inputs, cli):
    out = subprocess.run(
        [cli, "parse", "--offsets", "chars", "-q", *inputs], capture_output=True
    ).stdout
    expected = [json.loads(line) for line in out.splitlines()]
    assert list(zhengce.parse_files(inputs)) == expected


def test_stopping_early_does_not_hang(paths):
    many = paths * 20
    docs = zhengce.parse_files(many, jobs=2)
    first = next(docs)
    assert first["source"]["path"] == many[0]
    del docs
    gc.collect()
    # A new batch still runs after the abandoned one.
    assert len(list(zhengce.parse_files(paths[:2]))) == 2


def test_empty_input_and_bad_arguments():
    assert list(zhengce.parse_files([])) == []
    with pytest.raises(ValueError):
        zhengce.parse_files(["a.txt"], jobs=0)
    with pytest.raises(TypeError):
        zhengce.parse_files("a.txt")
    with pytest.raises(zhengce.Error):
        zhengce.parse_files(["a.txt"], encoding="klingon")
