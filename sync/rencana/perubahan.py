"""What a write would change, per owned sheet (for `konsolidasi --coba`). Pure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from itertools import compress
from operator import ne

from sync.model.sel import bersihkan_teks, sudah_bersih
from sync.model.skema import BarisKolom, Rencana, lembar_milik
from sync.model.temuan import teks_nilai

_KUNCI = ("kode", "tahun")  # (Kode, Tahun) is unique across bidang; see docs/dev/design.md
# Columns that follow this run's findings (their numbers in Pemeriksaan, the audit's
# figure), not the bidang's data: a row whose only difference is there is unchanged.
_IKUT_TEMUAN = ("periksa", "hitungan")


@dataclass(frozen=True)
class Perubahan:
    lama: int       # rows before
    baru: int       # rows after
    sama: int       # rows found unchanged
    diubah: int     # rows whose key stays but some cell changes
    ditambah: int
    dihapus: int


def _normal(v: object) -> object:
    """A cell as the file will hold it: blank text is blank, text cleaned as written."""
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        return ("b", v)  # True must not equal 1
    if isinstance(v, str):
        return bersihkan_teks(v) or None
    return v


def _kolom_normal(isi: list[object]) -> list[object]:
    """A column's cells through _normal; numbers and blanks (the usual data column) as
    they are, without a call per cell: a large run compares 80,000 rows per sheet."""
    tipe = set(map(type, isi))
    if tipe <= {int, float, type(None)}:
        return isi
    if tipe <= {str, type(None)}:
        teks = list(filter(None, isi))
        if sudah_bersih(teks):  # nothing for bersihkan_teks to change; '' made blank
            return [v or None for v in isi] if "" in isi else isi
    return list(map(_normal, isi))


def _kolom_mentah(baris, pakai: list[int]) -> list[list[object]]:
    """The compared columns (`pakai`) of a sheet as they are; rows of any width are read
    as the sheet's full width."""
    kolom = BarisKolom.dari_baris(baris).kolom
    n = len(baris)
    return [kolom[i] if i < len(kolom) else [None] * n for i in pakai]


def _kolom_pakai(baris, pakai: list[int]) -> list[list[object]]:
    """The compared columns (`pakai`) of a sheet, normalised."""
    return list(map(_kolom_normal, _kolom_mentah(baris, pakai)))


def _semua_baris(baris, pakai: list[int]) -> list[tuple]:
    """Every row as a tuple of the compared columns (`pakai`), normalised column by
    column; rows of any width are read as the sheet's full width."""
    if not pakai:
        return [()] * len(baris)
    return list(zip(*_kolom_pakai(baris, pakai), strict=True))


def _kolom_data(nama: str) -> tuple[list[str], list[int]]:
    """The sheet's column keys compared (those following the findings left out) and
    their positions in a row."""
    semua = [k.kunci for k in lembar_milik(nama).kolom]
    pakai = [i for i, k in enumerate(semua) if k not in _IKUT_TEMUAN]
    return [semua[i] for i in pakai], pakai


def _sisa(a: list[tuple], b: list[tuple]) -> tuple[list[tuple], list[tuple], int]:
    """Rows of a and b left after pairing identical rows; and how many paired."""
    ca, cb = Counter(a), Counter(b)
    sama = ca & cb
    return list((ca - sama).elements()), list((cb - sama).elements()), sum(sama.values())


def _tersisa(lama, baru, pakai: list[int]) -> tuple[list[tuple], list[tuple], int]:
    """_sisa(_semua_baris(lama), _semua_baris(baru)) without a tuple per row: a re-run
    with the same sources compares 80,000 identical rows per sheet. Rows equal at the
    same position pair first, found a column at a time in C; only the rest go through
    _sisa. The result is the same multisets and count: for each distinct row x, pairing
    min(count in lama, count in baru) equals pairing the p positional pairs plus
    min(the rest of each), since both counts hold those p."""
    if not pakai:
        return _sisa(_semua_baris(lama, pakai), _semua_baris(baru, pakai))
    ka, kb = _kolom_mentah(lama, pakai), _kolom_mentah(baru, pakai)
    na, nb = len(lama), len(baru)
    n = min(na, nb)
    beda: set[int] = set()
    for x, y in zip(ka, kb, strict=True):
        if na != nb:
            x, y = x[:n], y[:n]
        # equal cells normalise alike, but for True == 1 (_normal tells them apart)
        if x == y and bool not in set(map(type, x)) | set(map(type, y)):
            continue
        x, y = _kolom_normal(x), _kolom_normal(y)
        if x != y:  # a list compares its items by identity, then ==, as a tuple does
            beda.update(compress(range(n), map(ne, x, y)))
    urut = sorted(beda)

    def baris(kolom: list[list[object]], jumlah: int) -> list[tuple]:
        idx = urut + list(range(n, jumlah))
        return list(zip(*(_kolom_normal(list(map(k.__getitem__, idx))) for k in kolom),
                        strict=True))

    a, b, sama = _sisa(baris(ka, na), baris(kb, nb))
    return a, b, sama + n - len(beda)


def bandingkan_lembar(nama: str, lama: list[list[object]], baru: list[list[object]]
                      ) -> Perubahan:
    """Identical rows are unchanged (Periksa and Hitungan, which follow this run's
    findings, are not compared); the rest pair by (Kode, Tahun) where the sheet has
    them (else by order) as changed; what stays unpaired was added or removed."""
    if not lama or not baru:  # a first run: nothing to pair (what _tersisa would find)
        return Perubahan(len(lama), len(baru), 0, 0, len(baru), len(lama))
    kolom, pakai = _kolom_data(nama)
    idx = [kolom.index(k) for k in _KUNCI if k in kolom] if "kode" in kolom else []
    a, b, sama = _tersisa(lama, baru, pakai)
    if idx and a and b:
        def kunci(t: tuple) -> tuple:
            return tuple(t[i] if i < len(t) else None for i in idx)
        sisa_a = Counter(kunci(t) for t in a)
        diubah = sum((sisa_a & Counter(kunci(t) for t in b)).values())
    else:
        diubah = min(len(a), len(b)) if not idx else 0
    return Perubahan(len(lama), len(baru), sama, diubah, len(b) - diubah, len(a) - diubah)


def kunci_lembar(nama: str, lama: list[list[object]], baru: list[list[object]]
                 ) -> dict[str, list[str]]:
    """The keys behind bandingkan_lembar's counts, as "bidang: Kode (Tahun)" labels:
    what `--coba` lists so staff see which rows would be added, removed or changed."""
    kolom, pakai = _kolom_data(nama)
    if "kode" not in kolom:
        return {}
    idx = [kolom.index(k) for k in ("bidang", *_KUNCI) if k in kolom]
    a, b, _ = _tersisa(lama, baru, pakai)

    def kunci(t: tuple) -> tuple:
        return tuple(t[i] if i < len(t) else None for i in idx)

    ka, kb = Counter(map(kunci, a)), Counter(map(kunci, b))
    ubah = ka & kb

    def label(k: tuple) -> str:
        bidang, kode, tahun = (*k, None, None)[:3]
        teks = f"{teks_nilai(bidang)}: {teks_nilai(kode)}"
        return teks if tahun is None else f"{teks} ({teks_nilai(tahun)})"

    return {"ditambah": sorted(map(label, (kb - ubah).elements())),
            "dihapus": sorted(map(label, (ka - ubah).elements())),
            "diubah": sorted(map(label, ubah.elements()))}


def kunci_perubahan(lama: Mapping[str, list[list[object]]], rencana: Rencana
                    ) -> dict[str, dict[str, list[str]]]:
    """kunci_lembar for every data sheet of the plan that has keys."""
    hasil = {nama: kunci_lembar(nama, lama.get(nama, []), baris)
             for nama, baris in rencana.lembar.items()}
    return {nama: k for nama, k in hasil.items() if k}


def perubahan_per_lembar(lama: Mapping[str, list[list[object]]], rencana: Rencana
                         ) -> dict[str, Perubahan]:
    """Per sheet named in the plan: old rows (from baca_lembar_milik) against the plan's."""
    return {nama: rencana.perubahan.get(nama) or bandingkan_lembar(nama, lama.get(nama, []), baris)
            for nama, baris in rencana.lembar.items()}


def perubahan_rencana(lama: Mapping[str, list[list[object]]], rencana: Rencana
                      ) -> dict[str, dict[str, int]]:
    """perubahan_per_lembar as plain dicts (lama, baru, sama, diubah, ditambah, dihapus)."""
    return {nama: asdict(p) for nama, p in perubahan_per_lembar(lama, rencana).items()}
