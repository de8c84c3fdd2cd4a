"""Messages for the mistakes office staff make, on purpose: each says what is wrong,
where, and what to do next, in Indonesian, with no library's English."""

from __future__ import annotations

import shutil

import pytest

import workbooks
from sync.cli import KELUAR_DITOLAK, main
from sync.konsolidasi import berkas_riwayat_ditolak, konsolidasi
from sync.model.mentah import SumberGagal
from sync.periksa.uji import urai_sumber
from sync.sumber.lokal import baca_lokal
from tests.bidang_uji import JUDUL, anggaran, indikator, tulis_bidang


def _baca(tmp_path, **kw):
    path = tulis_bidang(tmp_path / "b.xlsx", **kw)
    return urai_sumber(baca_lokal("Bidang Uji", str(path)), 2021)


def test_satuan_ukur_is_satuan(tmp_path):
    kepala = ["Satuan Ukur" if h == "Satuan" else h for h in JUDUL["Indikator"]]
    d = _baca(tmp_path, judul={"Indikator": kepala}, indikator_rows=[indikator()])
    assert [t for t in d.temuan if t.kode == "kolom_wajib_tidak_ada"] == []
    assert d.indikator.ambil("satuan") == ["koperasi"]


def test_renamed_required_column_asks_did_you_mean(tmp_path):
    kepala = ["Pagu Anggaran (Rp)" if h == "Pagu" else h for h in JUDUL["Anggaran"]]
    d = _baca(tmp_path, judul={"Anggaran": kepala}, anggaran_rows=[anggaran()])
    (t,) = [t for t in d.temuan if t.kode == "kolom_wajib_tidak_ada"]
    assert "'Pagu Anggaran (Rp)': maksud Anda 'Pagu'?" in t.pesan


def test_tab_named_with_its_year_is_recognised(tmp_path):
    d = _baca(tmp_path, nama_tab={"Anggaran": "Anggaran 2021"}, anggaran_rows=[anggaran()])
    assert len(d.anggaran.ambil("kode")) == 1
    assert any(t.kode == "tab_lain" and "Anggaran 2021" in t.pesan for t in d.temuan)


def test_missing_tab_says_what_to_do(tmp_path):
    path = tulis_bidang(tmp_path / "b.xlsx", tanpa_tab=("Statistik",))
    with pytest.raises(SumberGagal) as e:
        baca_lokal("Bidang Uji", str(path))
    pesan = e.value.pesan
    assert pesan.startswith("Tab 'Statistik' tidak ada") and "templat" in pesan


def test_corrupt_file_without_library_english(tmp_path):
    rusak = tmp_path / "rusak.xlsx"
    rusak.write_bytes(b"PK\x03\x04 bukan zip yang utuh")
    with pytest.raises(SumberGagal) as e:
        baca_lokal("Bidang Uji", str(rusak))
    assert "rusak atau bukan workbook Excel" in e.value.pesan
    assert "EOCD" not in e.value.pesan and "Zip" not in e.value.pesan


def test_ods_is_read_through_calamine(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is needed to make an .ods")
    import subprocess

    xlsx = tulis_bidang(tmp_path / "b.xlsx", indikator_rows=[indikator()])
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profil').as_uri()}",
                    "--headless", "--convert-to", "ods", "--outdir", str(tmp_path / "o"),
                    str(xlsx)], check=True, capture_output=True, timeout=180)
    d = urai_sumber(baca_lokal("Bidang Uji", str(tmp_path / "o" / "b.ods")), 2021)
    assert d.indikator.ambil("kode") == ["IK-01"]


def test_bidang_workbook_given_as_master(tmp_path, capsys):
    path = tulis_bidang(tmp_path / "sekretariat.xlsx", indikator_rows=[indikator()])
    assert main(["konsolidasi", str(path)]) == KELUAR_DITOLAK
    err = capsys.readouterr().err
    assert "adalah workbook bidang" in err and "kinerja templat periksa" in err


def test_refused_run_is_logged_beside_the_master(tmp_path):
    shutil.copytree(workbooks.CONTOH, tmp_path / "contoh")
    induk = tmp_path / "LKjIP-2021.xlsx"
    shutil.copyfile(workbooks.INDUK, induk)
    (tmp_path / "contoh" / "04-koperasi.xlsx").unlink()
    isi = induk.read_bytes()
    h = konsolidasi(induk, pengguna="uji")
    assert h.status == "ditolak" and induk.read_bytes() == isi
    log = berkas_riwayat_ditolak(induk).read_text(encoding="utf-8-sig").splitlines()
    assert log[0].split("\t") == ["Waktu", "Pengguna", "Tahun", "Hasil", "Pesan"]
    kolom = log[1].split("\t")
    assert kolom[1:4] == ["uji", "2021", "ditolak"] and "04-koperasi.xlsx" in kolom[4]
    assert konsolidasi(induk, coba=True).status == "ditolak"  # a dry run logs nothing
    assert len(berkas_riwayat_ditolak(induk).read_text(encoding="utf-8-sig").splitlines()) == 2


def test_refused_run_with_keluaran_is_logged_beside_the_output(tmp_path):
    """With --keluaran the master is only read (it may be the shipped one): the log goes
    beside the file the run would have written."""
    shutil.copytree(workbooks.CONTOH, tmp_path / "contoh")
    induk = tmp_path / "LKjIP-2021.xlsx"
    shutil.copyfile(workbooks.INDUK, induk)
    (tmp_path / "contoh" / "04-koperasi.xlsx").unlink()
    keluaran = tmp_path / "keluar" / "laporan.xlsx"
    keluaran.parent.mkdir()
    h = konsolidasi(induk, keluaran=keluaran, pengguna="uji")
    assert h.status == "ditolak" and not keluaran.exists()
    assert not berkas_riwayat_ditolak(induk).exists()
    log = (keluaran.parent / "laporan-riwayat-ditolak.txt").read_text(encoding="utf-8-sig")
    assert log.splitlines()[1].split("\t")[1:4] == ["uji", "2021", "ditolak"]


def test_templat_periksa_names_the_bidang_from_b2_and_trusts_other_bidang(tmp_path, capsys):
    # 01-sekretariat.xlsx cites ST-KOP-AKTIF, a series kept by the Koperasi bidang's file
    salinan = tmp_path / "berkas-apa-saja.xlsx"
    shutil.copyfile(workbooks.CONTOH / "01-sekretariat.xlsx", salinan)
    assert main(["templat", "periksa", str(salinan)]) == 0
    out = capsys.readouterr().out
    assert "Sekretariat" in out and "berkas-apa-saja" not in out  # the name typed in B2
    assert "bidang mana pun" not in out and "peringatan: " not in out
    assert "diperiksa saat konsolidasi" in " ".join(out.split())
