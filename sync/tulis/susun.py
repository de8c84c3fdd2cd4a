"""The file writer's pure core: master package bytes + Rencana -> new package bytes.

Only the owned sheets named in the plan are rewritten (or added), plus, when
needed, the workbook part (sheet list, defined names, calcPr), its
relationships, the content types, and the calcChain (dropped when it names
cells on a rewritten sheet); then the stored values of the formulas that read the
owned sheets are refreshed (sync/tulis/segar.py). Every other part is copied raw
(sync/tulis/zip_salin.py).
The workbook (sync/tulis/workbook.py), relationship and content-type parts are
edited as text, so whatever the tool does not change keeps its exact bytes.
No file I/O here: see sync/tulis/berkas.py.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from concurrent.futures import Future
from contextlib import suppress
from dataclasses import dataclass, field

from lxml import etree

from sync.model import skema
from sync.model.sel import huruf_kolom
from sync.model.skema import NAMA_LEMBAR_MILIK, PEMERIKSAAN, Rencana, lembar_milik
from sync.model.tautan import MAKS_PER_LEMBAR, urai_tautan
from sync.model.temuan import Temuan
from sync.model.tolak import TulisDitolak
from sync.paket import (
    REL_CALCCHAIN,
    REL_DOC,
    REL_WORKSHEET,
    Lembar,
    Paket,
    baca_relasi,
    lembar_workbook,
    rels_bagian,
    target,
    teks_bagian,
)
from sync.tulis import lembar as tl
from sync.tulis import segar
from sync.tulis import workbook as tw
from sync.tulis.gaya import Gaya
from sync.tulis.workbook import LembarDitulis, esc_attr
from sync.tulis.zip_salin import BacaLatar, Pemampat, Terkompres, rakit

CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"
REL_HYPERLINK = REL_DOC + "hyperlink"
REL_STYLES = REL_DOC + "styles"
RELS_KOSONG = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships '
               'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               "</Relationships>")


@dataclass
class HasilSusun:
    data: bytes                                  # the new package
    baris: dict[str, int]                        # data rows written per sheet
    lembar_baru: list[str] = field(default_factory=list)
    bagian_diubah: list[str] = field(default_factory=list)  # parts rewritten or added
    temuan: list[Temuan] = field(default_factory=list)  # formulas left to Excel (segar)
    dihitung: int = 0                            # formula cells given fresh values


# --- relationships, content types, calcChain ------------------------------------


def _rel_baru_id(relasi: list[dict[str, str]], n: int) -> list[str]:
    ada = {r.get("Id") for r in relasi}
    hasil, i = [], 1
    while len(hasil) < n:
        if f"rId{i}" not in ada:
            hasil.append(f"rId{i}")
        i += 1
    return hasil


def _sheet_id_calcchain(xml: bytes) -> set[int]:
    """The sheetIds named in a calcChain (an omitted i repeats the previous one)."""
    ids, i = set(), 0
    for c in etree.fromstring(xml):
        i = int(c.get("i", i))
        ids.add(i)
    return ids


# --- the whole write ------------------------------------------------------------


def periksa_plan(rencana: Rencana) -> None:
    for nama, baris in rencana.lembar.items():
        if nama not in NAMA_LEMBAR_MILIK:
            raise TulisDitolak(f"'{nama}' bukan lembar milik Kinerja; yang boleh ditulis: "
                               + ", ".join(NAMA_LEMBAR_MILIK) + ".")
        try:
            tl.periksa_baris(lembar_milik(nama), baris)
        except ValueError as e:
            raise TulisDitolak(f"Rencana tulis tidak sah: {e}.") from e
        tipe = set().union(*baris.tipe())
        if tipe <= _TIPE_SAH:
            continue  # the usual case, checked in C; else find the row to name it
        for i, isi in enumerate(baris, start=2):
            for v in isi:
                if v is not None and not isinstance(v, (str, bool, int, float)):
                    raise TulisDitolak(f"Rencana tulis tidak sah: {nama} baris {i} berisi nilai "
                                       f"{type(v).__name__}; yang boleh: teks, angka, "
                                       "benar/salah atau kosong.")


_TIPE_SAH = {str, bool, int, float, type(None)}


def _periksa_lembar(pk: Paket, s: Lembar) -> None:
    """An existing owned sheet can be rewritten only if it is a plain worksheet."""
    if s.jenis != REL_WORKSHEET:
        raise TulisDitolak(
            f"Workbook induk sudah memiliki lembar '{s.nama}' tetapi jenisnya bukan lembar "
            f"kerja biasa ({s.jenis.rsplit('/', 1)[-1]}). Ganti nama atau hapus lembar itu "
            "di Excel, lalu jalankan Konsolidasi lagi.")
    if s.bagian is None or not pk.ada(s.bagian):
        raise TulisDitolak(f"Lembar '{s.nama}' tidak dapat ditemukan di dalam berkas; "
                           "berkas rusak.")


def _tidak_didukung(s: Lembar, sebab: str) -> TulisDitolak:
    return TulisDitolak(f"Lembar '{s.nama}' tidak dapat ditulis: {sebab}")


def _rusak(s: Lembar) -> TulisDitolak:
    return TulisDitolak(f"Lembar '{s.nama}' rusak (XML tidak sah).")


# --- hyperlinks and per-row number formats ---------------------------------------


@dataclass
class Tambahan:
    """What an owned sheet's rows need beyond its XML: the styles part being edited
    (per-row number formats) and the sheets' relationship parts (hyperlinks)."""

    gaya: Gaya | None
    bagian_gaya: str | None
    rels: dict[str, bytes] = field(default_factory=dict)  # sheet rels part -> new bytes
    _memo: dict = field(default_factory=dict)

    def gaya_sel(self, nama: str, baris) -> tl.GayaSel | None:
        fmt = skema.format_per_baris(lembar_milik(nama), baris)
        if not fmt or self.gaya is None:
            return None

        def ubah(dasar: list[str | None]) -> dict[int, list[str | None]]:
            return {j: [self._id(dasar[j], f) if f else dasar[j] for f in isi]
                    for j, isi in fmt.items()}
        return ubah

    def _id(self, dasar: str | None, kode: str) -> str:
        if (dasar, kode) not in self._memo:
            self._memo[dasar, kode] = self.gaya.id_gaya(dasar, kode)
        return self._memo[dasar, kode]


def _tambahan(pk: Paket, relasi: list[dict[str, str]]) -> Tambahan:
    rel = next((r for r in relasi if r.get("Type") == REL_STYLES), None)
    bagian = pk.asli(target(pk.workbook, rel["Target"])) if rel else None
    if bagian is None or not pk.ada(bagian):
        return Tambahan(None, None)
    try:
        return Tambahan(Gaya(pk.baca(bagian)), bagian)
    except (ValueError, etree.XMLSyntaxError):
        return Tambahan(None, None)  # the column's own format, as before


def _hyperlink(pk: Paket, bagian: str, nama: str, baris, tambahan: Tambahan
               ) -> list[tl.Hyperlink] | None:
    """The rows' hyperlinks (the Tautan column, the first tautan.MAKS_PER_LEMBAR), with the
    sheet's relationships part rewritten into `tambahan.rels`: its old hyperlink
    relationships dropped (they belong to the rewritten rows), the new ones added."""
    j = skema.indeks_kolom(lembar_milik(nama), "tautan")
    jb = skema.indeks_kolom(lembar_milik(nama), "berkas")
    if j is None:  # a sheet without links keeps whatever hyperlinks it has, as before
        return None
    path = rels_bagian(bagian)
    teks = teks_bagian(pk.baca(path), path) if pk.ada(path) else None
    sisa = RELS_KOSONG if teks is None else tw.hapus_tag(
        teks, "Relationship", lambda a: a.get("Type") == REL_HYPERLINK)
    sisa = re.sub(r"<((?:\w+:)?Relationships)\b([^>]*?)\s*/>", r"<\1\2></\1>", sisa)
    link = []
    for i, b in enumerate(baris, start=2):
        t = urai_tautan(b[j] if j < len(b) else None,
                        b[jb] if jb is not None and jb < len(b) else None)
        if t is not None:
            link.append((f"{huruf_kolom(j + 1)}{i}", t))
            if len(link) == MAKS_PER_LEMBAR:
                break
    ids = _rel_baru_id(baca_relasi(sisa.encode("utf-8")), len(link))
    if teks is not None or link:
        tambahan.rels[pk.asli(path) if pk.ada(path) else path] = tw.sisip_sebelum_akhir(
            sisa, "Relationships", "".join(
                f'<Relationship Id="{rid}" Type="{REL_HYPERLINK}" '
                f'Target="{esc_attr(t.target())}" TargetMode="External"/>'
                for rid, (_, t) in zip(ids, link, strict=True))).encode("utf-8")
    return [tl.Hyperlink(ref, rid, t.lokasi) for rid, (ref, t) in zip(ids, link, strict=True)]


def _ct_rels(pk: Paket, ganti: dict) -> None:
    """[Content_Types].xml with a Default for .rels parts when a new one is added and
    the package has none (every package Excel writes has it)."""
    ct = ganti.get(pk.ct) or pk.baca(pk.ct)
    teks = teks_bagian(ct, pk.ct)
    if re.search(r'Extension="rels"', teks, re.I):
        return
    ganti[pk.ct] = tw.sisip_sebelum_akhir(
        teks, "Types", f'<Default Extension="rels" ContentType="{CT_RELS}"/>').encode("utf-8")


def _bacaan_lama(xml: bytes) -> tuple[bool, bytes]:
    """(whether the sheet declares a DTD or entities, its XML with only the rows the
    rewrite reads: lembar.potong_sheetdata): all _tulis_lembar needs of the old sheet,
    so the background reader keeps a few kB instead of 50 MB."""
    return (b"<!DOCTYPE" in xml[:4096] or b"<!ENTITY" in xml), tl.potong_sheetdata(xml)


def _baca_lama(pk: Paket, latar: BacaLatar, lembar: list[Lembar | None]
               ) -> dict[str, Future[tuple[bool, bytes]]]:
    """The existing owned sheets' _bacaan_lama, started on the background reader."""
    return {s.bagian: latar.baca(pk.asli(s.bagian), _bacaan_lama) for s in lembar
            if s is not None and s.bagian is not None and pk.ada(s.bagian)}


def _pasti(f: Future[bool] | None) -> bool:
    """The background reader's answer; False when it has none (the caller checks the
    plain way, which meets the same error again)."""
    try:
        return f is not None and f.result()
    except Exception:  # noqa: BLE001 - any reading error: ask the plain way
        return False


def _tulis_lembar(pk: Paket, s: Lembar, nama: str, baris: list[list[object]],
                  tambahan: Tambahan | None = None,
                  pra: Future[tuple[bool, bytes]] | None = None) -> tl.HasilLembar:
    """Rewrite an existing owned sheet (refused if it is not a plain worksheet). `pra`:
    _bacaan_lama of its part, read ahead (else, or if that failed, read here)."""
    _periksa_lembar(pk, s)
    bacaan = None
    if pra is not None:
        with suppress(Exception):  # its error is met again below
            bacaan = pra.result()
    dtd, xml = bacaan or _bacaan_lama(pk.baca(s.bagian))
    if dtd:  # see paket.teks_bagian
        raise _tidak_didukung(s, "lembar memuat DTD/deklarasi entitas, yang tidak pernah "
                              "ditulis Excel; buka dan simpan ulang workbook itu di Excel.")
    tautan, gaya_sel = None, None
    if tambahan is not None:
        tautan = _hyperlink(pk, pk.asli(s.bagian), nama, baris, tambahan)
        gaya_sel = tambahan.gaya_sel(nama, baris)
    try:
        return tl.tulis_ulang_lembar(xml, lembar_milik(nama), baris, tautan, gaya_sel)
    except tl.LembarTidakDidukung as e:
        raise _tidak_didukung(s, str(e)) from e
    except etree.XMLSyntaxError as e:
        raise _rusak(s) from e


def _calcchain_dibuang(pk: Paket, relasi: list[dict[str, str]], id_diubah: set[int]
                       ) -> tuple[str, set[str]] | None:
    """(part, relationship ids) of a calcChain naming a rewritten sheet, else None."""
    rel_cc = [r for r in relasi if r.get("Type") == REL_CALCCHAIN]
    if not rel_cc or not id_diubah:
        return None
    bagian = pk.asli(target(pk.workbook, rel_cc[0]["Target"]))
    if pk.ada(bagian) and not _sheet_id_calcchain(pk.baca(bagian)) & id_diubah:
        return None
    return bagian, {r.get("Id", "") for r in rel_cc}


def _rels_dan_tipe(pk: Paket, tambah: list[tuple[str, str]], cc: tuple[str, set[str]] | None
                   ) -> dict[str, bytes]:
    """workbook.xml.rels and [Content_Types].xml with the new sheets (part, rId) added
    and the dropped calcChain's entries removed, edited as text."""
    wb_dir = posixpath.dirname(pk.workbook)
    rels = teks_bagian(pk.baca(pk.wb_rels), pk.wb_rels)
    ct = teks_bagian(pk.baca(pk.ct), pk.ct)
    if cc:
        rels = tw.hapus_tag(rels, "Relationship", lambda a: a.get("Id") in cc[1])
        ct = tw.hapus_tag(ct, "Override", lambda a: a.get("PartName", "").casefold()
                          == "/" + cc[0].casefold())
    rels = tw.sisip_sebelum_akhir(rels, "Relationships", "".join(
        f'<Relationship Id="{rid}" Type="{REL_WORKSHEET}" '
        f'Target="{esc_attr(posixpath.relpath(b, wb_dir or "."))}"/>' for b, rid in tambah))
    ct = tw.sisip_sebelum_akhir(ct, "Types", "".join(
        f'<Override PartName="/{esc_attr(b)}" ContentType="{CT_WORKSHEET}"/>'
        for b, _ in tambah))
    return {pk.wb_rels: rels.encode("utf-8"), pk.ct: ct.encode("utf-8")}


def susun(data: bytes, rencana: Rencana) -> HasilSusun:
    """The new master package for `plan`, or TulisDitolak (Indonesian) if refused."""
    periksa_plan(rencana)
    pk = Paket(data)
    if not rencana.lembar:
        return HasilSusun(data, {})
    relasi = baca_relasi(pk.baca(pk.wb_rels))
    wb_teks = teks_bagian(pk.baca(pk.workbook), pk.workbook)
    lembar = lembar_workbook(wb_teks.encode("utf-8"), {r.get("Id", ""): r for r in relasi},
                              pk.workbook)
    # What the write reads later is inflated meanwhile on a background thread: the owned
    # sheets it rewrites and, for the refresh's check, which untouched parts hold formulas.
    per_nama = {s.nama.casefold(): s for s in lembar}
    with BacaLatar(data) as latar:
        lama = _baca_lama(pk, latar, [per_nama.get(n.casefold()) for n in rencana.lembar])
        tanpa_rumus = {b: latar.baca(b, segar.tanpa_rumus)
                       for b in _lembar_lain(pk, lembar, list(rencana.lembar)).values()}

        ganti: dict[str, bytes | None] = {}     # part -> new bytes (None: drop it)
        baru: list[tuple[str, int, str]] = []   # sheets to append: (name, sheetId, rId)
        tambah: list[tuple[str, str]] = []      # their parts: (part name, rId)
        isi_baru: dict[str, bytes] = {}
        bagian_baru: dict[str, str] = {}        # new owned sheet -> its part
        ditulis: list[LembarDitulis] = []
        id_diubah: set[int] = set()
        rid_baru = _rel_baru_id(relasi, len(rencana.lembar))
        tambahan = _tambahan(pk, relasi)
        sheet_id = max((s.sheet_id for s in lembar), default=0)
        nomor = 1
        with Pemampat() as pemampat:
            mampat = {}  # part -> Future[Terkompres], deflated while the next sheet is built
            for nama, baris in rencana.lembar.items():
                s = per_nama.get(nama.casefold())
                if s is not None:
                    id_diubah.add(s.sheet_id)
                    hasil = _tulis_lembar(pk, s, nama, baris, tambahan, lama.get(s.bagian))
                    ditulis.append(LembarDitulis(s.nama, lembar.index(s), len(baris),
                                                 hasil.autofilter))
                    bagian = pk.asli(s.bagian)
                    if pk.zip.getinfo(bagian).compress_type == zipfile.ZIP_DEFLATED:
                        mampat[bagian] = pemampat.mampatkan(hasil.potongan)
                    else:
                        ganti[bagian] = hasil.xml
                    continue
                while pk.ada(_bagian_lembar(pk, nomor)):
                    nomor += 1
                bagian, rid, sheet_id = _bagian_lembar(pk, nomor), rid_baru.pop(0), sheet_id + 1
                nomor += 1
                isi_baru[bagian] = _lembar_baru(pk, bagian, nama, baris, tambahan)
                bagian_baru[nama] = bagian
                baru.append((nama, sheet_id, rid))
                tambah.append((bagian, rid))
                ditulis.append(LembarDitulis(nama, len(lembar) + len(baru) - 1, len(baris), None))
            ganti.update({b: f.result() for b, f in mampat.items()})
        _pasang_tambahan(pk, tambahan, ganti, isi_baru)

        cc = _calcchain_dibuang(pk, relasi, id_diubah)
        if cc and pk.ada(cc[0]):
            ganti[cc[0]] = None
        milik = [lw.nama for lw in ditulis]
        lain = _lembar_lain(pk, lembar, milik)

        def _workbook(hitung_penuh: bool) -> None:
            try:
                ganti[pk.workbook] = tw.ubah_workbook(wb_teks, baru, ditulis,
                                                      hitung_penuh).encode("utf-8")
                if baru or cc:
                    ganti.update(_rels_dan_tipe(pk, tambah, cc))
            except tw.WorkbookTidakDidukung as e:
                raise TulisDitolak(f"Workbook induk tidak dapat diubah dengan aman: {e}.") from e

        # Fresh stored values (sync/tulis/segar.py). When no formula outside the owned sheets
        # reads them (directly or through a defined name, the ones this write adds
        # included), nothing is computed and no recalculation is asked for on opening.
        _workbook(hitung_penuh=True)
        tanda = segar.penanda_milik(ganti[pk.workbook].decode("utf-8"), milik)
        dibaca = any(segar.membaca_milik(pk.zip, b, tanda) for b in lain.values()
                     if not _pasti(tanpa_rumus.get(b)))
        if not dibaca:
            _workbook(hitung_penuh=False)
        hasil_segar = segar.Segar()
        if dibaca:
            paket = rakit(data, _tanpa_yang_sama(pk, data, ganti), list(isi_baru.items()))
            hasil_segar = segar.segarkan(paket, lain, milik, _akhiran(pk))
            ganti.update(hasil_segar.ganti)
            if hasil_segar.temuan() and PEMERIKSAAN.nama in rencana.lembar:
                _pemeriksaan_ditambah(pk, per_nama, rencana, hasil_segar.temuan(), ditulis, ganti,
                                      isi_baru, bagian_baru, tambahan)
                _pasang_tambahan(pk, tambahan, ganti, isi_baru)
            _workbook(hitung_penuh=hasil_segar.hitung_penuh)
    ganti = _tanpa_yang_sama(pk, data, ganti)
    return HasilSusun(
        data=rakit(data, ganti, list(isi_baru.items())),
        baris={lw.nama: lw.baris for lw in ditulis},
        lembar_baru=[n for n, _, _ in baru],
        bagian_diubah=[b for b, v in ganti.items() if v is not None] + list(isi_baru),
        temuan=hasil_segar.temuan(),
        dihitung=hasil_segar.dihitung,
    )


def _pemeriksaan_ditambah(pk: Paket, per_nama: dict[str, Lembar], rencana: Rencana,
                          temuan: list[Temuan], ditulis: list[LembarDitulis],
                          ganti: dict, isi_baru: dict[str, bytes],
                          bagian_baru: dict[str, str], tambahan: Tambahan) -> None:
    """Pemeriksaan written again with the refresh's finding as its last rows (info comes
    last anyway): the plan composed it before the refresh could run. A formula reading
    Pemeriksaan itself is not refreshed again (the finding asks Excel to recalculate)."""
    nama = PEMERIKSAAN.nama
    baris = list(rencana.lembar[nama])
    baris += [[len(baris) + i, *t.baris()] for i, t in enumerate(temuan, start=1)]
    i = next(i for i, lw in enumerate(ditulis) if lw.nama.casefold() == nama.casefold())
    s = per_nama.get(nama.casefold())
    if s is not None:
        tulis = _tulis_lembar(pk, s, nama, baris, tambahan)
        ganti[pk.asli(s.bagian)] = tulis.xml
        ditulis[i] = LembarDitulis(s.nama, ditulis[i].indeks, len(baris), tulis.autofilter)
    else:
        isi_baru[bagian_baru[nama]] = _lembar_baru(pk, bagian_baru[nama], nama, baris,
                                                   tambahan)
        ditulis[i] = LembarDitulis(nama, ditulis[i].indeks, len(baris), None)


def _lembar_baru(pk: Paket, bagian: str, nama: str, baris, tambahan: Tambahan) -> bytes:
    return tl.lembar_baru(lembar_milik(nama), baris,
                          _hyperlink(pk, bagian, nama, baris, tambahan),
                          tambahan.gaya_sel(nama, baris))


def _pasang_tambahan(pk: Paket, tambahan: Tambahan, ganti: dict,
                     isi_baru: dict[str, bytes]) -> None:
    """The edited styles part and the sheets' relationship parts into the package."""
    if tambahan.gaya is not None and tambahan.gaya.diubah:
        ganti[tambahan.bagian_gaya] = tambahan.gaya.xml()
    for path, isi in tambahan.rels.items():
        if pk.ada(path):
            ganti[pk.asli(path)] = isi
        else:
            isi_baru[path] = isi
            _ct_rels(pk, ganti)


def _lembar_lain(pk: Paket, lembar: list[Lembar], milik: list[str]) -> dict[str, str]:
    """Name -> part of every worksheet the plan does not own (what may read the owned)."""
    kunci = {m.casefold() for m in milik}
    return {s.nama: pk.asli(s.bagian) for s in lembar
            if s.nama.casefold() not in kunci
            and s.jenis == REL_WORKSHEET and s.bagian is not None and pk.ada(s.bagian)}


def _tanpa_yang_sama(pk: Paket, data: bytes, ganti: dict) -> dict:
    """`ganti` without the parts whose edit changed nothing (they keep their raw entry)."""
    return {b: v for b, v in ganti.items() if v is None or not _sama(pk, data, b, v)}


def _akhiran(pk: Paket) -> str:
    """.xlsm for a macro-enabled package (the engine's reader checks the content type)."""
    return ".xlsm" if b"macroEnabled" in pk.baca(pk.ct) else ".xlsx"


def _sama(pk: Paket, data: bytes, bagian: str, baru: bytes | Terkompres) -> bool:
    """The new part equals the stored one."""
    if isinstance(baru, Terkompres):
        return baru.sama_dengan(data, pk.zip.getinfo(bagian), lambda: pk.zip.read(bagian))
    return baru == pk.zip.read(bagian)


def _bagian_lembar(pk: Paket, nomor: int) -> str:
    return posixpath.join(posixpath.dirname(pk.workbook), f"worksheets/sheet{nomor}.xml")

