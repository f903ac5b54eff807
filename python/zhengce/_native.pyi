"""Type stubs of the compiled module (re-exported by ``zhengce``)."""

import os
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Union

__version__: str

#: A document dict (the JSON contract of SCHEMA.md) or an error record.
Record = Dict[str, Any]
StrPath = Union[str, "os.PathLike[str]"]

class Error(Exception):
    """An input that gives no document."""

    #: Stable code: ``not_text``, ``too_large``, ``unknown_encoding`` or ``io``.
    code: str
    #: What went wrong, for a person.
    message: str

class Documents(Iterator[Record]):
    """The results of ``parse_files``, in input order."""

    def __iter__(self) -> "Documents": ...
    def __next__(self) -> Record: ...

def parse(
    data: Union[bytes, bytearray, str],
    *,
    encoding: Optional[str] = None,
    offsets: str = "chars",
    path: Optional[str] = None,
    max_bytes: Optional[int] = None,
) -> Record:
    """Parse one document (bytes decoded as the CLI decodes files, or a str)."""

def parse_file(
    path: StrPath,
    *,
    encoding: Optional[str] = None,
    offsets: str = "chars",
    max_bytes: Optional[int] = None,
) -> Record:
    """Parse one file; ``source.path`` is the path as given."""

def parse_files(
    paths: Iterable[StrPath],
    *,
    jobs: Optional[int] = None,
    encoding: Optional[str] = None,
    offsets: str = "chars",
    max_bytes: Optional[int] = None,
) -> Documents:
    """Parse files in parallel: one document or error record per path, in order."""

def columns(kind: str) -> List[str]:
    """The column names of table ``kind``."""

def table(
    kind: str, docs: Union[Mapping[str, Any], Iterable[Mapping[str, Any]]]
) -> List[Dict[str, Any]]:
    """The rows of table ``kind`` for ``docs``, one dict per row."""

def schema() -> Dict[str, Any]:
    """The JSON Schema of a document dict."""

def spark_schema() -> Dict[str, Any]:
    """The Spark StructType (JSON form) of one output line."""
