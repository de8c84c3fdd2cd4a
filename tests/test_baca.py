"""Reading and validating bidang sources: one test per finding kind, on messy sheets.

Expected values are written out by hand from the rows each test builds.
"""

from __future__ import annotations

import pytest

from sync.model import skema
from sync.model.mentah import SumberGagal
from sync.periksa.uji import audit, periksa, urai_sumber
from sync.sumber.lokal import baca_lokal
from tests.bidang_uji import JUDUL, anggaran, indikator, statistik, tulis_bidang


def _baca(tmp_path, nama="b.xlsx", tahun=2021, **kw):
    path = tulis_bidang(tmp_path / nama, **kw)
    return urai_sumber(baca_lokal(kw.get("bidang", "Bidang Uji"), str(path)), tahun)


def _kode(temuan):
    return [t.kode for t in temuan]


def _satu(temuan, kode):
    hasil = [t for t in temuan if t.kode == kode]
    assert len(hasil) == 1, (kode, [(t.kode, t.sel, t.pesan) for t in temuan])
    return hasil[0]


def test_header_under_titles_and_typed_values(tmp_path):
    d = _baca(tmp_path, judul_atas=3,
              indikator_rows=[indikator(target=1072, realisasi=233, keterangan="Tabel 3.7")],
              anggaran_rows=[anggaran(pagu=6_740_784_489, realisasi=5_695_937_122, fisik=84.5)],
              statistik_rows=[statistik("ST-01", "Jumlah koperasi", "koperasi",
                                        {2019: 1014, 2020: 899, 2021: 1092})])
    assert [t for t in d.temuan if t.tingkat == "galat"] == []
    (b,) = d.indikator
    assert b.nomor == 5  # three title rows, header on row 4
    assert b.nilai["kode"] == "IK-01" and b.nilai["tahun"] == 2021
    assert b.nilai["target"] == 1072 and b.nilai["realisasi"] == 233
    assert b.sel["realisasi"] == "Indikator!L5"
    (a,) = d.anggaran
    assert a.nilai["pagu"] == 6_740_784_489 and a.nilai["fisik"] == pytest.approx(0.845)
    (s,) = d.statistik
    assert s.tahunan == {2019: 1014, 2020: 899, 2021: 1092}  # headers "2019" and 2020 both


def test_rows_are_views_of_the_tab_columns(tmp_path):
    """A row (Baris) reads its table's columns and can only mark itself unusable (cacat):
    the checks never change parsed values, and what they mark is what the plan reads."""
    d = _baca(tmp_path, indikator_rows=[indikator(kode="IK-01", target=10, realisasi=5),
                                        indikator(kode="IK-02", target=20, realisasi=None)])
    t = d.indikator
    assert len(t) == 2 and t.kolom["kode"] == ["IK-01", "IK-02"]
    assert t.kolom["target"] == [10, 20] and t.nomor == [4, 5]  # two header rows
    assert [b.nilai["kode"] for b in t] == ["IK-01", "IK-02"] and t[-1].nomor == 5
    b = t[1]
    with pytest.raises(TypeError):
        b.nilai["realisasi"] = 7  # read-only view
    b.cacat = True
    assert t.kolom["realisasi"] == [5, None] and t.cacat == [False, True]
    assert b.sel.get("kode") == "Indikator!A5" and t.sel_kode() == ["Indikator!A4",
                                                                  "Indikator!A5"]
    with pytest.raises(IndexError):
        t[2]


def test_columns_in_any_order_with_aliases_and_odd_spacing(tmp_path):
    kepala = ["  TAHUN ", "kode indikator", "Nama  Indikator", "Target Tahunan", "SATUAN",
              "Realisasi Tahunan", "Catatan", "Kolom Bebas"]
    d = _baca(tmp_path, judul={"Indikator": kepala},
              indikator_rows=[[2020, "IK-02", "Persentase koperasi aktif", 24, "%", 21.29,
                               "", "x"]])
    (b,) = d.indikator
    assert (b.nilai["kode"], b.nilai["tahun"], b.nilai["satuan"]) == ("IK-02", 2020, "%")
    assert b.nilai["target"] == pytest.approx(0.24)      # Satuan % : 24 points -> 0.24
    assert b.nilai["realisasi"] == pytest.approx(0.2129)
    t = _satu(d.temuan, "kolom_tambahan")
    assert t.tingkat == "info" and "H 'Kolom Bebas'" in t.pesan


def test_merged_two_row_header(tmp_path):
    d = _baca(tmp_path, header_gabung=True,
              anggaran_rows=[anggaran(pagu=100.0, tw=(10, 20, 30, 15.5))])
    (a,) = d.anggaran
    assert [a.nilai[k] for k in ("tw1", "tw2", "tw3", "tw4")] == [10, 20, 30, 15.5]
    assert a.nilai["realisasi"] == pytest.approx(75.5)  # budget quarters are summed
    assert a.nomor == 5  # title rows 1-2, header rows 3-4


def test_missing_required_column(tmp_path):
    kepala = [h for h in JUDUL["Indikator"] if h != "Satuan"]
    d = _baca(tmp_path, judul={"Indikator": kepala},
              indikator_rows=[["IK-01", "Indikator", "positif", "akhir", 2021, 5]])
    t = _satu(d.temuan, "kolom_wajib_tidak_ada")
    assert t.tingkat == "galat" and "'Satuan'" in t.pesan and t.sel == "Indikator!A3"


def test_text_not_a_number_names_the_cell(tmp_path):
    d = _baca(tmp_path, indikator_rows=[indikator(target="1.2.3"),
                                        indikator(kode="IK-02", target="12,3,4"),
                                        indikator(kode="IK-03", target="dua puluh")])
    salah = [t for t in d.temuan if t.kode == "bukan_angka"]
    assert [(t.sel, t.nilai) for t in salah] == [
        ("Indikator!G4", "1.2.3"), ("Indikator!G5", "12,3,4"), ("Indikator!G6", "dua puluh")]
    assert all(t.tingkat == "galat" for t in salah)
    assert [b.nilai["target"] for b in d.indikator] == [None, None, None]  # never a guess


def test_seed_number_forms_and_mixed_row(tmp_path):
    # Tabel 2.3: one row of amounts in three formats; Tabel 2.5: a mistyped decimal comma
    d = _baca(tmp_path, tahun_statistik=(2016, 2017, 2020),
              statistik_rows=[
                  statistik("ST-VOL", "Volume usaha koperasi", "Rp",
                            {2016: "240,310,486", 2017: "112,503,553,626",
                             2020: "259.515.461.246"}),
                  statistik("ST-OMZ", "Omzet koperasi", "Rp",
                            {2016: None, 2017: None, 2020: "259,515,461,246,00"})])
    vol, omz = d.statistik
    assert vol.tahunan == {2016: 240_310_486, 2017: 112_503_553_626, 2020: 259_515_461_246}
    assert omz.tahunan == {2020: 259_515_461_246}
    campur = _satu(d.temuan, "format_campuran")
    assert campur.tingkat == "peringatan" and "Baris 4" in campur.pesan
    salah_ketik = _satu(d.temuan, "angka_tidak_baku")
    assert salah_ketik.sel == "Statistik!H5" and salah_ketik.tingkat == "peringatan"


def test_percent_typed_four_ways(tmp_path):
    d = _baca(tmp_path, indikator_rows=[
        indikator(kode=f"IK-0{i}", satuan="%", target=t, realisasi=0.5)
        for i, t in enumerate([85, 0.85, "85%", "85,0%"], start=1)])
    assert [b.nilai["target"] for b in d.indikator] == pytest.approx([0.85] * 4)
    assert [b.nilai["realisasi"] for b in d.indikator] == pytest.approx([0.5] * 4)


def test_error_cell_and_formula_cached_value(tmp_path):
    d = _baca(tmp_path, indikator_rows=[indikator(), indikator(kode="IK-02")],
              rumus_sel={"Indikator": {"G4": ("=#REF!*2", "#REF!"), "G5": ("=1000+72", 1072)}})
    t = _satu(d.temuan, "sel_galat")
    assert (t.sel, t.tingkat) == ("Indikator!G4", "galat") and "#REF!" in t.pesan
    assert d.indikator[1].nilai["target"] == 1072


def _galat_diganti(path, nilai_v: bytes):
    """The workbook at `path` with Indikator!G4's cached value made an error cell
    whose stored value is `nilai_v` (as a hand-edited or foreign file may hold)."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as z:
        isi = {i: z.read(i) for i in z.infolist()}
    keluar = path.with_name("galat-" + path.name)
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in isi.items():
            if info.filename == "xl/worksheets/sheet1.xml":
                data, n = re.subn(rb'<c r="G4"([^>]*)>(.*?)</c>',
                                  b'<c r="G4" t="e"><v>' + nilai_v + b"</v></c>", data)
                assert n == 1
            z.writestr(info, data)
    return keluar


def test_error_cell_without_hash_is_refused_so_the_hash_precheck_misses_none(tmp_path):
    """_pindai_xml looks for error cells only in a sheet holding a "#" (a one-byte
    search): sound only because calamine refuses an error cell whose value is not one of
    Excel's #-codes. This pins that behaviour: the source is refused, naming the tab."""
    path = tulis_bidang(tmp_path / "b.xlsx", indikator_rows=[indikator(target=100)])
    d = urai_sumber(baca_lokal("Bidang Uji", str(_galat_diganti(path, b"#N/A"))), 2021)
    assert _satu(d.temuan, "sel_galat").sel == "Indikator!G4"
    with pytest.raises(SumberGagal) as e:
        baca_lokal("Bidang Uji", str(_galat_diganti(path, b"XYZ")))
    assert "tab 'Indikator'" in e.value.pesan


def test_text_starting_with_formula_chars_stays_text(tmp_path):
    d = _baca(tmp_path, indikator_rows=[indikator(nama="=HYPERLINK(\"x\")", keterangan="@SUM(1)")])
    (b,) = d.indikator
    assert b.nilai["indikator"] == '=HYPERLINK("x")' and b.nilai["keterangan"] == "@SUM(1)"


def test_hidden_and_blank_rows(tmp_path):
    rows = [indikator(kode="IK-01"), [None] * 15, indikator(kode="IK-02")]
    d = _baca(tmp_path, indikator_rows=rows, tersembunyi={"Indikator": [5]})
    assert [b.nilai["kode"] for b in d.indikator] == ["IK-01", "IK-02"]
    t = _satu(d.temuan, "baris_tersembunyi")
    assert t.tingkat == "info" and "(6)" in t.pesan


def test_missing_tab_is_a_read_failure(tmp_path):
    path = tulis_bidang(tmp_path / "b.xlsx", tanpa_tab=("Anggaran",))
    with pytest.raises(SumberGagal) as e:
        baca_lokal("Sekretariat", str(path))
    assert "Tab 'Anggaran' tidak ada" in e.value.pesan


def test_renamed_tab_found_by_alias(tmp_path):
    d = _baca(tmp_path, nama_tab={"Indikator": "IKU"}, indikator_rows=[indikator()])
    assert len(d.indikator) == 1
    assert _satu(d.temuan, "tab_lain").tingkat == "info"


def test_not_a_workbook_and_missing_file(tmp_path):
    (tmp_path / "x.xlsx").write_text("bukan zip")
    with pytest.raises(SumberGagal, match="tidak dapat dibaca"):
        baca_lokal("A", str(tmp_path / "x.xlsx"))
    with pytest.raises(SumberGagal, match="tidak ditemukan"):
        baca_lokal("A", str(tmp_path / "tidak-ada.xlsx"))


def test_duplicate_code_within_and_across_bidang(tmp_path):
    a = _baca(tmp_path, "a.xlsx", bidang="Sekretariat",
              indikator_rows=[indikator(kode="IK-01"), indikator(kode="ik-01")])
    b = _baca(tmp_path, "b.xlsx", bidang="Bidang Koperasi",
              indikator_rows=[indikator(kode="IK-01"), indikator(kode="IK-01", tahun=2020)])
    temuan = periksa([a, b])
    ganda = [t for t in temuan if t.kode == "kode_ganda"]
    assert [(t.bidang, t.sel) for t in ganda] == [
        ("Sekretariat", "Indikator!A5"), ("Bidang Koperasi", "Indikator!A4")]
    assert "(Sekretariat)" in ganda[1].pesan and "Indikator!A4" in ganda[1].pesan
    assert all(t.tingkat == "galat" for t in ganda)


def test_realisation_without_target(tmp_path):
    d = _baca(tmp_path, indikator_rows=[indikator(target=None, realisasi=233)])
    t = _satu(periksa([d]), "realisasi_tanpa_target")
    assert (t.tingkat, t.sel) == ("peringatan", "Indikator!G4")


def test_quarters_contradict_annual(tmp_path):
    d = _baca(tmp_path, indikator_rows=[
        # kumulatif: 10+20+30+40 = 100, stated 90
        indikator(kode="IK-01", sifat="kumulatif", target=100, tw=(10, 20, 30, 40), realisasi=90),
        # akhir: last filled quarter is 233 (TW III), stated 233: fine
        indikator(kode="IK-02", sifat="akhir", target=250, tw=(222, 230, 233, None),
                  realisasi=233),
        # rata: (2+4)/2 = 3, left blank: derived
        indikator(kode="IK-03", sifat="rata", target=3, tw=(2, None, 4, None))])
    t = _satu(d.temuan, "triwulan_tidak_cocok")
    assert t.sel == "Indikator!L4" and t.nilai == 90
    assert d.indikator[2].nilai["realisasi"] == pytest.approx(3.0)


def test_budget_checks(tmp_path):
    d = _baca(tmp_path, anggaran_rows=[
        anggaran(kode="A.1", pagu=-5, realisasi=0),
        anggaran(kode="A.2", pagu=100, realisasi=120),
        anggaran(kode="A.3", pagu=100, tw=(10, 10, 10, 10), realisasi=50)])
    temuan = d.temuan + periksa([d])
    assert _satu(temuan, "pagu_negatif").sel == "Anggaran!F4"
    assert _satu(temuan, "melebihi_pagu").sel == "Anggaran!K5"
    assert _satu(temuan, "triwulan_tidak_cocok").sel == "Anggaran!K6"


def test_total_row_is_skipped_and_checked(tmp_path):
    total = [None, "JUMLAH", None, None, None, 250, None, None, None, None, 200, None]
    d = _baca(tmp_path, anggaran_rows=[anggaran(kode="A.1", pagu=100, realisasi=80),
                                       anggaran(kode="A.2", pagu=100, realisasi=90), total])
    assert [a.nilai["kode"] for a in d.anggaran] == ["A.1", "A.2"]
    assert _satu(d.temuan, "baris_jumlah").tingkat == "info"
    salah = [t for t in audit([d]) if t.kode == "jumlah_tidak_cocok"]
    # stated 250 vs 200 pagu; stated 200 vs 170 realised
    assert [(t.sel, t.nilai) for t in salah] == [("Anggaran!F6", 250), ("Anggaran!K6", 200)]


def test_audit_recomputes_stated_ratio_from_series(tmp_path):
    # Tabel 3.7: 2019 realisation 21.29% beside 207 active of 1052; 2016 22.65% = 222/980
    d = _baca(tmp_path, tahun_statistik=(2016, 2019),
              indikator_rows=[
                  indikator(kode="IK-AKT", satuan="%", tahun=2016, target=20, realisasi="22,65%",
                            rumus="rasio", acuan="ST-AKT/ST-KOP"),
                  indikator(kode="IK-AKT", satuan="%", tahun=2019, target=23, realisasi="21.29%",
                            rumus="rasio", acuan="ST-AKT/ST-KOP")],
              statistik_rows=[statistik("ST-KOP", "Jumlah koperasi", "koperasi",
                                        {2016: 980, 2019: 1052}),
                              statistik("ST-AKT", "Koperasi aktif", "koperasi",
                                        {2016: 222, 2019: 207})])
    t = _satu(audit([d]), "tidak_cocok_hitungan")
    assert t.sel == "Indikator!L5" and "21,29%" in t.pesan and "19,68%" in t.pesan


def test_audit_difference_series(tmp_path):
    # Tabel 2.4 / text: growth of micro businesses 2020 written as 232; 1462 - 1194 = 268
    d = _baca(tmp_path, tahun_statistik=(2018, 2019, 2020), statistik_rows=[
        statistik("ST-UM", "Jumlah usaha mikro", "unit", {2018: 1171, 2019: 1194, 2020: 1462}),
        statistik("ST-UM-TAMBAH", "Pertambahan usaha mikro", "unit",
                  {2018: None, 2019: 23, 2020: 232}, rumus="selisih", acuan="ST-UM")])
    (t,) = [x for x in audit([d]) if x.kode == "tidak_cocok_hitungan"]
    assert t.sel == "Statistik!H5" and "232" in t.pesan and "268" in t.pesan
    assert all(x.kode != "acuan_tidak_lengkap" or "2017" in x.pesan for x in audit([d]))


def test_bad_choice_and_year(tmp_path):
    d = _baca(tmp_path, indikator_rows=[indikator(arah="ke atas", tahun="20x1")])
    assert _satu(d.temuan, "pilihan_salah").sel == "Indikator!D4"
    assert _satu(d.temuan, "tahun_salah").sel == "Indikator!F4"


def test_choice_synonyms(tmp_path):
    d = _baca(tmp_path, indikator_rows=[indikator(arah="Negatif Rasio", sifat="Rata-rata")])
    (b,) = d.indikator
    assert (b.nilai["arah"], b.nilai["sifat"]) == ("negatif_rasio", "rata")


def test_csv_folder_source(tmp_path):
    folder = tmp_path / "bidang"
    folder.mkdir()
    (folder / "Indikator.csv").write_text(
        "Data Indikator\n" + ";".join(JUDUL["Indikator"]) + "\n"
        "IK-01;Jumlah koperasi aktif;koperasi;positif;akhir;2021;1.092;;;;;233;;;\n",
        encoding="utf-8")
    (folder / "Anggaran.csv").write_text(",".join(JUDUL["Anggaran"]) + "\n"
                                         '2.17.01,P,K,S,2021,"6,740,784,489",,,,,,\n')
    (folder / "Statistik.csv").write_text("Kode,Uraian,Satuan,Rumus,Acuan,2020\n"
                                          "ST-01,Anggota,orang,,,36.507\n")
    d = urai_sumber(baca_lokal("Bidang CSV", str(folder / "Indikator.csv")), 2021)
    assert d.indikator[0].nilai["target"] == 1092
    assert d.anggaran[0].nilai["pagu"] == 6_740_784_489
    assert d.statistik[0].tahunan == {2020: 36_507}


def test_schema_tabs_are_what_the_template_needs():
    assert [t.nama for t in skema.TABS] == ["Indikator", "Anggaran", "Statistik"]


# Column typing: the whole-column fast paths must give what typing each cell gives.

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from sync.periksa.urai import _ketik_kolom, ketik  # noqa: E402

_SEL = st.one_of(
    st.none(), st.floats(allow_nan=False, allow_infinity=False), st.integers(1890, 2110),
    st.sampled_from([2021.0, 2020.0, 1899.0, 2021.5, True, False]),
    st.text(max_size=6),
    st.sampled_from(["positif", "negatif", " positif", "Naik", "kumulatif", "rata",
                     "#REF!", " #N/A", "#catatan", "   ", "", "IK-01", "2021", "1.234,5"]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_SEL, max_size=8), st.sampled_from(["kode", "indikator", "arah", "sifat",
                                                      "tahun"]), st.booleans())
def test_ketik_kolom_sama_dengan_ketik_per_sel(nilai, kunci, seragam):
    """For every column kind with a fast path: values and findings as ketik() per cell."""
    k = next(k for k in skema.INDIKATOR.kolom if k.kunci == kunci)
    if seragam:  # the common case the fast paths are for: one type in the column
        nilai = [v for v in nilai if v is None or isinstance(v, str)] if k.jenis != skema.TAHUN \
            else [v for v in nilai if v is None or type(v) in (int, float)]
    masalah: list = []
    hasil = _ketik_kolom(nilai, k.jenis, k, [False] * len(nilai), kunci, masalah, {})
    harapan = [ketik(v, k.jenis, k) for v in nilai]
    assert hasil == [h[0] for h in harapan]
    assert [(i, m) for i, _, _, m in masalah] == [
        (i, m) for i, h in enumerate(harapan) for m in h[1]]


def test_tanggal_dibaca_sebagai_serial(tmp_path):
    """A date or time typed in a source arrives as its Excel serial number (calamine gives
    datetime objects), and a blank cell as None."""
    import datetime as dt

    import xlsxwriter

    p = tmp_path / "bidang.xlsx"
    wb = xlsxwriter.Workbook(str(p))
    tgl = wb.add_format({"num_format": "dd/mm/yyyy"})
    jam = wb.add_format({"num_format": "hh:mm"})
    for nama in ("Indikator", "Anggaran", "Statistik"):
        ws = wb.add_worksheet(nama)
        ws.write_row(0, 0, ["Kode", "Teks", "", "Angka"])
    ws = wb.get_worksheet_by_name("Indikator")
    ws.write_datetime(1, 0, dt.datetime(2021, 12, 31), tgl)
    ws.write_datetime(1, 1, dt.datetime(1900, 1, 1, 18, 0), jam)
    ws.write_datetime(1, 3, dt.datetime(2021, 3, 1, 12, 0), tgl)
    ws.write_number(1, 4, 45.5, tgl)  # 14/02/1900 12:00, before Excel's phantom 29/02/1900
    wb.close()
    sel = baca_lokal("Bidang", str(p)).tabs["Indikator"].sel
    assert sel[1][0] == 44561.0          # 31/12/2021, as Excel stores it
    assert sel[1][3] == 44256.5          # 1/3/2021 12:00
    assert sel[1][2] is None and sel[0][2] is None
    assert sel[1][1] == 0.75             # a time (calamine keeps only the time of day)
    assert sel[1][4] == 45.5


def test_sel_mentah_in_place_matches_a_cell_by_cell_reference():
    """sel_mentah rewrites calamine's rows in place; the result must be what a plain
    conversion of each cell gives. Serials by hand: 2021-01-01 is day 44197 of the 1900
    system, 12:00 is 0.5 of a day, 6 hours 0.25."""
    import datetime as dt

    from sync.sumber.lokal import sel_mentah

    baris = [["", "Kode", 1.0, True, ""], [dt.date(2021, 1, 1), dt.time(12, 0),
                                           dt.timedelta(hours=6), "", 7], []]
    acuan = [[None, "Kode", 1.0, True, None], [44197.0, 0.5, 0.25, None, 7], []]
    assert sel_mentah([list(b) for b in baris]) == acuan
    tanpa_tanggal = [["", "x", 2.5], ["", "", 0]]
    sama = tanpa_tanggal[0]
    hasil = sel_mentah(tanpa_tanggal)
    assert hasil == [[None, "x", 2.5], [None, None, 0]]
    assert hasil[0] is sama  # reused, not copied
