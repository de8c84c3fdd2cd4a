"""perubahan's fast paths (positional pairing a column at a time, the empty-sheet
shortcut) against the plain per-row reference: every row a tuple, paired as multisets."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from sync.model.skema import DATA_ANGGARAN, DATA_INDIKATOR, BarisKolom
from sync.rencana.perubahan import (
    _KUNCI,
    Perubahan,
    _kolom_data,
    _semua_baris,
    _sisa,
    _tersisa,
    bandingkan_lembar,
    kunci_lembar,
)


def acuan(nama: str, lama, baru) -> Perubahan:
    """bandingkan_lembar as it was before the fast paths: a tuple per row, Counter pairs."""
    kolom, pakai = _kolom_data(nama)
    idx = [kolom.index(k) for k in _KUNCI if k in kolom] if "kode" in kolom else []
    a, b, sama = _sisa(_semua_baris(lama, pakai), _semua_baris(baru, pakai))
    if idx:
        def kunci(t):
            return tuple(t[i] if i < len(t) else None for i in idx)
        diubah = sum((Counter(map(kunci, a)) & Counter(map(kunci, b))).values())
    else:
        diubah = min(len(a), len(b))
    return Perubahan(len(lama), len(baru), sama, diubah, len(b) - diubah, len(a) - diubah)


LEBAR = len(DATA_INDIKATOR.kolom)
KOLOM = [k.kunci for k in DATA_INDIKATOR.kolom]


def baris_indikator(bidang: str, kode: str, tahun: int, real: object, **lain) -> list:
    r = [None] * LEBAR
    for k, v in {"bidang": bidang, "kode": kode, "indikator": f"ind {kode}", "tahun": tahun,
                 "target": 100, "realisasi": real, **lain}.items():
        r[KOLOM.index(k)] = v
    return r


def contoh(n: int = 30) -> list[list]:
    return [baris_indikator(f"B{i % 3}", f"IK-{i // 2}", 2020 + i % 2, 50 + i)
            for i in range(n)]


def _ubah(rows: list[list], i: int, kunci: str, v: object) -> list[list]:
    rows = [list(r) for r in rows]
    rows[i][KOLOM.index(kunci)] = v
    return rows


KASUS = {
    "sama": (contoh(), contoh()),
    "lama kosong": ([], contoh()),
    "baru kosong": (contoh(), []),
    "keduanya kosong": ([], []),
    "satu diubah": (contoh(), _ubah(contoh(), 7, "realisasi", 999)),
    "hanya periksa": (contoh(), _ubah(contoh(), 7, "periksa", 3)),
    "int dan float": (contoh(), _ubah(contoh(), 4, "realisasi", 54.0)),
    "bool bukan 1": (_ubah(contoh(), 3, "target", 1), _ubah(contoh(), 3, "target", True)),
    "teks kosong": (_ubah(contoh(), 2, "satuan", ""), contoh()),
    "teks terlarang": (_ubah(contoh(), 2, "satuan", "a\x01b"), _ubah(contoh(), 2, "satuan", "ab")),
    "urutan dibalik": (contoh(), contoh()[::-1]),
    "digeser satu": (contoh(), [baris_indikator("B9", "IK-X", 2021, 1), *contoh()]),
    "baris dihapus": (contoh(), contoh()[:10] + contoh()[11:]),
    "baris ditambah di akhir": (contoh(), contoh() + [baris_indikator("B0", "IK-99", 2021, 1)]),
    "ganda": (contoh() + contoh()[:5], contoh() + contoh()[:3]),
    "ganda bertukar": ([*contoh()[:5], *contoh()[:5]], [*contoh()[:5][::-1], *contoh()[:5]]),
    "kunci sama, isi beda, urutan beda": (
        contoh(), _ubah(contoh(), 0, "realisasi", 7)[::-1]),
    "lebar tak rata": ([r[:8] for r in contoh()], contoh()),
    "nan": (_ubah(contoh(), 1, "realisasi", float("nan")),
            _ubah(contoh(), 1, "realisasi", float("nan"))),
    "tanpa kunci": ([["2024", "a", 1], ["2024", "b", 1]],
                    [["2024", "a", True], ["2024", "b", 1], ["2025", "c", 1]]),
}


@pytest.mark.parametrize("kasus", list(KASUS))
def test_cepat_sama_dengan_acuan(kasus):
    lama, baru = KASUS[kasus]
    nama = "Riwayat" if kasus == "tanpa kunci" else DATA_INDIKATOR.nama
    for b in (baru, BarisKolom.dari_baris(baru)):  # the plan holds columns
        assert bandingkan_lembar(nama, lama, b) == acuan(nama, lama, baru), kasus
        _, pakai = _kolom_data(nama)
        a, c, sama = _tersisa(lama, b, pakai)
        ra, rc, rsama = _sisa(_semua_baris(lama, pakai), _semua_baris(baru, pakai))
        assert (Counter(a), Counter(c), sama) == (Counter(ra), Counter(rc), rsama), kasus


def test_cepat_angka_dari_tangan():
    """Counts worked out by hand, so the reference itself is held to something."""
    lama = contoh()
    assert bandingkan_lembar(DATA_INDIKATOR.nama, lama, contoh()) == Perubahan(
        30, 30, 30, 0, 0, 0)
    assert bandingkan_lembar(DATA_INDIKATOR.nama, [], lama) == Perubahan(0, 30, 0, 0, 30, 0)
    assert bandingkan_lembar(DATA_INDIKATOR.nama, lama, []) == Perubahan(30, 0, 0, 0, 0, 30)
    # row 7 changes its figure: same key, so changed; everything else unchanged
    assert bandingkan_lembar(DATA_INDIKATOR.nama, lama, _ubah(lama, 7, "realisasi", 999)
                             ) == Perubahan(30, 30, 29, 1, 0, 0)
    # reversed order: the same rows, nothing changed
    assert bandingkan_lembar(DATA_INDIKATOR.nama, lama, lama[::-1]) == Perubahan(
        30, 30, 30, 0, 0, 0)
    # one new row in front shifts every position: still 30 unchanged and 1 added
    geser = [baris_indikator("B9", "IK-X", 2021, 1), *lama]
    assert bandingkan_lembar(DATA_INDIKATOR.nama, lama, geser) == Perubahan(
        30, 31, 30, 0, 1, 0)


def test_kunci_lembar_sama_dengan_acuan():
    lama = contoh()
    baru = _ubah(contoh(), 3, "realisasi", 1)[2:] + [baris_indikator("B1", "IK-50", 2021, 2)]
    hasil = kunci_lembar(DATA_INDIKATOR.nama, lama, baru)
    assert hasil == {"ditambah": ["B1: IK-50 (2021)"],
                     "dihapus": ["B0: IK-0 (2020)", "B1: IK-0 (2021)"],
                     "diubah": ["B0: IK-1 (2021)"]}


def test_acak_sama_dengan_acuan():
    """Random edits of a sheet (changed cells, moved, removed, duplicated, added rows,
    ints as floats, blanks as ''), both sheets and both forms, against the reference."""
    acak = random.Random(11)
    kolom_anggaran = [k.kunci for k in DATA_ANGGARAN.kolom]
    for putaran in range(200):
        nama = acak.choice([DATA_INDIKATOR.nama, DATA_ANGGARAN.nama, "Riwayat"])
        lebar = len(kolom_anggaran) if nama == DATA_ANGGARAN.nama else LEBAR
        lama = [[acak.choice([None, "", "a", "b", 1, 2, 2.0, True, f"K{j % 4}"])
                 for _ in range(lebar)] for j in range(acak.randint(0, 25))]
        baru = [list(r) for r in lama]
        for _ in range(acak.randint(0, 6)):
            aksi = acak.randrange(5)
            if aksi == 0 and baru:
                r = acak.randrange(len(baru))
                baru[r][acak.randrange(lebar)] = acak.choice([None, "", "z", 3, 3.0, False])
            elif aksi == 1 and baru:
                baru.insert(acak.randrange(len(baru) + 1), baru.pop(acak.randrange(len(baru))))
            elif aksi == 2 and baru:
                del baru[acak.randrange(len(baru))]
            elif aksi == 3 and baru:
                baru.append(list(acak.choice(baru)))
            else:
                baru.insert(acak.randrange(len(baru) + 1),
                            [acak.choice([None, "q", 5]) for _ in range(lebar)])
        for b in (baru, BarisKolom.dari_baris(baru)):
            assert bandingkan_lembar(nama, lama, b) == acuan(nama, lama, baru), putaran
            assert bandingkan_lembar(nama, b, lama) == acuan(nama, baru, lama), putaran
