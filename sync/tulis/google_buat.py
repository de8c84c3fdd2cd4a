"""A new bidang spreadsheet in Google Sheets from the template (`kinerja templat buat google`).

The template .xlsx (sync.tulis.templat) goes to Drive in one multipart
`files.create` whose metadata asks for a Google Sheet, so Google's own import
brings the notes, drop-downs, number formats and frozen header along; then each
`--bagikan` address gets a writer permission.

Drive's import gives the new spreadsheet its owner's locale, which may be en_US:
there a typed "1.500" becomes 1.5. So one Sheets `batchUpdate` sets the locale to
id_ID (updateSpreadsheetProperties; drive.file allows it on a file this app
created), and the template's Kode columns are Text, so "1.10" stays "1.10".

Only this path asks for a write scope: `drive.file` (the files this app creates).
The upload is one POST and is never retried: after a timeout or a 5xx the file may
exist anyway, so the message says to look in Drive first. One command, at most one
spreadsheet.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
import secrets
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from sync.sumber.google_alamat import AlamatTidakSah, id_spreadsheet, tautan_spreadsheet
from sync.sumber.google_http import (
    ENDPOINT_BAWAAN,
    ENDPOINT_DRIVE_BAWAAN,
    ENV_ENDPOINT_DRIVE,
    PANDUAN_GOOGLE,
    GagalPermintaan,
    KlienSheets,
    Pembatas,
    PengaturanGoogle,
    api_mati,
    cakupan_kurang,
    periksa_url_aman,
    pesan_halaman,
    pesan_tls,
)
from sync.sumber.google_kredensial import (
    AKUN_LAYANAN,
    ENV_TOKEN,
    PENGGUNA,
    TOKEN,
    Kredensial,
    KredensialGagal,
    cari_kredensial,
    segarkan,
)
from sync.tulis.templat import tulis_buku

log = logging.getLogger(__name__)

CAKUPAN_BUAT = ("https://www.googleapis.com/auth/drive.file",)
URL_UNGGAH = ENDPOINT_DRIVE_BAWAAN + "/upload/drive/v3/files"
URL_IZIN = ENDPOINT_DRIVE_BAWAAN + "/drive/v3/files/{}/permissions"
URL_UBAH = ENDPOINT_BAWAAN + "/v4/spreadsheets/{}:batchUpdate"
LOKAL = "id_ID"
MIME_SHEETS = "application/vnd.google-apps.spreadsheet"
MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BATAS_MULTIPART = 5 * 1024 * 1024  # Drive's limit for uploadType=multipart
KALI_WAKTU_TULIS = 3  # a write waits this many read timeouts: converting takes longer
_SUREL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")

SumberKredensial = Kredensial | str | Path | None


class TemplatGagal(Exception):
    """The spreadsheet was not created, or not shared with everyone asked.

    `url` is set when the spreadsheet exists and someone can open it (sharing failed
    for some address): the command must not be run again for it. The message
    (Indonesian) says what to do.
    """

    def __init__(self, pesan: str, url: str | None = None):
        super().__init__(pesan)
        self.pesan = pesan
        self.url = url


def nama_spreadsheet(bidang: str) -> str:
    """The title the new spreadsheet gets in Drive."""
    return f"Kinerja — {bidang.strip() or 'Templat Bidang'}"


def periksa_surel(daftar: Sequence[str]) -> list[str]:
    """The --bagikan addresses, checked and without repeats (before anything is sent)."""
    hasil: list[str] = []
    for s in daftar:
        s = s.strip()
        if not _SUREL.match(s):
            raise TemplatGagal(f"'{s}' bukan alamat e-mail. Tulis satu alamat untuk setiap "
                               "--bagikan, mis. --bagikan staf@dinas.go.id.")
        if s.lower() not in {h.lower() for h in hasil}:
            hasil.append(s)
    return hasil


def buat_templat_google(bidang: str, bagikan: Sequence[str], *,
                        kredensial: SumberKredensial = None,
                        pengaturan: PengaturanGoogle | None = None,
                        env: Mapping[str, str] | None = None,
                        peringatan: list[str] | None = None) -> str:
    """Create the bidang's spreadsheet from the template, set its locale to id_ID, share
    it as writer with each address in `bagikan`, and return its URL. Raises
    TemplatGagal (Indonesian message); a locale that could not be set is added to
    `peringatan` (the spreadsheet is usable, staff can set it by hand).
    """
    surel = periksa_surel(bagikan)
    pengaturan = pengaturan or PengaturanGoogle.dari_env(env)
    nama = nama_spreadsheet(bidang)
    try:
        kred = kredensial if isinstance(kredensial, Kredensial) else cari_kredensial(
            kredensial, env)
        if kred.jenis == AKUN_LAYANAN and not surel:
            raise TemplatGagal(
                f"Kredensial yang dipakai adalah akun layanan {kred.email}: spreadsheet yang "
                "dibuatnya tersimpan di Drive akun layanan itu dan tidak dapat dibuka siapa "
                "pun sebelum dibagikan. Tambahkan --bagikan EMAIL (mis. e-mail staf bidang), "
                f"atau pakai akun Google kantor (lihat {PANDUAN_GOOGLE}).")
        periksa_url_aman(pengaturan.drive(), ENV_ENDPOINT_DRIVE)  # before any token
        kred = kredensial_tulis(kred, pengaturan)
        http = KlienSheets(kred.kredensial, pengaturan=pengaturan,
                           pembatas=Pembatas.dari(pengaturan))
    except KredensialGagal as e:
        raise TemplatGagal(e.pesan) from None
    except ValueError as e:  # an endpoint that is not https
        raise TemplatGagal(str(e)) from None
    http.set_timeout((pengaturan.waktu_sambung, pengaturan.waktu_baca * KALI_WAKTU_TULIS))
    try:
        id_ = _unggah(http, nama, templat_xlsx(bidang), kred, pengaturan)
        url = tautan_spreadsheet(id_)
        log.info("Spreadsheet %s dibuat: %s", nama, id_)
        try:
            atur_lokal(http, id_)
        except GagalPermintaan as e:
            log.warning("Lokal %s tidak dapat diatur: %s", id_, e.sebutan())
            if peringatan is not None:
                peringatan.append(
                    f"Lokal spreadsheet belum dapat diatur ke Indonesia ({e.sebutan()}). "
                    "Buka spreadsheet-nya, pilih File > Setelan > Lokal: Indonesia, lalu "
                    "Simpan, supaya angka seperti 1.500 terbaca seribu lima ratus.")
        gagal = []
        for s in surel:
            try:
                _bagikan(http, id_, s, bidang)
            except GagalPermintaan as e:
                gagal.append((s, pesan_izin(e, kred)))
    finally:
        http.session.close()
    if gagal:
        # a service account's file nobody was given: unusable, so nothing to keep
        yatim = kred.jenis == AKUN_LAYANAN and len(gagal) == len(surel)
        raise TemplatGagal(_pesan_sebagian(nama, url, gagal, yatim),
                           url=None if yatim else url)
    return url


def kredensial_tulis(kred: Kredensial, pengaturan: PengaturanGoogle) -> Kredensial:
    """The credential with a token that may create files.

    A service account asks for drive.file here only (the read path asks for
    spreadsheets.readonly). An authorised user's refresh token carries the scopes
    granted when it was made, and a token carries its own: Drive says if they lack one.
    """
    if kred.jenis == AKUN_LAYANAN:
        kred = dataclasses.replace(kred, kredensial=kred.kredensial.with_scopes(CAKUPAN_BUAT))
    segarkan(kred, pengaturan.waktu_baca)
    return kred


def templat_xlsx(bidang: str) -> bytes:
    """The bidang template as .xlsx bytes (built in a temporary folder)."""
    with tempfile.TemporaryDirectory(prefix="kinerja-") as folder:
        return tulis_buku(Path(folder) / "templat.xlsx", bidang=bidang.strip()).read_bytes()


def badan_multipart(metadata: dict, media: bytes, jenis_media: str) -> tuple[bytes, str]:
    """A multipart/related body (JSON metadata, then the media) and its Content-Type."""
    while True:
        batas = "kinerja_" + secrets.token_hex(16)
        if batas.encode() not in media:
            break
    badan = b"".join([
        f"--{batas}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n".encode(),
        json.dumps(metadata, ensure_ascii=False).encode(),
        f"\r\n--{batas}\r\nContent-Type: {jenis_media}\r\n\r\n".encode(),
        media,
        f"\r\n--{batas}--\r\n".encode(),
    ])
    return badan, f"multipart/related; boundary={batas}"


def _unggah(http: KlienSheets, nama: str, data: bytes, kred: Kredensial,
            pengaturan: PengaturanGoogle) -> str:
    """One files.create converting the .xlsx to a Google Sheet; its id."""
    if len(data) > BATAS_MULTIPART:
        raise TemplatGagal(f"Berkas templat terlalu besar untuk diunggah ({len(data)} byte).")
    badan, jenis = badan_multipart({"name": nama, "mimeType": MIME_SHEETS}, data, MIME_XLSX)
    try:
        jawab = http.request("post", URL_UNGGAH, data=badan, headers={"Content-Type": jenis},
                             params={"uploadType": "multipart", "fields": "id,name,mimeType"})
    except GagalPermintaan as e:
        raise TemplatGagal(pesan_unggah(e, kred, nama, pengaturan)) from e
    try:
        isi = jawab.json()
        id_ = id_spreadsheet(str(isi["id"]))
        mime = isi.get("mimeType")
    except (ValueError, KeyError, TypeError, AttributeError, AlamatTidakSah):
        raise TemplatGagal(
            "Jawaban Google Drive tidak seperti yang diharapkan; spreadsheet mungkin sudah "
            f"terbuat. {_periksa_dulu(kred, nama)} Laporkan ke pengembang bila terus terjadi."
        ) from None
    if mime != MIME_SHEETS:
        raise TemplatGagal(
            f"Google Drive menyimpan templat sebagai berkas biasa ({mime}), bukan Google "
            f"Spreadsheet (ID {id_}). Hapus berkas '{nama}' itu dari Drive dan laporkan ke "
            "pengembang.")
    return id_


def atur_lokal(http: KlienSheets, id_: str) -> None:
    """The spreadsheet's locale to id_ID: one batchUpdate (never retried, harmless)."""
    http.request("post", URL_UBAH.format(id_), json={"requests": [{
        "updateSpreadsheetProperties": {"properties": {"locale": LOKAL}, "fields": "locale"}}]})


def _bagikan(http: KlienSheets, id_: str, surel: str, bidang: str) -> None:
    """Writer permission for one address, with Google's notification e-mail (a person
    without a Google account can only be invited that way)."""
    pesan = ("Workbook bidang" + (f" {bidang.strip()}" if bidang.strip() else "")
             + " untuk laporan kinerja (LKjIP). Isi data mulai baris 4 setiap tab; aturannya "
             "ada di tab Petunjuk. Jangan mengganti nama tab atau judul kolom.")
    http.request("post", URL_IZIN.format(id_),
                 json={"type": "user", "role": "writer", "emailAddress": surel},
                 params={"sendNotificationEmail": "true", "emailMessage": pesan,
                         "fields": "id"})


def nama_akun(kred: Kredensial) -> str:
    """Whose Drive the new spreadsheet lands in, as the messages name it."""
    if kred.jenis == AKUN_LAYANAN:
        return f"akun layanan {kred.email}"
    return f"akun {kred.email}" if kred.email else "akun Google yang dipakai"


def _periksa_dulu(kred: Kredensial, nama: str) -> str:
    if kred.jenis == AKUN_LAYANAN:
        return ("Bila terbuat, spreadsheet itu milik akun layanan dan belum dibagikan ke "
                "siapa pun; menjalankan perintah ini lagi membuat yang baru.")
    return (f"Sebelum menjalankan perintah ini lagi, buka Google Drive {nama_akun(kred)} (menu "
            f"Terbaru) dan lihat apakah '{nama}' sudah ada, supaya tidak terbuat dua.")


def _cakupan_kurang(kred: Kredensial) -> str:
    dasar = ("Kredensial Google ini tidak diberi izin membuat berkas di Google Drive "
             "(cakupan drive.file). ")
    if kred.jenis == TOKEN:
        return dasar + (f"Buat token untuk {ENV_TOKEN} dengan cakupan "
                        "https://www.googleapis.com/auth/drive.file.")
    if kred.jenis == PENGGUNA:
        return dasar + (f"Buat ulang berkas {kred.asal} dengan cakupan drive.file (lihat "
                        f"{PANDUAN_GOOGLE}, bagian Membuat workbook bidang baru).")
    return dasar + f"Lihat {PANDUAN_GOOGLE}, bagian Membuat workbook bidang baru."


def pesan_unggah(e: GagalPermintaan, kred: Kredensial, nama: str,
                 pengaturan: PengaturanGoogle) -> str:
    """Why creating failed and what to do, in Indonesian, without any secret."""
    api = e.pesan_api
    if e.jenis == "waktu":
        return (f"Google Drive tidak menjawab dalam "
                f"{pengaturan.waktu_baca * KALI_WAKTU_TULIS:g} detik. "
                + _periksa_dulu(kred, nama))
    if e.jenis == "tls":
        return pesan_tls("Google Drive")
    if e.jenis == "jaringan":
        host = urlsplit(pengaturan.drive()).netloc
        return (f"Tidak dapat terhubung ke Google Drive ({host}). Periksa koneksi internet, "
                "proxy atau firewall kantor. Bila sambungan putus di tengah unggahan: "
                + _periksa_dulu(kred, nama))
    if e.jenis == "html":
        # the upload may have reached Google before the page came back
        return (pesan_halaman(e, "Google Drive") + " Kinerja tidak mengulang unggahan sendiri "
                "agar tidak terbuat dua spreadsheet. " + _periksa_dulu(kred, nama))
    if e.jenis == "kredensial" or e.kode == 401:
        if kred.jenis == TOKEN:
            return (f"Token di {ENV_TOKEN} ditolak Google (kedaluwarsa atau tidak sah). Buat "
                    "token baru, lalu ulangi.")
        return (f"Kredensial Google ({kred.asal}) ditolak. Periksa berkasnya atau buat kunci "
                f"baru (lihat {PANDUAN_GOOGLE}).")
    if cakupan_kurang(e):
        return _cakupan_kurang(kred)
    if api_mati(e):
        return ("Google Drive API belum diaktifkan di proyek Google Cloud kredensial ini "
                "(membuat spreadsheet memerlukannya, selain Google Sheets API). Buka "
                "console.cloud.google.com > APIs & Services > Library, cari 'Google Drive "
                "API', klik Enable, tunggu beberapa menit lalu ulangi.")
    if e.kode == 403 and (e.alasan == "storageQuotaExceeded" or "storage quota" in api):
        if kred.jenis == AKUN_LAYANAN:
            return (f"Google tidak mengizinkan {nama_akun(kred)} memiliki berkas baru (akun "
                    "layanan tidak punya kuota penyimpanan Drive). Buat spreadsheet dengan "
                    f"akun Google kantor (berkas authorized_user; lihat {PANDUAN_GOOGLE}, "
                    "bagian Membuat workbook bidang baru), lalu bagikan ke akun layanan untuk "
                    "dibaca.")
        return (f"Penyimpanan Google Drive {nama_akun(kred)} penuh. Kosongkan ruang di Drive, "
                "lalu ulangi.")
    if e.kode == 429 or e.kode == 403 and (
            e.alasan in ("userRateLimitExceeded", "rateLimitExceeded", "RATE_LIMIT_EXCEEDED")
            or "rate limit" in api.lower()):
        return "Kuota Google Drive terlampaui. Tunggu sekitar satu menit, lalu ulangi."
    if e.kode is not None and (e.kode >= 500 or e.kode == 408):
        return (f"Server Google Drive sedang bermasalah ({e.sebutan()}). Kinerja "
                "tidak mengulang unggahan sendiri agar tidak terbuat dua spreadsheet. "
                + _periksa_dulu(kred, nama) + " Bila belum ada, ulangi beberapa menit lagi.")
    if e.kode == 403:
        return (f"Google Drive menolak membuat spreadsheet ({e.sebutan()}): {api}. "
                "Mungkin kebijakan Google Workspace instansi membatasi aplikasi ini; "
                "tanyakan admin Workspace.")
    return f"Google Drive menolak membuat spreadsheet ({e.sebutan()}): {api}"


def pesan_izin(e: GagalPermintaan, kred: Kredensial) -> str:
    """Why sharing with one address failed (short; the address is said by the caller)."""
    if e.jenis == "waktu":
        return "Google Drive tidak menjawab (mungkin sudah dibagikan; periksa di Bagikan)"
    if e.jenis == "tls":
        return pesan_tls("Google Drive")
    if e.jenis == "jaringan":
        return "tidak dapat terhubung ke Google Drive"
    if e.jenis == "html":
        return pesan_halaman(e, "Google Drive")
    if cakupan_kurang(e):
        return _cakupan_kurang(kred)
    if e.kode == 400:
        return ("Google menolak alamat ini (alamat tanpa akun Google, atau kebijakan instansi "
                f"melarang berbagi ke luar domain): {e.pesan_api}")
    return f"{e.sebutan()}: {e.pesan_api}"


def _pesan_sebagian(nama: str, url: str, gagal: list[tuple[str, str]], yatim: bool) -> str:
    baris = [f"Spreadsheet '{nama}' sudah dibuat: {url}", "Tetapi gagal dibagikan ke:"]
    baris += [f"  - {s}: {sebab}" for s, sebab in gagal]
    if yatim:
        baris.append("Belum ada yang dapat membuka spreadsheet itu (milik akun layanan). "
                     "Perbaiki sebabnya, lalu jalankan perintah ini lagi; spreadsheet tadi "
                     "tidak terpakai.")
    else:
        baris.append("Bagikan sendiri: buka alamat di atas, klik Bagikan, tambahkan alamat itu "
                     "sebagai Editor. Jangan jalankan perintah ini lagi untuk bidang ini "
                     "(akan terbuat spreadsheet kedua).")
    return "\n".join(baris)
