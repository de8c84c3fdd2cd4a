"""Google Sheets as a source: each bidang's spreadsheet as raw tabs.

One `values:batchGet` per spreadsheet over the template's tab names, typed values
(UNFORMATTED_VALUE, dates as serial numbers), so numbers arrive as numbers
whatever the sheet's locale; text cells stay text for the parser.

When a tab name does not exist the batchGet fails as a whole ("Unable to parse
range"). Then one `spreadsheets.get` fetches every tab's title, gid, hidden rows
and values (effectiveValue, the same typed values), the template tabs are found
by their aliases, and a finding says which tab was used: two requests in all.
Only that path knows the tabs' gids, so only its links open a tab and a cell;
otherwise links open the spreadsheet (see docs/google-sheets.md).
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import gspread
from gspread.utils import absolute_range_name

from sync.model import skema
from sync.model.mentah import SumberGagal, SumberMentah, TabMentah
from sync.model.temuan import PERINGATAN, Temuan
from sync.sumber.google_alamat import AlamatTidakSah, id_spreadsheet, tautan_tab
from sync.sumber.google_http import GagalPermintaan, KlienSheets, Pembatas, PengaturanGoogle
from sync.sumber.google_kredensial import (
    AKUN_LAYANAN,
    ENV_TOKEN,
    TOKEN,
    Kredensial,
    KredensialGagal,
    cari_kredensial,
    segarkan,
)

log = logging.getLogger(__name__)

PARAM_NILAI = {
    "valueRenderOption": "UNFORMATTED_VALUE",
    "dateTimeRenderOption": "SERIAL_NUMBER",
    "majorDimension": "ROWS",
}
FIELDS_TAB = (
    "sheets(properties(sheetId,title,index,hidden),"
    "data(rowData(values(effectiveValue)),rowMetadata(hiddenByUser,hiddenByFilter)))"
)
# ErrorValue.type -> the text the cell shows (as UNFORMATTED_VALUE returns it)
TEKS_GALAT = {
    "ERROR": "#ERROR!", "NULL_VALUE": "#NULL!", "DIVIDE_BY_ZERO": "#DIV/0!",
    "VALUE": "#VALUE!", "REF": "#REF!", "NAME": "#NAME?", "NUM": "#NUM!", "N_A": "#N/A",
    "LOADING": "Loading...",
}

SumberKredensial = Kredensial | str | os.PathLike | None


def baca_google(daftar: Sequence[tuple[str, str]], *, kredensial: SumberKredensial = None,
                pengaturan: PengaturanGoogle | None = None,
                env: Mapping[str, str] | None = None,
                kemajuan: Callable[[str], None] | None = None,
                ) -> list[SumberMentah | SumberGagal]:
    """Read several bidang spreadsheets at once; results in the order given.

    The credential is resolved and its token fetched once; a credential problem
    fails every source with the same message. Requests of all sources share one
    rate limit (`pengaturan.per_menit`).
    """
    if not daftar:
        return []
    pengaturan = pengaturan or PengaturanGoogle.dari_env(env)
    try:
        kred = _kredensial_siap(kredensial, pengaturan, env)
    except KredensialGagal as e:
        return [SumberGagal(bidang, alamat, e.pesan) for bidang, alamat in daftar]
    pembatas = Pembatas(pengaturan.per_menit, 60.0, pengaturan.jam, pengaturan.tidur)
    baca_ = functools.partial(_baca_atau_gagal, kredensial=kred, pengaturan=pengaturan,
                              pembatas=pembatas)

    def baca(bidang: str, alamat: str) -> SumberMentah | SumberGagal:
        hasil = baca_(bidang, alamat)
        if kemajuan:
            kemajuan(bidang)  # the progress bar of the CLI / the status bar of the button
        return hasil

    with ThreadPoolExecutor(max_workers=max(1, min(pengaturan.paralel, len(daftar))),
                            thread_name_prefix="kinerja-google") as pool:
        return list(pool.map(lambda ba: baca(*ba), daftar))


def baca_satu(bidang: str, alamat: str, *, kredensial: SumberKredensial = None,
              pengaturan: PengaturanGoogle | None = None, pembatas: Pembatas | None = None,
              env: Mapping[str, str] | None = None) -> SumberMentah:
    """Read one bidang spreadsheet. Raises SumberGagal (Indonesian message) on failure."""
    pengaturan = pengaturan or PengaturanGoogle.dari_env(env)
    try:
        id_ = id_spreadsheet(alamat)
        kred = _kredensial_siap(kredensial, pengaturan, env)
        klien = gspread.Client(kred.kredensial, http_client=functools.partial(
            KlienSheets, pengaturan=pengaturan,
            pembatas=pembatas or Pembatas(pengaturan.per_menit, 60.0, pengaturan.jam,
                                          pengaturan.tidur)))
    except (AlamatTidakSah, ValueError) as e:
        raise SumberGagal(bidang, alamat, str(e)) from None
    except KredensialGagal as e:
        raise SumberGagal(bidang, alamat, e.pesan) from None
    http: KlienSheets = klien.http_client  # type: ignore[assignment]
    log.info("Membaca %s dari Google Sheets %s", bidang, id_)
    try:
        try:
            jawab = http.values_batch_get(id_, [absolute_range_name(t.nama) for t in skema.TABS],
                                          params=dict(PARAM_NILAI))
            sumber = SumberMentah(bidang, alamat, "google", _dari_nilai(id_, jawab))
        except GagalPermintaan as e:
            if not (e.kode == 400 and "Unable to parse range" in e.pesan_api):
                raise
            meta = http.fetch_sheet_metadata(id_, params={"fields": FIELDS_TAB})
            tabs, temuan = _dari_grid(bidang, id_, meta)
            if not tabs:
                raise SumberGagal(bidang, alamat, _pesan_tanpa_tab(meta)) from None
            sumber = SumberMentah(bidang, alamat, "google", tabs, temuan)
    except GagalPermintaan as e:
        raise SumberGagal(bidang, alamat, pesan_gagal(e, kred, id_, pengaturan)) from e
    except (KeyError, TypeError, ValueError, IndexError) as e:
        raise SumberGagal(bidang, alamat, "Jawaban Google Sheets tidak seperti yang diharapkan "
                          f"({type(e).__name__}); ulangi, dan laporkan bila terus terjadi.") from e
    finally:
        http.session.close()
    log.info("%s: %d tab dibaca dengan %d permintaan", bidang, len(sumber.tabs),
             http.jumlah_permintaan)
    return sumber


def _baca_atau_gagal(bidang: str, alamat: str, **kw) -> SumberMentah | SumberGagal:
    try:
        return baca_satu(bidang, alamat, **kw)
    except SumberGagal as e:
        log.warning("%s", e)
        return e


def _kredensial_siap(kredensial: SumberKredensial, pengaturan: PengaturanGoogle,
                     env: Mapping[str, str] | None) -> Kredensial:
    if isinstance(kredensial, Kredensial):
        return kredensial
    kred = cari_kredensial(kredensial, env)
    segarkan(kred, pengaturan.waktu_baca)
    return kred


def judul_dari_range(a1: str) -> str:
    """The tab title in an A1 range as the API returns it: 'Data Lama'!A1:Z1000."""
    if a1.startswith("'"):
        i, judul = 1, []
        while i < len(a1):
            if a1[i] == "'":
                if a1[i + 1:i + 2] == "'":
                    judul.append("'")
                    i += 2
                    continue
                break
            judul.append(a1[i])
            i += 1
        return "".join(judul)
    return a1.split("!", 1)[0]


def _rapikan(baris: list[list[object]]) -> list[list[object]]:
    """Blank cells as None, trailing blanks and trailing empty rows trimmed."""
    hasil = []
    for b in baris:
        sel = [None if v == "" else v for v in b]
        while sel and sel[-1] is None:
            sel.pop()
        hasil.append(sel)
    while hasil and not hasil[-1]:
        hasil.pop()
    return hasil


def _dari_nilai(id_: str, jawab: dict) -> dict[str, TabMentah]:
    """TabMentah per template tab from a batchGet answer (same order as asked)."""
    tabs = {}
    for tab, vr in zip(skema.TABS, jawab["valueRanges"], strict=True):
        tabs[tab.nama] = TabMentah(nama=judul_dari_range(vr["range"]),
                                   sel=_rapikan(vr.get("values", [])),
                                   tautan=tautan_tab(id_, None))
    return tabs


def _nilai_efektif(sel: dict) -> object:
    ev = sel.get("effectiveValue")
    if not ev:
        return None
    for kunci in ("numberValue", "stringValue", "boolValue"):
        if kunci in ev:
            return ev[kunci]
    if "errorValue" in ev:
        return TEKS_GALAT.get(ev["errorValue"].get("type", ""), "#ERROR!")
    return None


def _tab_grid(id_: str, lembar: dict) -> TabMentah:
    prop = lembar["properties"]
    data = (lembar.get("data") or [{}])[0]
    baris = [[_nilai_efektif(s) for s in r.get("values", [])] for r in data.get("rowData", [])]
    tersembunyi = frozenset(
        i for i, m in enumerate(data.get("rowMetadata", []))
        if m.get("hiddenByUser") or m.get("hiddenByFilter")
    )
    return TabMentah(nama=prop["title"], sel=_rapikan(baris),
                     tautan=tautan_tab(id_, prop["sheetId"]), baris_tersembunyi=tersembunyi)


def _dari_grid(bidang: str, id_: str, meta: dict) -> tuple[dict[str, TabMentah], list[Temuan]]:
    """Template tabs found among all tabs by exact name, then by name/alias loosely."""
    lembar = sorted(meta.get("sheets", []), key=lambda s: s["properties"].get("index", 0))
    judul = [s["properties"]["title"] for s in lembar]
    tabs: dict[str, TabMentah] = {}
    temuan: list[Temuan] = []
    dipakai: set[int] = set()
    for tab in skema.TABS:
        nama_cocok = {skema.normal_judul(n) for n in (tab.nama, *tab.alias)}
        calon = [i for i, j in enumerate(judul) if j == tab.nama and i not in dipakai]
        calon = calon or [i for i, j in enumerate(judul)
                          if skema.normal_judul(j) in nama_cocok and i not in dipakai]
        if not calon:
            temuan.append(Temuan(
                PERINGATAN, bidang, tab.nama, "", None,
                f"Tab '{tab.nama}' tidak ada di spreadsheet ini (juga dengan nama lain: "
                f"{', '.join(tab.alias)}). Tab yang ada: {', '.join(judul) or '-'}.",
                tautan_tab(id_, None), "tab_tidak_ada"))
            continue
        i = calon[0]
        dipakai.add(i)
        tabs[tab.nama] = _tab_grid(id_, lembar[i])
        if judul[i] != tab.nama:
            temuan.append(Temuan(
                PERINGATAN, bidang, tab.nama, "", judul[i],
                f"Tab '{tab.nama}' tidak ada; dipakai tab '{judul[i]}'. Sebaiknya ganti nama "
                f"tab itu menjadi '{tab.nama}' seperti di templat.",
                tabs[tab.nama].tautan, "tab_nama_lain"))
    return tabs, temuan


def _pesan_tanpa_tab(meta: dict) -> str:
    judul = [s["properties"]["title"] for s in meta.get("sheets", [])]
    return (
        "Spreadsheet ini tidak memuat tab templat bidang (Indikator, Anggaran, Statistik); "
        f"tab yang ada: {', '.join(judul) or '-'}. Periksa apakah alamat di Pengaturan "
        "menunjuk ke sheet bidang yang benar."
    )


def pesan_gagal(e: GagalPermintaan, kred: Kredensial, id_: str,
                pengaturan: PengaturanGoogle) -> str:
    """What went wrong and what to do, in Indonesian, without any secret."""
    kali = f"sudah dicoba {e.percobaan} kali"
    if e.jenis == "waktu":
        return (f"Google Sheets tidak menjawab dalam {pengaturan.waktu_baca:g} detik ({kali}). "
                "Periksa koneksi internet lalu ulangi.")
    if e.jenis == "jaringan":
        host = urlsplit(pengaturan.endpoint).netloc
        return (f"Tidak dapat terhubung ke Google Sheets ({host}; {kali}). Periksa koneksi "
                "internet, proxy atau firewall kantor, lalu ulangi.")
    if e.jenis == "kredensial" or e.kode == 401:
        if kred.jenis == TOKEN:
            return (f"Token di {ENV_TOKEN} ditolak Google (kedaluwarsa atau tidak sah). Token "
                    "akses hanya berlaku sekitar satu jam: buat token baru, atau pakai berkas "
                    "kunci akun layanan.")
        return (f"Kredensial Google ({kred.asal}) ditolak. Periksa berkasnya atau buat kunci "
                "baru (lihat docs/google-sheets.md).")
    if e.kode == 403:
        if "insufficient authentication scopes" in e.pesan_api:
            return ("Kredensial Google ini tidak diberi izin membaca Google Sheets (cakupan "
                    "spreadsheets.readonly). Buat ulang token atau berkas authorized_user dengan "
                    "cakupan itu (lihat docs/google-sheets.md).")
        if "has not been used" in e.pesan_api or "is disabled" in e.pesan_api:
            return ("Google Sheets API belum diaktifkan di proyek Google Cloud kredensial ini. "
                    "Buka console.cloud.google.com > APIs & Services > Library, cari "
                    "'Google Sheets API', klik Enable, tunggu beberapa menit lalu ulangi.")
        if kred.jenis == AKUN_LAYANAN:
            return (f"Spreadsheet belum dibagikan ke akun layanan {kred.email}. Buka "
                    f"spreadsheet, klik Bagikan (Share), tambahkan {kred.email} sebagai "
                    "Pelihat (Viewer), lalu ulangi.")
        return ("Akun Google yang dipakai tidak punya akses ke spreadsheet ini. Minta "
                "pemiliknya membagikannya ke akun tersebut (cukup Pelihat), lalu ulangi.")
    if e.kode == 404:
        return (f"Spreadsheet dengan ID {id_} tidak ditemukan. Periksa alamatnya di "
                "Pengaturan: mungkin salah salin, atau spreadsheet sudah dihapus.")
    if e.kode == 429:
        tunggu = (f" Google meminta menunggu {e.tunggu:.0f} detik." if e.tunggu else "")
        return (f"Kuota baca Google Sheets terlampaui ({kali}).{tunggu} Tunggu sekitar satu "
                "menit lalu ulangi; kuotanya 60 permintaan per menit per akun.")
    if e.kode is not None and (e.kode >= 500 or e.kode == 408):
        return (f"Server Google Sheets sedang bermasalah (HTTP {e.kode} {e.status}; {kali}). "
                "Ulangi beberapa menit lagi.")
    if e.kode == 400 and "not supported for this document" in e.pesan_api:
        return ("Berkas ini bukan Google Spreadsheet (misalnya .xlsx yang diunggah ke Drive). "
                "Buka lalu pilih File > Simpan sebagai Google Spreadsheet dan pakai alamat "
                "yang baru, atau unduh berkasnya dan pakai sebagai berkas lokal.")
    return (f"Google Sheets menolak permintaan (HTTP {e.kode} {e.status}): {e.pesan_api}")

