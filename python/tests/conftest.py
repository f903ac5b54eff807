"""Shared fixtures: the repository's documents, and the command line when it is built."""

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"


def documents():
    """Every real document in the repository, in a fixed order."""
    return sorted((FIXTURES / "seeds").glob("*.txt")) + sorted((FIXTURES / "corpus").glob("*.txt"))


@pytest.fixture
def paths():
    return [str(p) for p in documents()]


@pytest.fixture
def cli():
    """The `zhengce` binary named by ZHENGCE_CLI (python/run-tests.sh sets it), or skip."""
    binary = os.environ.get("ZHENGCE_CLI") or shutil.which("zhengce")
    if not binary or not os.path.exists(binary):
        pytest.skip("the zhengce command line is not built (set ZHENGCE_CLI)")
    return binary
