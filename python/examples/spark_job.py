"""Parse a folder of notices with Spark, in two batches, into parquet that reads back whole.

    python python/examples/spark_job.py NOTICES_DIR OUT_DIR [--cli /abs/path/to/zhengce]

Needs pyspark (with pandas and pyarrow) and a Java runtime. Both recipes of the README
are here: `parse_with_package` runs the Python package inside `mapInPandas`;
`parse_with_cli` pipes records through the `zhengce` binary. Either way every row is
read with the one fixed schema from `zhengce.spark_schema()`, so the parquet files of
any number of batches have the same columns.
"""

import argparse
import json
import os
import shutil
import sys
from typing import Iterator, List

import pandas as pd
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import StringType, StructField, StructType

import zhengce

#: One output line of zhengce (a document or an error record), as Spark columns.
SCHEMA = StructType.fromJson(zhengce.spark_schema())


def parse_batches(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """mapInPandas: (path, content) rows in, (id, json) rows out, one per input."""
    for batch in batches:
        lines = []
        for path, content in zip(batch["path"], batch["content"]):
            try:
                doc = zhengce.parse(content, path=path)
            except zhengce.Error as e:
                doc = {
                    "source": {"path": path, "bytes": len(content)},
                    "error": {"code": e.code, "message": e.message},
                }
            lines.append(json.dumps(doc, ensure_ascii=False))
        yield pd.DataFrame({"id": batch["path"], "json": lines})


def parse_with_package(files: DataFrame) -> DataFrame:
    """Recipe 1: the Python package on the executors; `files` has `path` and `content`."""
    return (
        files.select("path", "content")
        .mapInPandas(parse_batches, "id string, json string")
        .select("id", F.from_json("json", SCHEMA).alias("doc"))
        .select("id", "doc.*")
    )


def parse_with_cli(spark: SparkSession, root: str, names: List[str], cli: str) -> DataFrame:
    """Recipe 2: records mode of the binary, by absolute path (RDD.pipe passes no PATH),
    reading the files `names` under `root` (path records are read under --records-root)."""
    records = spark.sparkContext.parallelize(names, 2).map(
        lambda name: json.dumps({"id": name, "path": name}, ensure_ascii=False)
    )
    lines = records.pipe(f"{cli} parse --records --records-root {root} -j 1 --quiet")
    with_id = StructType([StructField("id", StringType())] + SCHEMA.fields)
    return spark.read.schema(with_id).json(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notices")
    ap.add_argument("out")
    ap.add_argument("--cli", help="absolute path of the zhengce binary (recipe 2)")
    args = ap.parse_args()
    # Local executors run this interpreter, where zhengce is installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = SparkSession.builder.master("local[2]").appName("zhengce").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    notices = os.path.abspath(args.notices)
    files = spark.read.format("binaryFile").option("pathGlobFilter", "*.txt").load(notices)
    paths = sorted(r.path for r in files.select("path").collect())
    half = len(paths) // 2
    for n, batch in enumerate([paths[:half], paths[half:]], 1):
        docs = parse_with_package(files.where(F.col("path").isin(batch)))
        docs.write.mode("overwrite").parquet(os.path.join(args.out, "package", f"batch={n}"))
    back = spark.read.parquet(os.path.join(args.out, "package"))
    print(f"package: {len(paths)} inputs, {back.count()} rows, "
          f"{back.select('id').distinct().count()} distinct ids, "
          f"{back.where(F.col('error').isNotNull()).count()} error records")
    back.select("id", "doc_number.normalized", F.size("sections").alias("sections")).orderBy(
        "id"
    ).show(3, truncate=60)
    cli = args.cli or shutil.which("zhengce")
    if cli:
        local = [os.path.relpath(p.removeprefix("file:"), notices) for p in paths]
        for n, batch in enumerate([local[:half], local[half:]], 1):
            docs = parse_with_cli(spark, notices, batch, os.path.abspath(cli))
            docs.write.mode("overwrite").parquet(os.path.join(args.out, "cli", f"batch={n}"))
        back = spark.read.parquet(os.path.join(args.out, "cli"))
        print(f"cli: {len(local)} inputs, {back.count()} rows, "
              f"{back.select('id').distinct().count()} distinct ids")
    spark.stop()


if __name__ == "__main__":
    main()
