"""Paths and helpers shared by the tests."""

import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "extract"

sys.path.insert(0, str(pathlib.Path(__file__).parent))


def fixture_pages():
    """(name, html bytes) of every extraction fixture of the repository, in name order."""
    return [(d.name, (d / "source.html").read_bytes()) for d in sorted(FIXTURES.iterdir())
            if (d / "source.html").exists()]


def normalise(text: str) -> str:
    """Text compared as the Rust golden test compares it: line ends trimmed, outer blank lines dropped."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip("\n")


@pytest.fixture
def pages():
    return fixture_pages()
