"""The Indonesian number and quantity parser (warta.claims.numbers), table-driven.

Every phrase is written for this test: realistic news wording with generic subjects."""
from __future__ import annotations

import pytest

from warta.claims.numbers import claim_quantities, find_quantities, parse_digits, parse_quantity

# phrase -> expected fields of the first claim quantity in it
CLAIMS = [
    # plain counts, Indonesian digit grouping
    ("sebanyak 10.000 tentara dikerahkan ke perbatasan", dict(value=10000, unit="tentara", approximate=False)),
    ("8.000 personel disiagakan di sekitar stadion", dict(value=8000, unit="personel")),
    ("polisi menangkap 12 tersangka pengedar narkoba", dict(value=12, unit="tersangka")),
    ("banjir merendam 1.250 rumah warga di tiga kecamatan", dict(value=1250, unit="rumah")),
    ("sebanyak 3 orang tewas dalam kecelakaan itu", dict(value=3, unit="orang")),
    ("menangkap 4 orang tersangka pencurian", dict(value=4, unit="tersangka")),
    ("menahan 1 (satu) orang tersangka", dict(value=1, unit="tersangka")),
    ("menahan 2 dua orang saksi kunci", dict(value=2, unit="saksi")),
    ("terdapat 1.234.567 pemilih dalam daftar tetap", dict(value=1234567, unit="pemilih")),
    ("sebanyak 250 WNI dievakuasi dari zona konflik", dict(value=250, unit="WNI")),
    ("menggeledah tujuh lokasi di ibu kota", dict(value=7, unit="lokasi")),
    ("penyidik membagi perkara menjadi empat berkas", dict(value=4, unit="berkas")),
    ("pembangunan 12 bendungan baru", dict(value=12, unit="bendungan")),
    # decimals
    ("inflasi tercatat 2,3 persen secara tahunan", dict(value=2.3, unit="persen")),
    ("pertumbuhan ekonomi 5,05 persen pada kuartal ini", dict(value=5.05, unit="persen")),
    ("produksi naik menjadi 2,5 juta ton", dict(value=2_500_000, unit="ton")),
    # scales
    ("jumlah penumpang mencapai 1,5 juta orang", dict(value=1_500_000, unit="orang", approximate=False)),
    ("sebanyak 20 ribu pemudik melintas", dict(value=20_000, unit="pemudik")),
    ("pemerintah menyalurkan 3 juta paket bantuan", dict(value=3_000_000, unit="paket")),
    ("cadangan gas diperkirakan 4 miliar kaki kubik", dict(value=4_000_000_000, unit="kaki", approximate=True)),
    ("dealer menjual 10 rb motor listrik", dict(value=10_000, unit="motor")),
    # money: rupiah
    ("kerugian negara mencapai Rp 2,3 T", dict(value=2_300_000_000_000, unit="rupiah", currency="IDR")),
    ("tersangka menerima suap Rp 254 juta", dict(value=254_000_000, unit="rupiah", currency="IDR")),
    ("proyek jalan tol senilai Rp 1 M", dict(value=1_000_000_000, unit="rupiah", currency="IDR")),
    ("anggaran Rp1,2 triliun disiapkan", dict(value=1_200_000_000_000, currency="IDR")),
    ("harga beras Rp 13.500 per kilogram", dict(value=13_500, unit="rupiah", currency="IDR")),
    ("denda sebesar 500 ribu rupiah", dict(value=500_000, unit="rupiah", currency="IDR")),
    ("dana hibah Rp. 750 juta", dict(value=750_000_000, currency="IDR")),
    ("uang tunai Rp 5 miliar disita penyidik", dict(value=5_000_000_000, currency="IDR")),
    ("kas daerah Rp 2,3T per tahun", dict(value=2_300_000_000_000, currency="IDR")),
    ("tunjangan Rp 3,5 jt per bulan", dict(value=3_500_000, currency="IDR")),
    ("nilai kontrak IDR 40 miliar", dict(value=40_000_000_000, currency="IDR")),
    # money: other currencies
    ("investasi US$ 5 miliar di sektor baterai", dict(value=5_000_000_000, unit="usd", currency="USD")),
    ("pinjaman USD 15 juta dari bank asing", dict(value=15_000_000, unit="usd", currency="USD")),
    ("biaya komitmen SGD 500 ribu diserahkan", dict(value=500_000, unit="sgd", currency="SGD")),
    ("proyek senilai $8,5 miliar ditandatangani", dict(value=8_500_000_000, unit="usd", currency="USD")),
    ("bantuan 2 juta dolar AS untuk korban", dict(value=2_000_000, unit="usd", currency="USD")),
    ("hibah 300 juta yen dari Jepang", dict(value=300_000_000, unit="jpy", currency="JPY")),
    ("pinjaman EUR 1,2 miliar", dict(value=1_200_000_000, currency="EUR")),
    ("kerja sama senilai 10 miliar yuan", dict(value=10_000_000_000, currency="CNY")),
    ("denda 50 ribu dolar Singapura", dict(value=50_000, unit="sgd", currency="SGD")),
    ("investasi 4 miliar euro", dict(value=4_000_000_000, currency="EUR")),
    ("anggaran pertahanan CNY 1,6 triliun", dict(value=1_600_000_000_000, currency="CNY")),
    ("kontrak 200 juta ringgit", dict(value=200_000_000, currency="MYR")),
    # number words
    ("sepuluh ribu warga mengungsi", dict(value=10_000, unit="warga")),
    ("dua belas korban masih dirawat", dict(value=12, unit="korban")),
    ("tiga puluh lima sekolah rusak", dict(value=35, unit="sekolah")),
    ("seratus dua puluh ribu hektare lahan terbakar", dict(value=120_000, unit="hektare")),
    ("seribu lima ratus relawan dikerahkan", dict(value=1500, unit="relawan")),
    ("lima ratus prajurit dikirim", dict(value=500, unit="prajurit")),
    ("sebelas pemain cadangan", dict(value=11, unit="pemain")),
    ("dua juta pelanggan terdampak", dict(value=2_000_000, unit="pelanggan")),
    ("delapan tersangka ditahan", dict(value=8, unit="tersangka")),
    # approximate plurals
    ("puluhan ribu demonstran memadati jalan", dict(value=10_000, unit="demonstran", approximate=True)),
    ("ratusan warga mengungsi ke masjid", dict(value=100, unit="warga", approximate=True)),
    ("ribuan buruh berunjuk rasa", dict(value=1000, unit="buruh", approximate=True)),
    ("belasan rumah rusak diterjang angin", dict(value=10, unit="rumah", approximate=True)),
    ("jutaan pelanggan terdampak pemadaman", dict(value=1_000_000, unit="pelanggan", approximate=True)),
    # percent and fractions
    ("tarif impor dinaikkan 2%", dict(value=2, unit="persen")),
    ("suku bunga naik 2 persen", dict(value=2, unit="persen")),
    ("tingkat partisipasi 81,78%", dict(value=81.78, unit="persen")),
    ("separuh penduduk desa", dict(value=0.5, unit="penduduk")),
    ("harga emas naik dua kali lipat", dict(value=2, unit="kali lipat")),
    # ranges
    ("antara 10 dan 12 persen", dict(value=10, value_max=12, bound="range", unit="persen")),
    ("10-12 orang terluka", dict(value=10, value_max=12, bound="range", unit="orang")),
    ("kecepatan maksimal 78 - 80 km per jam", dict(value=78, value_max=80, bound="range", unit="km")),
    ("sebanyak 1,88 juta surat suara dicetak", dict(value=1_880_000, unit="surat suara")),
    ("10 hingga 12 kapal nelayan", dict(value=10, value_max=12, bound="range", unit="kapal")),
    ("5 sampai 7 juta ton beras", dict(value=5_000_000, value_max=7_000_000, bound="range", unit="ton")),
    ("Rp 10-12 juta per bulan", dict(value=10_000_000, value_max=12_000_000, bound="range", currency="IDR")),
    # hedges
    ("sekitar 10.000 tentara dikirim", dict(value=10000, approximate=True, bound="exact", unit="tentara")),
    ("hampir 65.000 orang tewas", dict(value=65000, approximate=True, bound="upper")),
    ("lebih dari 200 warga terluka", dict(value=200, approximate=True, bound="lower")),
    ("kurang lebih 300 personel gabungan", dict(value=300, approximate=True, bound="exact")),
    ("setidaknya 15 orang meninggal", dict(value=15, approximate=True, bound="lower")),
    ("mencapai 5 juta ton", dict(value=5_000_000, approximate=False, bound="exact")),
    ("kurang dari 40 persen pemilih", dict(value=40, approximate=True, bound="upper")),
    ("sedikitnya 27 korban jiwa", dict(value=27, approximate=True, bound="lower", unit="korban")),
    ("sebanyak 45 kendaraan ditilang", dict(value=45, approximate=False, bound="exact")),
    ("tak kurang dari 1.000 relawan", dict(value=1000, approximate=True, bound="lower")),
    ("kira-kira 70 keluarga mengungsi", dict(value=70, approximate=True)),
    ("sekitar Rp 3 miliar digelapkan", dict(value=3_000_000_000, approximate=True, currency="IDR")),
    ("paling sedikit 9 desa terisolasi", dict(value=9, approximate=True, bound="lower")),
    ("10.000 lebih pengunjung datang", dict(value=10000, approximate=True, bound="lower", unit="pengunjung")),
    ("diperkirakan 2.000 ekor sapi mati", dict(value=2000, approximate=True, unit="sapi")),
    ("tidak lebih dari 5 persen", dict(value=5, approximate=True, bound="upper")),
    # units: compound nouns, possessives, measures
    ("target 14,5 juta wajib pajak melapor", dict(value=14_500_000, unit="wajib pajak")),
    ("organisasi itu memiliki ribuan anggotanya di daerah", dict(value=1000, unit="anggota", approximate=True)),
    ("produksi baja 18 juta ton per tahun", dict(value=18_000_000, unit="ton")),
    ("jalan tol sepanjang 28,5 kilometer", dict(value=28.5, unit="kilometer")),
    ("muka air naik 5 cm setahun", dict(value=5, unit="cm", kind="measure")),
    ("BI menaikkan suku bunga 25 basis poin", dict(value=25, unit="basis poin")),
    ("inflasi dalam sasaran 2,5 plus minus 1%", dict(value=2.5, unit="persen")),
    ("pertumbuhan 2,1 atau 2,2% tahun ini", dict(value=2.1, unit="persen")),
    ("aktivasi baru 2 juta atau 15% dari target", dict(value=15, unit="persen")),
    ("survei menemukan 6 dari 10 responden setuju", dict(value=6, unit="responden")),
    ("jumlah pegawai turun hampir 1.000 orang meskipun beban kerja naik", dict(value=1000, unit="orang")),
]


@pytest.mark.parametrize("phrase,expected", CLAIMS, ids=[p for p, _ in CLAIMS])
def test_claim_quantity(phrase, expected):
    qs = claim_quantities(phrase)
    assert qs, f"no claim quantity in {phrase!r}: {find_quantities(phrase)}"
    q = qs[0]
    for key, want in expected.items():
        got = getattr(q, key)
        if isinstance(want, float) or isinstance(got, float):
            assert got == pytest.approx(want), (phrase, key, got, want)
        else:
            assert got == want, (phrase, key, got, want)
    assert phrase[q.start:q.end] == q.text


# phrases whose numbers are not quantities about the world
NOT_CLAIMS = [
    "Sidang digelar Selasa (21/10/2025) di pengadilan negeri",
    "Peristiwa itu terjadi pada 2025 menjelang pemilu",
    "Rapat dimulai pukul 10.00 WIB di balai kota",
    "Acara berlangsung pada 17 Agustus di lapangan",
    "Korban, pria berusia 45 tahun, dibawa ke rumah sakit",
    "Pelaku, Budi (45), ditangkap di rumahnya",
    "Hubungi nomor 0812-3456-7890 untuk informasi",
    "Simak 10 Foto Keindahan Pantai Selatan",
    "Ini 5 Fakta Menarik soal Kereta Cepat",
    "Ia dijerat Pasal 27 ayat 3 UU ITE",
    "Aturan itu tercantum dalam UU Nomor 1 Tahun 2023",
    "Tim menemukan jejak Cesium-137 di lokasi pabrik",
    "Ia menjadi juara ke-3 dalam lomba itu",
    "Ia menjadi orang kedua yang diperiksa",
    "KTT G20 digelar di Bali",
    "Peluncuran iPhone 16 di Indonesia ditunda",
    "Pesawat tempur Su-35 melintas di atas kota",
    "Ia ditahan selama 20 hari pertama",
    "Konflik itu berlangsung hampir dua tahun",
    "Perjanjian itu berlaku selama tiga dekade",
    "salah satu negara pengekspor terbesar",
    "Ia datang bersama satu orang lainnya",
    "Kasus itu terjadi pada periode 2016-2019",
    "Mandatori B50 berlaku tahun depan",
    "Dalam waktu enam bulan proyek itu selesai",
    "Pertemuan digelar pada 10 Oktober",
    "Ia menjabat sejak 1998 hingga 2004",
    "Nomor induk 3201234567890001 tercatat di sistem",
    "Kebakaran terjadi di HPK 1 IKN pada malam hari",
    "Mobil berpelat DD 3 F itu ditilang",
    "Presiden tiba di Bandara Soekarno-Hatta pukul 14.30 WIB",
    "Ia lahir pada 5 Januari 1970 di Medan",
    "Pertandingan berakhir pada menit ke-90",
    "Menteri itu memilih diam seribu bahasa",
    "Densus 88 melakukan penggeledahan di rumah itu",
    "Mobil berpelat B 1234 XYZ itu diamankan",
    "Skor akhir 3-1 untuk tim tuan rumah",
    "Target itu 14,5 juta terdiri atas pegawai dan pensiunan",
    "Setelah pandemi Covid - 19 melanda, pendapatan turun",
    "Terdakwa dijerat Pasal 2 jo Pasal 18 UU Tipikor jo Pasal 55 ayat (1) ke-1 KUHP",
    "Ia melanggar Pasal 3junctoPasal 18 UU Tipikor",
]


@pytest.mark.parametrize("phrase", NOT_CLAIMS)
def test_not_a_claim(phrase):
    assert claim_quantities(phrase) == [], find_quantities(phrase)


def test_skip_reasons_are_given():
    reasons = {q.text: q.skip for q in find_quantities("Selasa (21/10/2025) pukul 10.00 WIB, Pasal 27 ayat 3")}
    assert reasons["21"] == "date"
    assert reasons["10.00"] == "time"
    assert reasons["27"] == "reference"


@pytest.mark.parametrize("digits,value", [("10.000", 10000), ("2,3", 2.3), ("1.500,75", 1500.75),
                                          ("1.234.567", 1234567), ("2.5", 2.5), ("8", 8), ("1,234,567", 1234567)])
def test_parse_digits(digits, value):
    assert parse_digits(digits) == pytest.approx(value)


def test_parse_quantity_gives_first_and_spans():
    q = parse_quantity("warga melaporkan sekitar 10.000 tentara masuk")
    assert (q.value, q.unit, q.approximate, q.hedge) == (10000, "tentara", True, "sekitar")
    text = "warga melaporkan sekitar 10.000 tentara masuk"
    assert text[q.full_start:q.full_end] == "sekitar 10.000 tentara"


def test_several_quantities_in_one_sentence():
    qs = claim_quantities("KPK menyita uang USD 1 juta (setara Rp 16,6 miliar) serta menggeledah delapan lokasi")
    assert [(q.value, q.unit) for q in qs] == [(1_000_000, "usd"), (16_600_000_000, "rupiah"), (8, "lokasi")]
