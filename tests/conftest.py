"""Shared test fixtures and locations."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

AKAR = Path(__file__).resolve().parents[1]
# Vendored test data: the repository stands alone (see tests/data/README.md and
# tests/korpus/README.md for where each file comes from).
SEED = AKAR / "tests" / "data" / "lkjip-2021-dinas-koperasi-batam.txt"
KORPUS = AKAR / "tests" / "korpus"


def soffice() -> str:
    """Path of LibreOffice, or skip (fail in CI, where .ci/run installs it)."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe:
        return exe
    if os.environ.get("KINERJA_WAJIB_LIBREOFFICE"):
        pytest.fail("LibreOffice (soffice) wajib ada di CI tetapi tidak ditemukan")
    pytest.skip("LibreOffice (soffice) tidak terpasang: apt-get install libreoffice-calc-nogui")
    raise AssertionError  # unreachable


@pytest.fixture
def libreoffice() -> str:
    return soffice()
