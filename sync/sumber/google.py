"""Google Sheets as a source: each bidang's spreadsheet as raw tabs.

Two requests per spreadsheet. First `spreadsheets.get` with a field mask for the
locale, every tab's title, gid and hidden flag, and the tabs' hidden rows (row
metadata only, no cell values); the template tabs are found there by name, then by
alias (a finding says which tab was used). Then one `values:batchGet` of exactly
those tabs: typed values (UNFORMATTED_VALUE, dates as serial numbers), so numbers
arrive as numbers whatever the locale; text stays text for the parser. Knowing the
gids, every link opens its tab and cell.

A spreadsheet whose locale is not Indonesian gets a warning: there a typed
"1.500" is 1.5 (the dot is the decimal separator), and the API can only return
what Sheets stored (https://support.google.com/docs/answer/58515).

An .xlsx kept in Drive (drive.google.com/file/d/..., or a Sheets link with
rtpof=true, or a bare id that Sheets answers "not supported for this document")
is downloaded with Drive `files.get?alt=media` (one request; a read-only Drive
scope) and read by the local workbook reader.
"""

from __future__ import annotations

import functools
import logging
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import gspread
from gspread.utils import absolute_range_name

from sync.model import skema
from sync.model.mentah import SumberGagal, SumberMentah, TabMentah
from sync.model.temuan import PERINGATAN, Temuan
from sync.sumber.google_alamat import AlamatTidakSah, tautan_berkas, tautan_tab, urai_alamat
from sync.sumber.google_http import (
    ENDPOINT_DRIVE_BAWAAN,
    PANDUAN_GOOGLE,
    TENGGAT,
    GagalPermintaan,
    KlienSheets,
    Pembatas,
    PengaturanGoogle,
    api_mati,
    cakupan_kurang,
    pesan_halaman,
    pesan_tls,
)
from sync.sumber.google_kredensial import (
    AKUN_LAYANAN,
    ENV_TOKEN,
    TOKEN,
    Kredensial,
    KredensialGagal,
    cari_kredensial,
    pesan_tolak,
    segarkan,
)

log = logging.getLogger(__name__)

PARAM_NILAI = {
    "valueRenderOption": "UNFORMATTED_VALUE",
    "dateTimeRenderOption": "SERIAL_NUMBER",
    "majorDimension": "ROWS",
}
FIELDS_META = (
    "properties(title,locale),"
    "sheets(properties(sheetId,title,index,hidden),data(rowMetadata(hiddenByUser,hiddenByFilter)))"
)
URL_BERKAS = ENDPOINT_DRIVE_BAWAAN + "/drive/v3/files/{}"
URL_ABOUT = ENDPOINT_DRIVE_BAWAAN + "/drive/v3/about"
BATAS_UNDUH = 50 * 1024 * 1024  # an .xlsx from Drive larger than this is refused
SumberKredensial = Kredensial | str | os.PathLike | None


def baca_google(daftar: Sequence[tuple[str, str]], *, kredensial: SumberKredensial = None,
                pengaturan: PengaturanGoogle | None = None,
                env: Mapping[str, str] | None = None,
                kemajuan: Callable[[str], None] | None = None,
                ) -> list[SumberMentah | SumberGagal]:
    """Read several bidang spreadsheets at once; results in the order given.

    Addresses are checked first: one that is not a Google address (a typo, a cut
    copy, an e-mail) fails naming it, on any machine, credentials or not. The
    credential is then resolved and its token fetched once, if any address is good;
    a credential problem fails those sources with the same message. Requests of all
    sources share one rate limit (`pengaturan.per_menit`).
    """
    salah = {i: _alamat_salah(bidang, alamat) for i, (bidang, alamat) in enumerate(daftar)}
    salah = {i: g for i, g in salah.items() if g is not None}
    sah = [ba for i, ba in enumerate(daftar) if i not in salah]
    if not sah:
        return [salah[i] for i in range(len(daftar))]
    dibaca = iter(_baca_sah(sah, kredensial, pengaturan, env, kemajuan))
    return [salah[i] if i in salah else next(dibaca) for i in range(len(daftar))]


def _alamat_salah(bidang: str, alamat: str) -> SumberGagal | None:
    """The refusal of an address that names no spreadsheet, or None."""
    try:
        urai_alamat(alamat)
    except AlamatTidakSah as e:
        return SumberGagal(bidang, alamat, str(e))
    return None


def _baca_sah(daftar: Sequence[tuple[str, str]], kredensial: SumberKredensial,
              pengaturan: PengaturanGoogle | None, env: Mapping[str, str] | None,
              kemajuan: Callable[[str], None] | None) -> list[SumberMentah | SumberGagal]:
    """baca_google for addresses already checked."""
    pengaturan = pengaturan or PengaturanGoogle.dari_env(env)
    try:
        kred = _kredensial_siap(kredensial, pengaturan, env)
    except KredensialGagal as e:
        return [SumberGagal(bidang, alamat, e.pesan) for bidang, alamat in daftar]
    pembatas = Pembatas.dari(pengaturan)
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
    """Read one bidang spreadsheet (or .xlsx in Drive). Raises SumberGagal (Indonesian
    message) on failure."""
    pengaturan = pengaturan or PengaturanGoogle.dari_env(env)
    try:
        id_, di_drive = urai_alamat(alamat)
        kred = _kredensial_siap(kredensial, pengaturan, env)
        klien = gspread.Client(kred.kredensial, http_client=functools.partial(
            KlienSheets, pengaturan=pengaturan,
            pembatas=pembatas or Pembatas.dari(pengaturan)))
    except (AlamatTidakSah, ValueError) as e:
        raise SumberGagal(bidang, alamat, str(e)) from None
    except KredensialGagal as e:
        raise SumberGagal(bidang, alamat, e.pesan) from None
    http: KlienSheets = klien.http_client  # type: ignore[assignment]
    log.info("Membaca %s dari Google %s %s", bidang, "Drive" if di_drive else "Sheets", id_)
    try:
        try:
            if di_drive:
                sumber = _baca_berkas_drive(http, bidang, alamat, id_)
            else:
                sumber = _baca_sheets(http, bidang, alamat, id_)
        except GagalPermintaan as e:
            if di_drive or not (e.kode == 400 and "not supported for this document"
                                in e.pesan_api):
                raise
            di_drive = True  # an Office file kept in Drive, opened by its bare id
            sumber = _baca_berkas_drive(http, bidang, alamat, id_)
    except GagalPermintaan as e:
        akun = _akun_ditolak(http, kred, e)
        raise SumberGagal(bidang, alamat, pesan_gagal(
            e, kred, id_, pengaturan, drive=di_drive, akun=akun, bare=alamat.strip() == id_)
        ) from e
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as e:
        raise SumberGagal(bidang, alamat, "Jawaban Google Sheets tidak seperti yang diharapkan "
                          f"({type(e).__name__}); ulangi, dan laporkan bila terus terjadi.") from e
    finally:
        http.session.close()
    log.info("%s: %d tab dibaca dengan %d permintaan", bidang, len(sumber.tabs),
             http.jumlah_permintaan)
    return sumber


def _baca_sheets(http: KlienSheets, bidang: str, alamat: str, id_: str) -> SumberMentah:
    """The metadata request, then one batchGet of the template tabs found in it."""
    meta = http.fetch_sheet_metadata(id_, params={"fields": FIELDS_META})
    dipilih, temuan = pilih_tab(bidang, id_, meta)
    if not dipilih:
        raise SumberGagal(bidang, alamat, _pesan_tanpa_tab(meta))
    temuan += _periksa_lokal(bidang, id_, meta)
    lembar = _urut(meta)
    rentang = [absolute_range_name(lembar[i]["properties"]["title"]) for i in dipilih.values()]
    jawab = http.values_batch_get(id_, rentang, params=dict(PARAM_NILAI))
    tabs = {}
    for (nama, i), vr in zip(dipilih.items(), jawab["valueRanges"], strict=True):
        tabs[nama] = _tab(id_, lembar[i], vr.get("values", []))
    return SumberMentah(bidang, alamat, "google", tabs, temuan)


def _baca_berkas_drive(http: KlienSheets, bidang: str, alamat: str, id_: str) -> SumberMentah:
    """An .xlsx kept in Drive: one files.get?alt=media, then the local workbook reader."""
    from sync.sumber.lokal import baca_lokal

    jawab = http.request("get", URL_BERKAS.format(id_),
                         params={"alt": "media", "supportsAllDrives": "true"})
    data = jawab.content
    if len(data) > BATAS_UNDUH:
        raise SumberGagal(bidang, alamat, f"Berkas di Google Drive terlalu besar ({len(data):,} "
                          f"byte; batas {BATAS_UNDUH:,}).")
    if not data.startswith(b"PK\x03\x04"):  # every .xlsx/.xlsm is a zip package
        raise SumberGagal(bidang, alamat, "Berkas di Google Drive ini bukan workbook Excel "
                          ".xlsx/.xlsm (atau Google Spreadsheet). Periksa alamatnya di "
                          "Pengaturan.")
    with tempfile.TemporaryDirectory(prefix="kinerja-drive-") as folder:
        jalur = Path(folder) / "berkas-drive.xlsx"
        jalur.write_bytes(data)
        try:
            sumber = baca_lokal(bidang, str(jalur))
        except SumberGagal as e:
            raise SumberGagal(bidang, alamat, e.pesan.replace(jalur.name, "berkas Drive")
                              .replace(str(jalur), "berkas Drive")) from None
    sumber.alamat, sumber.jenis = alamat, "drive"
    tautan = tautan_berkas(id_)
    for tab in sumber.tabs.values():
        tab.tautan = tautan
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


def _urut(meta: dict) -> list[dict]:
    return sorted(meta.get("sheets", []), key=lambda s: s["properties"].get("index", 0))


def pilih_tab(bidang: str, id_: str, meta: dict) -> tuple[dict[str, int], list[Temuan]]:
    """Template tab -> index (in tab order) of the tab to read: exact name first, then
    name/alias loosely; findings for tabs used under another name or missing."""
    judul = [s["properties"]["title"] for s in _urut(meta)]
    gid = [s["properties"].get("sheetId") for s in _urut(meta)]
    dipilih: dict[str, int] = {}
    temuan: list[Temuan] = []
    for tab in skema.TABS:
        nama_cocok = {skema.normal_judul(n) for n in (tab.nama, *tab.alias)}
        dipakai = set(dipilih.values())
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
        i = dipilih[tab.nama] = calon[0]
        if judul[i] != tab.nama:
            temuan.append(Temuan(
                PERINGATAN, bidang, tab.nama, "", judul[i],
                f"Tab '{tab.nama}' tidak ada; dipakai tab '{judul[i]}'. Sebaiknya ganti nama "
                f"tab itu menjadi '{tab.nama}' seperti di templat.",
                tautan_tab(id_, gid[i]), "tab_nama_lain"))
    return dipilih, temuan


def _periksa_lokal(bidang: str, id_: str, meta: dict) -> list[Temuan]:
    """A warning when the spreadsheet's locale is not Indonesian: there "1.500" typed
    by staff is stored as 1.5 and "1,5" as text, before any API can see it."""
    lokal = str((meta.get("properties") or {}).get("locale") or "")
    if not lokal or lokal.lower().startswith("id"):
        return []
    return [Temuan(
        PERINGATAN, bidang, "", "", lokal,
        f"Lokal spreadsheet ini '{lokal}', bukan Indonesia (id_ID): angka yang diketik "
        "dengan titik ribuan (mis. 1.500) tersimpan sebagai 1,5 dan desimal berkoma (1,5) "
        "sebagai teks. Periksa angka-angkanya, lalu ubah di File > Setelan > Lokal: "
        "Indonesia.", tautan_tab(id_, None), "lokal_bukan_id")]


def _tab(id_: str, lembar: dict, nilai: list[list[object]]) -> TabMentah:
    prop = lembar["properties"]
    data = (lembar.get("data") or [{}])[0]
    tersembunyi = frozenset(
        i for i, m in enumerate(data.get("rowMetadata", []))
        if m.get("hiddenByUser") or m.get("hiddenByFilter")
    )
    return TabMentah(nama=prop["title"], sel=_rapikan(nilai),
                     tautan=tautan_tab(id_, prop.get("sheetId")),
                     baris_tersembunyi=tersembunyi)


def _pesan_tanpa_tab(meta: dict) -> str:
    judul = [s["properties"]["title"] for s in meta.get("sheets", [])]
    return (
        "Spreadsheet ini tidak memuat tab templat bidang (Indikator, Anggaran, Statistik); "
        f"tab yang ada: {', '.join(judul) or '-'}. Periksa apakah alamat di Pengaturan "
        "menunjuk ke workbook bidang yang benar."
    )


def _akun_ditolak(http: KlienSheets, kred: Kredensial, e: GagalPermintaan) -> str:
    """The e-mail of the account a 403 refused, so the message can name it: known for a
    service account; otherwise asked of Drive's about.get (any Drive scope, drive.file
    included). '' when it cannot be known."""
    if e.kode != 403 or e.jenis != "api":
        return ""
    if kred.email:
        return kred.email
    try:
        jawab = http.request("get", URL_ABOUT, params={"fields": "user(emailAddress)"})
        surel = jawab.json()["user"]["emailAddress"]
    except (GagalPermintaan, ValueError, KeyError, TypeError):
        return ""
    return surel if isinstance(surel, str) and "@" in surel and len(surel) < 200 else ""


def pesan_gagal(e: GagalPermintaan, kred: Kredensial, id_: str,
                pengaturan: PengaturanGoogle, *, drive: bool = False, akun: str = "",
                bare: bool = False) -> str:
    """What went wrong and what to do, in Indonesian, without any secret or markup."""
    layanan = "Google Drive" if drive else "Google Sheets"
    if e.jenis in ("waktu", "tls", "jaringan", "html"):
        return _pesan_jalur(e, layanan, pengaturan, drive)
    if e.jenis == "kredensial" or e.kode == 401:
        return _pesan_kredensial(e, kred)
    if e.kode == 403:
        pesan = _pesan_403(e, kred, layanan, drive, akun)
        if pesan:
            return pesan
    if e.kode == 404:
        return _pesan_404(kred, id_, drive, bare)
    return _pesan_lain(e, layanan, pengaturan)


def _pesan_jalur(e: GagalPermintaan, layanan: str, pengaturan: PengaturanGoogle,
                 drive: bool) -> str:
    """No answer, no connection, an untrusted certificate, or a web page for an answer."""
    kali = f"sudah dicoba {e.percobaan} kali"
    if e.jenis == "waktu" and e.pesan_api == TENGGAT:
        return (f"Google Sheets tidak selesai menjawab dalam {pengaturan.tenggat:g} detik "
                "(batas waktu per spreadsheet). Periksa koneksi internet lalu ulangi.")
    if e.jenis == "waktu":
        return (f"{layanan} tidak menjawab dalam {pengaturan.waktu_baca:g} detik ({kali}). "
                "Periksa koneksi internet lalu ulangi.")
    if e.jenis == "tls":
        return pesan_tls(layanan)
    if e.jenis == "jaringan":
        host = urlsplit(pengaturan.drive() if drive else pengaturan.endpoint).netloc
        return (f"Tidak dapat terhubung ke {layanan} ({host}; {kali}). Periksa koneksi "
                "internet, proxy atau firewall kantor, lalu ulangi.")
    return pesan_halaman(e, layanan) + (" Ulangi beberapa menit lagi."
                                        if e.kode and e.kode >= 500 else "")


def _pesan_kredensial(e: GagalPermintaan, kred: Kredensial) -> str:
    if e.jenis == "kredensial" and e.alasan:
        return pesan_tolak(kred, e.alasan)  # e.g. invalid_grant: revoked mid-run
    if kred.jenis == TOKEN:
        return (f"Token di {ENV_TOKEN} ditolak Google (kedaluwarsa atau tidak sah). Token "
                "akses hanya berlaku sekitar satu jam: buat token baru, atau pakai berkas "
                "kunci akun layanan.")
    return (f"Kredensial Google ({kred.asal}) ditolak. Periksa berkasnya atau buat kunci "
            f"baru (lihat {PANDUAN_GOOGLE}).")


def _pesan_403(e: GagalPermintaan, kred: Kredensial, layanan: str, drive: bool,
               akun: str) -> str:
    """A 403 by its reason; '' for a rate limit (said with the 429s)."""
    if cakupan_kurang(e):
        if drive:
            return ("Kredensial Google ini tidak diberi izin membaca berkas di Google Drive "
                    "(cakupan drive.readonly). Akun layanan memintanya sendiri; untuk akun "
                    "pribadi, buat ulang berkas authorized_user dengan cakupan itu, atau buka "
                    "berkas .xlsx itu lalu pilih File > Simpan sebagai Google Spreadsheet dan "
                    f"pakai alamat yang baru (lihat {PANDUAN_GOOGLE}).")
        return ("Kredensial Google ini tidak diberi izin membaca Google Sheets (cakupan "
                "spreadsheets.readonly). Buat ulang token atau berkas authorized_user dengan "
                f"cakupan itu (lihat {PANDUAN_GOOGLE}).")
    if api_mati(e):
        return (f"{layanan} API belum diaktifkan di proyek Google Cloud kredensial ini. "
                f"Buka console.cloud.google.com > APIs & Services > Library, cari "
                f"'{layanan} API', klik Enable, tunggu beberapa menit lalu ulangi.")
    if drive and e.alasan == "fileNotDownloadable":
        return ("Berkas di Google Drive ini bukan Google Spreadsheet atau workbook .xlsx "
                "(mis. Google Dokumen). Periksa alamatnya di Pengaturan.")
    if e.alasan in ("RATE_LIMIT_EXCEEDED", "userRateLimitExceeded", "rateLimitExceeded"):
        return ""
    benda = "berkas" if drive else "spreadsheet"
    if kred.jenis == AKUN_LAYANAN:
        return (f"{benda.capitalize()} belum dibagikan ke akun layanan {kred.email}. Buka "
                f"{benda}-nya, klik Bagikan (Share), tambahkan {kred.email} sebagai Pelihat "
                "(Viewer), lalu ulangi.")
    siapa = f"Akun Google {akun}" if akun else "Akun Google yang dipakai"
    return (f"{siapa} tidak punya akses ke {benda} ini. Minta pemiliknya membagikannya ke "
            f"{akun or 'akun tersebut'} (cukup Pelihat), lalu ulangi.")


def _pesan_404(kred: Kredensial, id_: str, drive: bool, bare: bool) -> str:
    if drive:
        siapa = f"akun layanan {kred.email}" if kred.jenis == AKUN_LAYANAN else "akun ini"
        return (f"Berkas dengan ID {id_} tidak ditemukan di Google Drive, atau belum "
                f"dibagikan ke {siapa} (Drive menyembunyikan berkas yang tidak boleh "
                "dilihat). Periksa alamat dan Bagikan-nya.")
    lokal = (" Bila yang dimaksud berkas di komputer, tulis namanya lengkap dengan "
             ".xlsx dan letakkan di folder workbook induk." if bare else "")
    return (f"Spreadsheet dengan ID {id_} tidak ditemukan. Periksa alamatnya di "
            "Pengaturan: mungkin salah salin, atau spreadsheet sudah dihapus." + lokal)


def _pesan_lain(e: GagalPermintaan, layanan: str, pengaturan: PengaturanGoogle) -> str:
    kali = f"sudah dicoba {e.percobaan} kali"
    if e.kode in (429, 403):
        tunggu = (f" Google meminta menunggu {e.tunggu:.0f} detik, lebih lama dari batas "
                  f"{pengaturan.batas_waktu:g} detik." if e.tunggu else "")
        return (f"Kuota baca {layanan} terlampaui ({kali}, selama "
                f"{pengaturan.batas_waktu:g} detik).{tunggu} Kuotanya 60 permintaan per "
                "menit per akun (300 per proyek): mungkin akun yang sama dipakai bersamaan "
                "di komputer lain. Tunggu satu-dua menit lalu ulangi.")
    if e.kode is not None and (e.kode >= 500 or e.kode == 408):
        return (f"Server {layanan} sedang bermasalah ({e.sebutan()}; {kali}). "
                "Ulangi beberapa menit lagi.")
    if e.kode == 400 and "not supported for this document" in e.pesan_api:
        return ("Berkas ini bukan Google Spreadsheet. Buka lalu pilih File > Simpan sebagai "
                "Google Spreadsheet dan pakai alamat yang baru, atau unduh berkasnya dan pakai "
                "sebagai berkas lokal.")
    return f"{layanan} menolak permintaan ({e.sebutan()}): {e.pesan_api}"
