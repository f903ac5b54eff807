"""The Spark recipes (python/examples/spark_job.py) on local[2]: run when pyspark is there."""

import importlib.util
import os
import shutil
import sys

import pytest

from conftest import ROOT, documents

pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")
if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    pytest.skip("no Java runtime for Spark", allow_module_level=True)


def load_example():
    path = ROOT / "python" / "examples" / "spark_job.py"
    spec = importlib.util.spec_from_file_location("spark_job", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = SparkSession.builder.master("local[2]").appName("zhengce-test").getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture
def notices(tmp_path):
    folder = tmp_path / "notices"
    folder.mkdir()
    for p in documents():
        shutil.copy(p, folder / p.name)
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    return folder


def test_package_recipe_one_row_per_input_and_batches_merge(spark, notices, tmp_path):
    from pyspark.sql import functions as F

    job = load_example()
    files = spark.read.format("binaryFile").option("pathGlobFilter", "*.txt").load(str(notices))
    paths = sorted(r.path for r in files.select("path").collect())
    assert len(paths) == len(documents()) + 1
    out = tmp_path / "parsed"
    half = len(paths) // 2
    for n, batch in enumerate([paths[:half], paths[half:]], 1):
        docs = job.parse_with_package(files.where(F.col("path").isin(batch)))
        docs.write.parquet(str(out / f"batch={n}"))
    back = spark.read.parquet(str(out))
    rows = back.select("id", "source.path", "error.code", "doc_number.normalized").collect()
    assert sorted(r.id for r in rows) == paths, "one row per input, with its id"
    assert all(r.path == r.id for r in rows)
    assert [r.code for r in rows if r.code] == ["not_text"]
    numbers = {r.id.rsplit("/", 1)[-1]: r.normalized for r in rows}
    assert numbers["003_b4600086fd213c1b.txt"] == "津质量发〔2023〕3号"


def test_cli_recipe_with_the_fixed_schema(spark, notices, tmp_path, cli):
    job = load_example()
    names = sorted(p.name for p in notices.iterdir())
    out = tmp_path / "piped"
    half = len(names) // 2
    for n, batch in enumerate([names[:half], names[half:]], 1):
        docs = job.parse_with_cli(spark, str(notices), batch, os.path.abspath(cli))
        docs.write.parquet(str(out / f"batch={n}"))
    back = spark.read.parquet(str(out))
    rows = back.select("id", "error.code").collect()
    assert sorted(r.id for r in rows) == names
    assert [r.code for r in rows if r.code] == ["not_text"]
