"""Parse Chinese government policy documents into the zhengce JSON contract.

Documents — 通知, 实施方案, 意见, 工作总结, 办法 — come in as bytes (GBK or UTF-8,
detected), text or files, and come out as plain dicts: title, 发文字号, issuer,
recipients, dates, the numbered section tree, references, responsibilities and
quantities, each with a span (character offsets by default, so ``text[start:end]``
works). The dicts are exactly the JSON that ``zhengce parse`` prints (see SCHEMA.md).

>>> import zhengce
>>> doc = zhengce.parse("天津市市场监督管理委员会关于印发方案的通知\\n津质量发〔2023〕3号\\n")
>>> doc["doc_number"]["normalized"]
'津质量发〔2023〕3号'

``parse_files`` parses many files on worker threads, ``table`` and ``to_pandas`` give
the command line's flat tables, ``spark_schema`` the fixed schema for Spark.
"""

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional, Union

from ._native import (
    Documents,
    Error,
    __version__,
    columns,
    parse,
    parse_file,
    parse_files,
    schema,
    spark_schema,
    table,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "Documents",
    "Error",
    "__version__",
    "columns",
    "parse",
    "parse_file",
    "parse_files",
    "schema",
    "spark_schema",
    "table",
    "to_pandas",
]

#: Table columns that always hold an integer: levels, ordinals and span offsets.
_INTEGER_COLUMNS = frozenset({"level", "ordinal", "start", "end"})
#: Table columns that always hold a bool.
_BOOL_COLUMNS = frozenset({"approximate"})
#: Table columns that hold an exact number (or None): quantity values.
_DECIMAL_COLUMNS = frozenset({"value", "value_max"})


def _decimal(value: Union[int, float, None]) -> Optional[Decimal]:
    """The decimal a JSON number reads as: ``1.57`` is ``Decimal("1.57")``, not the float."""
    if value is None:
        return None
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def to_pandas(
    kind: str, docs: Union[Mapping[str, Any], Iterable[Mapping[str, Any]]]
) -> "pandas.DataFrame":
    """The table ``kind`` of ``docs`` as a pandas DataFrame with explicit dtypes.

    The rows and columns are those of ``table(kind, docs)`` (and of ``zhengce table
    KIND``). Nothing is left to pandas' type guessing:

    - ``level``, ``ordinal``, ``start``, ``end``: ``int64``;
    - ``approximate``: ``bool``;
    - ``value``, ``value_max``: ``object`` holding ``decimal.Decimal`` (exact: ``1.57``
      is ``Decimal("1.57")``) or ``None``;
    - every other column — file, section paths (``"1.10"`` stays ``"1.10"``), doc
      numbers, deadlines (``"2025"``), text — pandas' ``"string"`` dtype, missing values
      ``pd.NA``.

    Requires pandas (``pip install pandas``).
    """
    import pandas as pd

    rows = table(kind, docs)
    data: Dict[str, "pandas.Series"] = {}
    for column in columns(kind):
        values: List[Any] = [row[column] for row in rows]
        if column in _INTEGER_COLUMNS:
            data[column] = pd.Series(values, dtype="int64")
        elif column in _BOOL_COLUMNS:
            data[column] = pd.Series(values, dtype="bool")
        elif column in _DECIMAL_COLUMNS:
            data[column] = pd.Series([_decimal(v) for v in values], dtype="object")
        else:
            data[column] = pd.Series(values, dtype="string")
    return pd.DataFrame(data)
