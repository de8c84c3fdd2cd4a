"""One meaning per word in the code's names (docs/dev/istilah-kode.md): the words renamed
away on 5 December do not come back as names, and the README's old `hasil.plan` still
reads the plan."""

from __future__ import annotations

import io
import tokenize
from pathlib import Path

import pytest

AKAR = Path(__file__).resolve().parents[1]
# the old name -> the word for it now (istilah-kode.md's table of renames)
LAMA = {"Plan": "Rencana", "plan": "rencana", "hitung_perubahan": "perubahan_per_lembar",
        "Alamat": "SelBaris"}
TANDA_NAMA_LAMA = "nama lama"  # the one line keeping an old name working, marked so
BERKAS = sorted(p for d in ("sync", "addin", "workbooks", "bench", "tests")
                for p in (AKAR / d).rglob("*.py") if "korpus" not in p.parts)


def nama_lama(teks: str) -> list[tuple[int, str]]:
    """(line, name) of every name token that is an old word (strings and comments are
    not names: "Alamat" is Pengaturan's column and stays)."""
    baris = teks.splitlines()
    return [(t.start[0], t.string) for t in tokenize.generate_tokens(io.StringIO(teks).readline)
            if t.type == tokenize.NAME and t.string in LAMA
            and TANDA_NAMA_LAMA not in baris[t.start[0] - 1]]


@pytest.mark.parametrize("berkas", BERKAS, ids=lambda p: str(p.relative_to(AKAR)))
def test_nama_lama_tidak_kembali(berkas):
    assert nama_lama(berkas.read_text(encoding="utf-8")) == []


def test_pemeriksa_menangkap_nama_lama():
    contoh = ('def f(plan: skema.Plan):\n    return hasil.plan, hitung_perubahan(plan)\n'
              'x = urai.Alamat  # a comment saying plan\ny = "Alamat"\n')
    assert nama_lama(contoh) == [(1, "plan"), (1, "Plan"), (2, "plan"),
                                 (2, "hitung_perubahan"), (2, "plan"), (3, "Alamat")]
    assert nama_lama("def plan(self):  # nama lama\n    pass\n") == []


def test_hasil_plan_nama_lama_membaca_rencana():
    """README's example before the rename printed hasil.plan.lembar."""
    from sync.konsolidasi import HasilKonsolidasi
    from sync.model.skema import Rencana

    rencana = Rencana()
    hasil = HasilKonsolidasi("coba", "", Path("induk.xlsx"), rencana=rencana)
    assert hasil.plan is rencana  # nama lama
    assert HasilKonsolidasi("coba", "", Path("induk.xlsx")).plan is None  # nama lama
