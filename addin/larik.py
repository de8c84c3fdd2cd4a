"""Array plumbing shared by the formulas: reading arguments, broadcasting, output.

Each numeric argument becomes a pair (values, status): a float64 array and an
int8 array where 0 is a good number, KOSONG a blank and a positive code an
Excel error (GALAT_URUT[code]); status None means "all good", the fast path for
a float64 array without blanks. The formulas compute on the float arrays with
numpy and combine the statuses, so one bad cell never spoils the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from addin import galat
from addin.angka import baca_angka
from addin.galat import GalatExcel

KOSONG = -1  # status of a blank cell
GALAT_URUT: tuple[GalatExcel | None, ...] = (
    None, galat.NULL, galat.DIV0, galat.NILAI, galat.REF, galat.NAMA, galat.NUM, galat.NA,
    *(GalatExcel(k) for k in galat.KODE_EXCEL[7:]),
)
KODE: dict[GalatExcel, int] = {g: i for i, g in enumerate(GALAT_URUT) if g is not None}
S_DIV0, S_NILAI, S_NUM, S_NA = KODE[galat.DIV0], KODE[galat.NILAI], KODE[galat.NUM], KODE[galat.NA]

Pasangan = tuple[np.ndarray, np.ndarray | None]
_POLOS = (float, int, np.float64, type(None))


def adalah_larik(x: object) -> bool:
    """A range (list, tuple, numpy array, pandas object) rather than a single value."""
    return isinstance(x, (list, tuple, np.ndarray)) or hasattr(x, "to_numpy")


def ke_larik(x: object) -> np.ndarray:
    """A range as a numpy array: numeric dtypes kept, anything with text or None as object."""
    if hasattr(x, "to_numpy") and not isinstance(x, np.ndarray):
        x = x.to_numpy()
    if isinstance(x, np.ndarray):
        return x if x.dtype.kind in "fiuO" else x.astype(object)
    try:
        a = np.array(x)
    except ValueError:  # ragged nested lists
        a = np.empty(len(x), dtype=object)  # type: ignore[arg-type]
        a[:] = list(x)  # type: ignore[call-overload]
        return a
    # Text next to numbers makes numpy turn the numbers into text: redo as objects.
    return a if a.dtype.kind in "fiuO" else np.array(x, dtype=object)


def _status_satu(v: object) -> tuple[float, int]:
    nilai = baca_angka(v)[0]
    if nilai is None:
        return np.nan, KOSONG
    if isinstance(nilai, GalatExcel):
        return np.nan, KODE[nilai]
    return nilai, 0


def baca_nilai(x: object) -> Pasangan:
    """A numeric argument (single value or range) as (float64 values, status)."""
    if not adalah_larik(x):
        v, s = _status_satu(x)
        return np.array(v), (np.array(s, dtype=np.int8) if s else None)
    a = ke_larik(x)
    if a.dtype.kind == "f":
        a = a.astype(np.float64, copy=False)
        hingga = np.isfinite(a)
        if hingga.all():
            return a, None
        st = np.zeros(a.shape, dtype=np.int8)
        st[np.isnan(a)] = KOSONG
        st[np.isinf(a)] = S_NUM
        return a, st
    if a.dtype.kind in "iu":
        return a.astype(np.float64), None
    return _baca_objek(a)


def _baca_objek(a: np.ndarray) -> Pasangan:
    flat = a.ravel()
    nilai = np.full(flat.shape, np.nan)
    st = np.zeros(flat.shape, dtype=np.int8)
    tipe = np.frompyfunc(type, 1, 1)(flat) if flat.size else flat
    polos = np.zeros(flat.shape, dtype=bool)
    for t in _POLOS:
        polos |= tipe == np.array(t, dtype=object)  # a bare numpy type would not compare
    if polos.any():
        try:
            nilai[polos] = flat[polos].astype(np.float64)  # None -> NaN
        except OverflowError:  # an int too big for a float: let the slow path say #NUM!
            polos[:] = False
    for i in np.flatnonzero(~polos):
        nilai[i], st[i] = _status_satu(flat[i])
    bukan = polos & ~np.isfinite(nilai)
    st[bukan & np.isnan(nilai)] = KOSONG
    st[bukan & np.isinf(nilai)] = S_NUM
    return nilai.reshape(a.shape), (st.reshape(a.shape) if st.any() else None)


def baca_pilihan(x: object, peta: dict[str, int], bawaan: int) -> Pasangan:
    """An option word (or a range of them) as (int codes, status); blank takes the default.

    Words are compared case-insensitively with spaces and hyphens read as "_";
    an unknown word is #VALUE! for that cell.
    """
    def satu(v: object) -> tuple[int, int]:
        if isinstance(v, GalatExcel):
            return bawaan, KODE[v]
        if v is None or (isinstance(v, float) and v != v):
            return bawaan, 0
        if not isinstance(v, str):
            return bawaan, S_NILAI
        g = GalatExcel.dari_kode(v)
        if g is not None:
            return bawaan, KODE[g]
        kunci = normal_pilihan(v)
        if not kunci:
            return bawaan, 0
        if kunci in peta:
            return peta[kunci], 0
        return bawaan, S_NILAI

    if not adalah_larik(x):
        k, s = satu(x)
        return np.array(k, dtype=np.int8), (np.array(s, dtype=np.int8) if s else None)
    a = ke_larik(x)
    if a.dtype != object:
        a = a.astype(object)
    flat = a.ravel()
    kode = np.empty(flat.shape, dtype=np.int8)
    st = np.zeros(flat.shape, dtype=np.int8)
    for i, v in enumerate(flat):
        kode[i], st[i] = satu(v)
    return kode.reshape(a.shape), (st.reshape(a.shape) if st.any() else None)


def normal_pilihan(teks: str) -> str:
    """Option word as a key: "Negatif Rasio" -> "negatif_rasio"."""
    return "_".join(teks.strip().lower().replace("-", " ").split())


def bentuk_excel(*bentuk: tuple[int, ...]) -> tuple[int, ...]:
    """The result shape of ranges combined like Excel: numpy broadcasting, except that two
    different sizes along one axis (neither 1) give the larger size, the cells beyond the
    smaller range being #N/A (as Excel does)."""
    ndim = max((len(b) for b in bentuk), default=0)
    hasil = []
    for sumbu in range(ndim):
        ukuran = {b[sumbu - ndim + len(b)] for b in bentuk if sumbu - ndim + len(b) >= 0}
        ukuran.discard(1)
        hasil.append(max(ukuran) if ukuran else 1)
    return tuple(hasil)


def sebar(nilai: np.ndarray, status: np.ndarray | None, bentuk: tuple[int, ...],
          isi: Any = np.nan) -> Pasangan:
    """Broadcast one argument to `bentuk`, padding short axes with #N/A cells (see bentuk_excel).

    Returns views where plain broadcasting suffices (the fast path).
    """
    nilai = np.asarray(nilai)
    if nilai.shape == bentuk and (status is None or status.shape == bentuk):
        return nilai, status
    tambah = (1,) * (len(bentuk) - nilai.ndim)
    nilai = nilai.reshape(tambah + nilai.shape)
    if status is not None:
        status = status.reshape(tambah + status.shape)
    pad = [(0, t - n if n not in (1, t) else 0) for n, t in zip(nilai.shape, bentuk, strict=True)]
    if any(p[1] for p in pad):
        st = np.zeros(nilai.shape, dtype=np.int8) if status is None else status
        nilai = np.pad(nilai, pad, constant_values=isi)
        status = np.pad(st, pad, constant_values=S_NA)
    nilai = np.broadcast_to(nilai, bentuk)
    if status is not None:
        status = np.broadcast_to(status, bentuk)
    return nilai, status


def selaraskan(*pasangan: Pasangan) -> tuple[tuple[int, ...], list[np.ndarray], np.ndarray | None]:
    """Broadcast several arguments together; returns (shape, values, combined status).

    The combined status takes the first argument's error, else a blank if any
    argument is blank (an error in any cell wins over a blank, as in Excel).
    """
    bentuk = bentuk_excel(*(np.shape(n) for n, _ in pasangan))
    nilai, status = [], []
    for n, s in pasangan:
        n2, s2 = sebar(n, s, bentuk, isi=(np.nan if np.asarray(n).dtype.kind == "f" else 0))
        nilai.append(n2)
        status.append(s2)
    return bentuk, nilai, gabung_status(bentuk, status)


def gabung_status(bentuk: tuple[int, ...], status: Iterable[np.ndarray | None]
                  ) -> np.ndarray | None:
    """Combine statuses: first error wins, then blank, else good."""
    ada = [s for s in status if s is not None]
    if not ada:
        return None
    if len(ada) == 1:
        return np.array(np.broadcast_to(ada[0], bentuk))
    hasil = np.zeros(bentuk, dtype=np.int8)
    for s in reversed(ada):
        hasil = np.where(s > 0, s, hasil)
    kosong = np.zeros(bentuk, dtype=bool)
    for s in ada:
        kosong |= s < 0
    hasil[(hasil == 0) & kosong] = KOSONG
    return hasil.astype(np.int8, copy=False)


def tandai(status: np.ndarray | None, bentuk: tuple[int, ...], syarat: np.ndarray,
           kode: int) -> np.ndarray | None:
    """Set `kode` where `syarat` holds on cells that are still good; returns the new status."""
    if np.shape(syarat) != bentuk:
        syarat = np.broadcast_to(syarat, bentuk)
    if not syarat.any():
        return status
    st = np.zeros(bentuk, dtype=np.int8) if status is None else np.array(status)
    st[syarat & (st == 0)] = kode
    return st


def keluar_angka(nilai: np.ndarray, status: np.ndarray | None, bentuk: tuple[int, ...],
                 skalar: bool) -> Any:
    """Numeric result to the caller: a Python float/None/error for all-scalar input, else an
    object ndarray. Results that are not finite (overflow, 0/0) become #NUM!."""
    with np.errstate(all="ignore"):
        nilai = np.asarray(nilai, dtype=np.float64) + 0.0  # no -0.0
    if nilai.shape != bentuk:
        nilai = np.broadcast_to(nilai, bentuk)
    bukan = ~np.isfinite(nilai)
    if bukan.any():
        status = tandai(status, bentuk, bukan, S_NUM)
    if skalar:
        s = 0 if status is None else int(status.reshape(-1)[0])
        return float(nilai.reshape(-1)[0]) if s == 0 else (None if s < 0 else GALAT_URUT[s])
    return _tempel_status(nilai.astype(object), status)


def keluar_objek(hasil: np.ndarray, status: np.ndarray | None, skalar: bool) -> Any:
    """Object result (labels, text) to the caller, statuses applied."""
    hasil = np.array(hasil, dtype=object)
    hasil = _tempel_status(hasil, status)
    return hasil.reshape(-1)[0] if skalar else hasil


def _tempel_status(hasil: np.ndarray, status: np.ndarray | None) -> np.ndarray:
    if status is None:
        return hasil
    if status.shape != hasil.shape:
        status = np.broadcast_to(status, hasil.shape)
    buruk = status != 0
    if buruk.any():
        hasil[status < 0] = None
        for k in np.unique(status[status > 0]):
            hasil[status == k] = GALAT_URUT[k]
    return hasil


def per_sel(fungsi: Callable[..., Any], *args: object) -> Any:
    """Apply a one-cell function over broadcast object arguments (text work: formatting,
    words), with the same shape rules and all-scalar -> scalar convention."""
    skalar = not any(adalah_larik(a) for a in args)
    if skalar:
        return fungsi(*args)
    larik = [ke_larik(a).astype(object) if adalah_larik(a) else np.array(a, dtype=object)
             for a in args]
    bentuk = bentuk_excel(*(a.shape for a in larik))
    diratakan = [sebar(a, None, bentuk, isi=galat.NA)[0] for a in larik]
    hasil = np.empty(bentuk, dtype=object)
    keluaran = hasil.reshape(-1)
    for i, nilai in enumerate(zip(*(d.reshape(-1) for d in diratakan), strict=True)):
        keluaran[i] = fungsi(*nilai)
    return hasil


def ada_larik(*args: object) -> bool:
    """True when any argument is a range (so the result is an array)."""
    return any(adalah_larik(a) for a in args)
