"""Built-in concept lexicon data: what a counted noun means, per language.

Each concept key maps to Indonesian (``id``) and English (``en``) phrases.
Written in base form: matching adds English plural ``-s``/``-es``/``-ies``
and Indonesian reduplication (``korban-korban``) by itself.  A leading ``=``
makes a phrase case-sensitive (short all-capital forms are so by default).

Decisions worth knowing:

* ``injured`` vs ``wounded``: Indonesian rarely distinguishes them.  All plain
  ``luka``/``terluka``/``luka-luka``/``cedera`` forms and English
  ``injured``/``injuries``/``hurt`` -> ``injured``; ``wounded`` and the
  *serious* forms (``luka berat``, ``luka parah``, ``seriously injured``)
  -> ``wounded``.  :data:`BROADER` relates them.
* ``korban`` alone -> ``casualties``; ``korban jiwa``/``korban tewas`` -> ``killed``.
* Bodies (``jenazah``, ``jasad``, ``mayat``, ``bodies``) -> ``bodies``
  (broader: ``killed``), not ``killed`` itself.
* ``pengungsi`` -> ``displaced`` (Indonesian disaster usage); English
  ``refugees`` is its own key.
* ``tahanan`` -> ``prisoners``; ``ditahan``/``detained`` -> ``detained``.
* ``amunisi``/``ammunition`` -> ``shells``.
* ``orang``, ``warga``, ``penduduk``, ``jiwa``, ``people`` -> ``people``, though
  they are also classifiers/modifiers (see :data:`CLASSIFIERS`); the assembler
  prefers a more specific concept that follows them.
"""

from __future__ import annotations


def _c(id_words: str = "", en_words: str = "") -> dict[str, tuple[str, ...]]:
    return {
        "id": tuple(w.strip() for w in id_words.split("|") if w.strip()),
        "en": tuple(w.strip() for w in en_words.split("|") if w.strip()),
    }


# fmt: off
CONCEPTS: dict[str, dict[str, tuple[str, ...]]] = {
    # --- military people and ranks
    "troops": _c(
        "tentara|pasukan|prajurit|personel militer|serdadu|anggota militer|personel TNI|"
        "pasukan darat|pasukan khusus|pasukan tempur|tentara bayaran|kontingen",
        "troop|soldier|military personnel|serviceman|servicemen|service member|"
        "servicemember|military servicemen|ground troops|special forces|mercenary|"
        "infantrymen|marine|contingent|kontingen|special operations personnel|special forces personnel|"
        "military personnel|army personnel|navy personnel|service personnel",
    ),
    "officers": _c("perwira|perwira militer", "officer|military officer|army officer"),
    "generals": _c("jenderal|perwira tinggi|laksamana", "general|admiral|senior commander"),
    "militants": _c(
        "militan|gerilyawan|kombatan|pejuang|anggota milisi|milisi|teroris",
        "militant|fighter|insurgent|guerrilla|combatant|militiamen|militia member|terrorist",
    ),
    "police_officers": _c(
        "polisi|anggota polisi|personel polisi|aparat kepolisian|personel Polri|anggota Polri|"
        "polisi militer",
        "police officer|policeman|policemen|policewomen|police|police personnel|cop",
    ),
    "defectors": _c("pembelot", "defector"),
    # --- casualties
    "killed": _c(
        "tewas|meninggal|meninggal dunia|korban jiwa|korban tewas|korban meninggal|"
        "korban meninggal dunia|wafat|gugur|terbunuh|kematian|angka kematian|"
        "jumlah korban tewas|jumlah korban jiwa|orang tewas|tewas terbunuh|tenggelam|"
        "angka kematian|jumlah kematian|meninggal dunia|kehilangan nyawa|meregang nyawa|"
        "korban meninggal|ditemukan meninggal|ditemukan tewas|menjadi korban jiwa|kasus kematian|"
        "di antara korban tewas|di antara korban meninggal|termasuk di antara korban tewas",
        "dead|killed|death|death toll|fatality|lives|died|fatalities|people killed|among the dead|"
        "among the deaths|among the fatalities|among those killed|among the killed|shot dead|"
        "deaths|lives lost|drowned|perished|number of dead|number of deaths|toll|"
        "lost their lives|have lost their lives|had lost their lives|lost his life|lost her life|"
        "were found dead|confirmed dead",
    ),
    "wounded": _c(
        "luka berat|luka parah|terluka parah|luka serius|terluka berat|korban luka berat",
        "wounded|seriously injured|seriously wounded|badly injured|critically injured|"
        "severely injured",
    ),
    "injured": _c(
        "luka|luka-luka|terluka|korban luka|luka ringan|cedera|korban cedera|"
        "mengalami luka|korban luka-luka|terluka ringan",
        "injured|injury|injuries|hurt|lightly injured|slightly injured|people injured",
    ),
    "casualties": _c(
        "korban|tewas dan luka|tewas atau terluka|tewas dan terluka|tewas maupun luka|"
        "korban tewas dan luka-luka|korban tewas dan luka|korban meninggal dan luka-luka|"
        "orang tewas atau terluka|orang tewas dan terluka|orang tewas atau luka|orang tewas dan luka-luka|"
        "orang meninggal dan luka-luka|orang tewas dan luka|"
        "korban meninggal dunia dan luka-luka|korban tewas maupun luka|korban tewas dan terluka|"
        "meninggal dan luka|meninggal dunia dan luka|korban tewas dan luka|gugur dan terluka|"
        "tewas atau luka|kerugian personel|tewas dan luka-luka|tewas atau luka-luka|orang tewas atau luka-luka|"
        "meninggal atau luka-luka|meninggal dunia atau luka-luka|tewas maupun luka-luka|korban tewas atau luka-luka|"
        "orang meninggal atau luka-luka|tewas atau cedera|tewas dan cedera",
        "casualty|casualties|losses in personnel|personnel losses|killed or wounded|"
        "killed and wounded|killed or injured|killed and injured|dead or wounded|dead and wounded|"
        "dead or injured|dead and injured|wounded or killed|injured or killed|injured or died|"
        "injured or have died|died or were injured|have been injured or have died|"
        "people killed or wounded|people killed or injured|people dead or injured|"
        "were lost|was lost|had been lost|have been lost|eliminated|were eliminated|"
        "have been eliminated|had been eliminated|killed, wounded|losses|personnel losses|"
        "were put out of action|put out of action|neutralised|neutralized",
    ),
    "victims": _c("para korban", "victim"),
    "bodies": _c("jenazah|jasad|mayat|kantong jenazah", "body|bodies|corpse|body bag"),
    "missing": _c(
        "hilang|masih hilang|dinyatakan hilang|belum ditemukan|orang hilang|hilang kontak|dalam pencarian|"
        "masih dalam pencarian|masih dicari|menghilang|masih menghilang|tertimbun|masih tertimbun|terkubur|"
        "masih terkubur|terjebak|masih terjebak|tertimbun longsor",
        "missing|unaccounted for|still missing|remain missing|listed as missing|still being searched for|"
        "still buried|remain buried|trapped|still trapped|remain trapped|buried under the rubble",
    ),
    "survivors": _c("selamat|korban selamat|penyintas", "survivor"),
    "rescued": _c(
        "berhasil diselamatkan|diselamatkan|berhasil dievakuasi dalam keadaan selamat",
        "rescued|pulled alive|pulled from the rubble",
    ),
    "hospitalized": _c(
        "dirawat|dirawat di rumah sakit|dirawat inap|dilarikan ke rumah sakit|"
        "menjalani perawatan",
        "hospitalized|hospitalised|in hospital|admitted to hospital|receiving treatment",
    ),
    "recovered": _c("sembuh|pulih", "recovered|recoveries"),
    "hostages": _c("sandera|orang yang disandera", "hostage|captive"),
    "prisoners": _c(
        "tahanan|narapidana|napi|tawanan|tawanan perang|tahanan perang|warga binaan",
        "prisoner|prisoners of war|prisoner of war|POW|POWs|inmate|convict|captured|"
        "were captured|taken prisoner|were taken prisoner|ditawan|tertawan|yang ditawan",
    ),
    "detained": _c("ditahan|dalam tahanan|ditahan di rutan|dijebloskan ke tahanan",
                   "detained|detainee|held in custody|taken to pre-trial detention|sent to pre-trial detention|"
                   "placed in pre-trial detention|remanded in custody|in pre-trial detention"),
    "arrested": _c(
        "ditangkap|dibekuk|diringkus|dicokok|penangkapan|di tangkap|di bekuk|di amankan|diamankan",
        "arrested|arrest|taken into custody|apprehended",
    ),
    "suspects": _c("tersangka|terduga|terduga pelaku|pelaku", "suspect|perpetrator|assailant"),
    "kidnapped": _c("diculik|korban penculikan", "kidnapped|abducted|abductee"),
    "executed": _c("dieksekusi|dihukum mati", "executed|execution"),
    "deported": _c("dideportasi|dipulangkan", "deported|deportee|repatriated"),
    # --- displacement
    "deployments": _c(
        "gelombang|rotasi|kloter|batch|tahap pengiriman|gelombang pengiriman",
        "wave|rotation|batch|deployment|troop rotation",
    ),
    "displaced": _c(
        "meninggalkan rumah|meninggalkan kampung|meninggalkan kota|terpaksa meninggalkan|pengungsi|mengungsi|kehilangan tempat tinggal|kehilangan rumah|warga mengungsi|"
        "dipindahkan secara paksa|dipindahkan paksa|diusir dari rumah|terusir|"
        "pengungsi internal|terpaksa mengungsi|di pengungsian|bertahan di pengungsian|"
        "tinggal di pengungsian|di posko pengungsian|di tenda pengungsian|tinggal di tenda pengungsian|"
        "bertahan di posko pengungsian",
        "displaced|internally displaced|internally displaced people|IDP|IDPs|homeless|"
        "displaced people|displaced persons|fled their homes|fled|forced from their homes|forcibly displaced|"
        "forcibly transferred|"
        "forced to flee|left homeless|in evacuation centres|in evacuation centers|in shelters|"
        "in temporary shelters|remained in evacuation centres|remained in evacuation centers",
    ),
    "refugees": _c(
        "pengungsi lintas batas|menyeberang ke negara tetangga|mengungsi ke negara tetangga|"
        "mengungsi ke luar negeri|ke negara tetangga|ke negara-negara tetangga",
        "refugee|fled to neighbouring countries|fled to neighboring countries|fled abroad|"
        "crossed into neighbouring countries|crossed into neighboring countries|fled across borders|"
        "fled across the border|fled across the borders|fled the country|fled to other countries|"
        "crossed the border|crossed the borders|have crossed the border|sought refuge abroad|"
        "sought refuge in neighbouring countries|sought refuge in neighboring countries|"
        "into neighbouring countries|into neighboring countries|to neighbouring countries|to neighboring countries|"
        "escaped into neighbouring countries|escaped into neighboring countries|across the border into",
    ),
    "asylum_seekers": _c("pencari suaka", "asylum seeker"),
    "evacuated": _c("dievakuasi|evakuasi|diungsikan", "evacuated|evacuee"),
    "affected": _c(
        "terdampak|warga terdampak|terkena dampak|jiwa terdampak|membutuhkan bantuan|"
        "butuh bantuan",
        "affected|people affected|in need|need humanitarian assistance|in need of assistance|"
        "in need of humanitarian assistance|need aid|in need of aid|in urgent need",
    ),
    "migrants": _c("migran|imigran|pekerja migran|imigran gelap|pendatang ilegal", "migrant|immigrant"),
    # --- groups of people
    "people": _c("orang|warga|penduduk|jiwa|individu|manusia|warga negara|WNI|WNA",
                 "people|person|persons|individual|resident|human|citizen|national"),
    "civilians": _c("warga sipil|penduduk sipil|orang sipil|masyarakat sipil", "civilian|non-combatant"),
    "children": _c("anak|anak-anak|balita|bayi|anak di bawah umur", "child|children|kid|infant|baby|babies|minors|toddler"),
    "women": _c("perempuan|wanita|kaum perempuan", "woman|women"),
    "elderly": _c("lansia|lanjut usia|warga lanjut usia", "elderly|elderly people|pensioner"),
    "families": _c(
        "keluarga|kepala keluarga|KK|rumah tangga|kepala rumah tangga",
        "family|families|household",
    ),
    "students": _c("siswa|pelajar|mahasiswa|murid|peserta didik|santri", "student|pupil|schoolchildren"),
    "teachers": _c("guru|pengajar|dosen", "teacher|lecturer"),
    "doctors": _c("dokter|dokter spesialis", "doctor|physician|surgeon"),
    "nurses": _c("perawat|bidan", "nurse|midwife|midwives"),
    "medical_workers": _c(
        "tenaga kesehatan|nakes|petugas medis|tenaga medis|petugas kesehatan|paramedis",
        "health worker|medical worker|healthcare worker|medic|paramedic|medical staff|"
        "health care worker",
    ),
    "aid_workers": _c(
        "pekerja kemanusiaan|petugas kemanusiaan|relawan kemanusiaan",
        "aid worker|humanitarian worker|humanitarian staff|relief worker",
    ),
    "volunteers": _c("relawan|sukarelawan", "volunteer"),
    "rescuers": _c("tim SAR|petugas SAR|petugas penyelamat|tim penyelamat|personel SAR|tim SAR gabungan|"
                   "melakukan pencarian|terlibat dalam pencarian|terlibat dalam operasi SAR",
                   "rescuer|rescue worker|firefighter|search and rescue personnel|search and rescue teams|"
                   "taking part in the search and rescue|involved in the search and rescue|rescue personnel|"
                   "carrying out search and rescue|conducting search and rescue|search and rescue work|"
                   "working in the rescue|rescue teams"),
    "journalists": _c("wartawan|jurnalis|pewarta|awak media", "journalist|reporter|media worker"),
    "officials": _c("pejabat|pejabat pemerintah|aparatur sipil negara|ASN|pegawai negeri", "official|civil servant"),
    "protesters": _c(
        "demonstran|pengunjuk rasa|massa aksi|peserta aksi|pendemo|ikut berunjuk rasa|ikut aksi|"
        "mengikuti aksi|turun ke jalan|berunjuk rasa|berdemonstrasi|peserta unjuk rasa|peserta demonstrasi",
        "protester|protestor|demonstrator|marcher|took part in protests|took part in the protests|"
        "took part in protest|took part in rallies|took part in the rallies|joined the protests|joined protests|"
        "took to the streets|rallied|marched|protest participants",
    ),
    "protests": _c(
        "aksi unjuk rasa|aksi demonstrasi|aksi protes|aksi massa",
        "protest|protest action|rally|demonstration|protest march",
    ),
    "workers": _c("pekerja|buruh|karyawan|pegawai|tenaga kerja", "worker|employee|staff member|labourer|laborer"),
    "layoffs": _c(
        "PHK|di-PHK|terkena PHK|pemutusan hubungan kerja|korban PHK|dirumahkan",
        "layoff|laid off|job cut|job loss|redundancies",
    ),
    "tourists": _c("wisatawan|turis|pelancong|wisman|wisatawan mancanegara", "tourist|holidaymaker"),
    "visitors": _c("pengunjung|tamu", "visitor|guest"),
    "passengers": _c("penumpang", "passenger|traveller|traveler"),
    "crew": _c("awak|awak kapal|kru|ABK|anak buah kapal|awak pesawat|pelaut", "crew|crew member|sailor|seafarer"),
    "pilgrims": _c("jemaah|jemaah haji|jamaah|peziarah", "pilgrim|worshipper"),
    "voters": _c("pemilih|daftar pemilih", "voter|registered voter"),
    "candidates": _c("calon|kandidat|caleg", "candidate"),
    "patients": _c("pasien", "patient"),
    "fishermen": _c("nelayan", "fisherman|fishermen"),
    "farmers": _c("petani|peternak", "farmer"),
    # --- epidemics and health
    "cases": _c(
        "kasus|kasus positif|kasus baru|kasus terkonfirmasi|terkonfirmasi positif|suspek|kasus suspek",
        "case|confirmed case|positive case|suspected case",
    ),
    "infections": _c("infeksi|terinfeksi|tertular", "infection|infected"),
    "vaccinated": _c("divaksin|penerima vaksin|tervaksinasi", "vaccinated|vaccine recipient"),
    "doses": _c("dosis|dosis vaksin", "dose|vaccine dose"),
    "tests": _c("tes|spesimen|sampel", "test|sample|specimen"),
    # --- military materiel and sites
    "missiles": _c(
        "rudal|peluru kendali|misil|rudal balistik|rudal jelajah|rudal hipersonik",
        "missile|ballistic missile|cruise missile|hypersonic missile|ICBM|ICBMs",
    ),
    "rockets": _c("roket|roket artileri", "rocket"),
    "shells": _c(
        "peluru|peluru artileri|amunisi artileri|amunisi|proyektil|peluru meriam|mortir",
        "shell|artillery shell|round|artillery round|ammunition|munition|projectile|mortar round",
    ),
    "drones": _c(
        "drone|pesawat nirawak|pesawat tanpa awak|drone serang|drone kamikaze",
        "drone|UAV|UAVs|unmanned aerial vehicle|unmanned aircraft|attack drone|kamikaze drone",
    ),
    "tanks": _c("tank|tank tempur|kendaraan tempur utama", "tank|battle tank|main battle tank"),
    "armored_vehicles": _c(
        "kendaraan lapis baja|kendaraan tempur|panser|kendaraan taktis",
        "armoured vehicle|armored vehicle|armoured personnel carrier|armored personnel carrier|"
        "APC|APCs|infantry fighting vehicle|combat vehicle",
    ),
    "artillery": _c("artileri|meriam|howitzer|sistem artileri", "artillery|artillery piece|artillery system|howitzer|gun system"),
    "air_defense": _c(
        "sistem pertahanan udara|pertahanan udara|sistem rudal pertahanan udara",
        "air defence system|air defense system|air defence|air defense",
    ),
    "aircraft": _c(
        "pesawat|jet tempur|pesawat tempur|pesawat militer|pesawat terbang|jet|pesawat pengebom",
        "aircraft|plane|jet|fighter jet|warplane|military aircraft|bomber|airplane",
    ),
    "helicopters": _c("helikopter|heli", "helicopter|chopper"),
    "ships": _c("kapal|kapal perang|kapal laut|kapal patroli|kapal selam", "ship|vessel|warship|submarine|patrol boat|naval vessel"),
    "boats": _c("perahu|sampan|speedboat|kapal motor", "boat|dinghy|speedboat"),
    "vehicles": _c("kendaraan|truk|mobil|kendaraan bermotor|bus|sepeda motor", "vehicle|truck|lorry|lorries|car|motor vehicle|bus|buses|motorcycle"),
    "weapons": _c("senjata|senjata api|senapan|pucuk senjata|bom", "weapon|firearm|gun|rifle|bomb"),
    "bases": _c(
        "pangkalan|pangkalan militer|pangkalan udara|pangkalan angkatan laut|markas",
        "base|military base|air base|airbase|naval base|headquarters",
    ),
    "attacks": _c("serangan|penyerangan|aksi serangan", "attack|assault|raid"),
    "airstrikes": _c("serangan udara|pengeboman|serangan rudal|serangan drone", "airstrike|air strike|air raid|bombing|missile strike|drone strike"),
    "explosions": _c("ledakan", "explosion|blast|detonation"),
    # --- places and property
    "houses": _c("rumah|rumah warga|tempat tinggal|hunian|unit rumah", "house|home|dwelling|residence"),
    "houses_damaged": _c(
        "rumah rusak|rumah warga rusak|rumah rusak berat|rumah rusak ringan|rumah rusak sedang|"
        "rumah hancur|rumah roboh|rumah ambruk|rumah terbakar",
        "houses damaged|homes damaged|homes destroyed|houses destroyed|damaged house|"
        "damaged home|destroyed house|destroyed home|houses burned",
    ),
    "houses_flooded": _c(
        "rumah terendam|rumah tergenang|rumah kebanjiran|rumah terendam banjir",
        "flooded house|flooded home|houses flooded|homes flooded|houses inundated|homes inundated",
    ),
    "buildings": _c("gedung|bangunan", "building|structure"),
    "buildings_damaged": _c(
        "gedung rusak|bangunan rusak|bangunan hancur|gedung hancur|bangunan roboh",
        "buildings damaged|damaged building|buildings destroyed|destroyed building|structures destroyed|destroyed structure|damaged structure",
    ),
    "schools": _c("sekolah|gedung sekolah|madrasah|pesantren|pondok pesantren", "school|school building"),
    "hospitals": _c("rumah sakit|puskesmas|klinik|fasilitas kesehatan", "hospital|clinic|health facility|medical facility"),
    "places_of_worship": _c("rumah ibadah|tempat ibadah|masjid|gereja|musala|vihara", "place of worship|mosque|church|temple|synagogue"),
    "bridges": _c("jembatan", "bridge"),
    "shelters": _c(
        "posko|posko pengungsian|tempat pengungsian|titik pengungsian|tenda pengungsian",
        "shelter|evacuation centre|evacuation center|relief camp",
    ),
    "tents": _c("tenda", "tent"),
    "villages": _c("desa|kampung|dusun|kelurahan|nagari|gampong", "village|hamlet"),
    "districts": _c("kecamatan|kabupaten|distrik|kabupaten/kota", "district|regency|regencies|county|counties"),
    "cities": _c("kota|kota besar", "city|cities|town"),
    "provinces": _c("provinsi", "province|region|oblast"),
    "countries": _c("negara", "country|countries|nation"),
    "settlements": _c("permukiman|pemukiman|kawasan permukiman", "settlement|locality|localities"),
    "graves": _c("makam|kuburan|kuburan massal|liang lahat", "grave|mass grave|tomb"),
    "hotspots": _c("titik api|titik panas", "hotspot|fire hotspot"),
    "fires": _c("kebakaran|kebakaran hutan", "fire|wildfire|blaze"),
    "aftershocks": _c("gempa susulan", "aftershock"),
    "landslides": _c("tanah longsor|longsor", "landslide|mudslide"),
    "animals": _c("hewan|ternak|hewan ternak|binatang|sapi|kambing", "animal|livestock|cattle|cow|goat|sheep"),
    "flights": _c("penerbangan|jadwal penerbangan", "flight"),
    # --- measures and counts
    "hectares": _c("hektare|hektar|=ha", "hectare|=ha"),
    "acres": _c("acre|ekar", "acre"),
    "tons": _c("ton|metrik ton", "ton|tonne|metric ton|metric tonne"),
    "barrels": _c("barel", "barrel"),
    "votes": _c("suara|perolehan suara", "vote|ballot cast"),
    "ballots": _c("surat suara|kertas suara", "ballot paper|ballot"),
    "seats": _c("kursi", "seat"),
}
# fmt: on

#: Words that count things (classifiers); skipped between a number and its noun.
CLASSIFIERS: dict[str, frozenset[str]] = {
    "id": frozenset(
        {
            "orang",
            "jiwa",
            "unit",
            "buah",
            "personel",
            "ekor",
            "biji",
            "lembar",
            "batang",
            "pucuk",
            "butir",
            "helai",
            "pasang",
            "potong",
            "bidang",
            "petak",
        }
    ),
    "en": frozenset({"people", "units", "unit", "pieces", "piece"}),
}

#: What a classifier means when no other noun follows it (None: nothing).
CLASSIFIER_DEFAULT: dict[str, str | None] = {
    "personel": "troops",
    "jiwa": "people",
    "orang": "people",
    "ekor": "animals",
    "unit": None,
    "buah": None,
    "biji": None,
    "lembar": None,
    "batang": None,
    "pucuk": "weapons",
    "butir": None,
    "helai": None,
    "pasang": None,
    "potong": None,
    "bidang": None,
    "petak": None,
    "people": "people",
    "units": None,
    "pieces": None,
    "piece": None,
}

#: Words that may stand between a number and its noun and are skipped.
MODIFIERS: dict[str, frozenset[str]] = {
    "id": frozenset({"warga", "anggota", "personel", "para"}),
    "en": frozenset({"more", "additional", "new", "other", "further", "extra"}),
}

#: A narrower concept -> the broader one it is a part of.
BROADER: dict[str, str] = {
    "wounded": "injured",
    "injured": "casualties",
    "killed": "casualties",
    "missing": "casualties",
    "bodies": "killed",
    "victims": "casualties",
    "houses_damaged": "houses",
    "houses_flooded": "houses",
    "buildings_damaged": "buildings",
    "officers": "troops",
    "generals": "officers",
    "doctors": "medical_workers",
    "nurses": "medical_workers",
    "refugees": "displaced",
    "evacuated": "displaced",
    "arrested": "detained",
    "airstrikes": "attacks",
    "helicopters": "aircraft",
    "civilians": "people",
    "children": "people",
    "women": "people",
    "elderly": "people",
}
