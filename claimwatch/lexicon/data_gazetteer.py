"""Built-in gazetteer data: countries, organisations, agencies, people, media.

Aliases are ``|``-separated.  A leading ``=`` makes an alias case-sensitive and
exact; short all-capital aliases (``AS``, ``US``, ``UN``, ``RI``) are so by
default.  Country demonyms (English adjectives/plural nouns) are listed apart
so matches can say ``demonym=True``.  Capitals stand for their country
(``Pyongyang`` -> North Korea), as news uses them.

Sides: a country speaks for itself; an agency or official for its country; an
international organisation for itself (UN agencies for ``United Nations``);
an armed group for itself; wire services and newspapers have no side, while
state mouthpieces (KCNA, TASS, Xinhua) speak for their state.  A place
belongs to the internationally recognised country it lies in.
"""

from __future__ import annotations

# fmt: off
# (canonical name, aliases, demonyms)
COUNTRIES: tuple[tuple[str, str, str], ...] = (
    ("North Korea", "Korea Utara|Korut|RDRK|RRDK|DPRK|Pyongyang|Democratic People's Republic of Korea|"
     "Republik Demokratik Rakyat Korea|N. Korea|N Korea", "North Korean|North Koreans"),
    ("South Korea", "Korea Selatan|Korsel|Seoul|Republic of Korea|Republik Korea|ROK|S. Korea",
     "South Korean|South Koreans"),
    ("United States", "Amerika Serikat|AS|Amerika|US|U.S.|USA|U.S.A.|United States of America|"
     "America|Washington|Paman Sam", "American|Americans"),
    ("Russia", "Rusia|Federasi Rusia|Russian Federation|Moskow|Moskwa|Moscow", "Russian|Russians"),
    ("Ukraine", "Ukraina|Kyiv|Kiev|Kiew", "Ukrainian|Ukrainians"),
    ("China", "Tiongkok|Cina|RRT|RRC|PRC|People's Republic of China|Republik Rakyat Tiongkok|"
     "Republik Rakyat China|Beijing|Peking", "Chinese"),
    ("Japan", "Jepang|Tokyo", "Japanese"),
    ("Taiwan", "Taipei|Republic of China", "Taiwanese"),
    ("Iran", "Teheran|Tehran|Islamic Republic of Iran|Republik Islam Iran", "Iranian|Iranians"),
    ("Israel", "Tel Aviv", "Israeli|Israelis"),
    ("Palestine", "Palestina|State of Palestine|Negara Palestina|Ramallah", "Palestinian|Palestinians"),
    ("Lebanon", "Libanon|Beirut", "Lebanese"),
    ("Syria", "Suriah|Damaskus|Damascus", "Syrian|Syrians"),
    ("Iraq", "Irak|Baghdad", "Iraqi|Iraqis"),
    ("Jordan", "Yordania|Amman", "Jordanian|Jordanians"),
    ("Saudi Arabia", "Arab Saudi|Saudi|Riyadh|Kingdom of Saudi Arabia|Kerajaan Arab Saudi", "Saudi Arabian"),
    ("Egypt", "Mesir|Kairo|Cairo", "Egyptian|Egyptians"),
    ("Qatar", "Doha", "Qatari"),
    ("United Arab Emirates", "Uni Emirat Arab|UEA|UAE|Abu Dhabi|Emirates", "Emirati|Emiratis"),
    ("Yemen", "Yaman|Sanaa|Sana'a", "Yemeni|Yemenis"),
    ("Oman", "Muscat", "Omani"),
    ("Kuwait", "", "Kuwaiti"),
    ("Bahrain", "", "Bahraini"),
    ("Turkey", "Turki|=Turkey|Türkiye|Ankara", "Turkish"),
    ("Afghanistan", "Afganistan|Kabul", "Afghan|Afghans"),
    ("Pakistan", "Islamabad", "Pakistani|Pakistanis"),
    ("India", "New Delhi", "Indian|Indians"),
    ("Bangladesh", "Dhaka", "Bangladeshi|Bangladeshis"),
    ("Sri Lanka", "Kolombo|Colombo", "Sri Lankan"),
    ("Nepal", "Kathmandu", "Nepalese|Nepali"),
    ("Indonesia", "RI|NKRI|Republik Indonesia|Republic of Indonesia|Jakarta", "Indonesian|Indonesians"),
    ("Malaysia", "Kuala Lumpur|Negeri Jiran|Putrajaya", "Malaysian|Malaysians"),
    ("Singapore", "Singapura", "Singaporean|Singaporeans"),
    ("Philippines", "Filipina|Manila|The Philippines", "Filipino|Filipinos|Philippine"),
    ("Thailand", "Bangkok|Muangthai", "Thai"),
    ("Vietnam", "Viet Nam|Hanoi", "Vietnamese"),
    ("Myanmar", "Burma|Naypyidaw", "Burmese|Myanmarese"),
    ("Cambodia", "Kamboja|Phnom Penh", "Cambodian|Cambodians"),
    ("Laos", "Vientiane", "Laotian"),
    ("Brunei", "Brunei Darussalam|Bandar Seri Begawan", "Bruneian"),
    ("Timor-Leste", "Timor Leste|East Timor|Timor Timur|Dili", "Timorese"),
    ("Papua New Guinea", "Papua Nugini|PNG|Port Moresby", ""),
    ("Mongolia", "Ulaanbaatar", "Mongolian"),
    ("Kazakhstan", "Kazakstan|Astana", "Kazakh"),
    ("Australia", "Canberra", "Australian|Australians"),
    ("New Zealand", "Selandia Baru|Wellington", "New Zealander|New Zealanders"),
    ("United Kingdom", "Inggris|Britania Raya|UK|U.K.|Britain|Great Britain|Inggris Raya|London",
     "British|Briton|Britons"),
    ("France", "Prancis|Perancis|Paris|Elysee", "French"),
    ("Germany", "Jerman|Berlin", "German|Germans"),
    ("Italy", "Italia|Roma|Rome", "Italian|Italians"),
    ("Spain", "Spanyol|Madrid", "Spanish"),
    ("Portugal", "Lisbon|Lisabon", "Portuguese"),
    ("Netherlands", "Belanda|The Netherlands|Holland|Den Haag|The Hague|Amsterdam", "Dutch"),
    ("Belgium", "Belgia", "Belgian"),
    ("Switzerland", "Swiss|Swis|Bern|Jenewa|Geneva", ""),
    ("Austria", "Wina|Vienna", "Austrian"),
    ("Poland", "Polandia|Warsawa|Warsaw", "Polish|Poles"),
    ("Czech Republic", "Ceko|Republik Ceko|Czechia|Praha|Prague", "Czech"),
    ("Slovakia", "Slowakia|Bratislava", "Slovak"),
    ("Hungary", "Hungaria|Hongaria|Budapest", "Hungarian"),
    ("Romania", "Rumania|Bukares|Bucharest", "Romanian"),
    ("Moldova", "Chisinau", "Moldovan"),
    ("Belarus", "Belarusia|Minsk", "Belarusian|Belarusians"),
    ("Lithuania", "Lituania|Vilnius", "Lithuanian"),
    ("Latvia", "Riga", "Latvian"),
    ("Estonia", "Tallinn", "Estonian"),
    ("Finland", "Finlandia|Helsinki", "Finnish"),
    ("Sweden", "Swedia|Stockholm", "Swedish"),
    ("Norway", "Norwegia|Oslo", "Norwegian"),
    ("Denmark", "Kopenhagen|Copenhagen", "Danish"),
    ("Ireland", "Irlandia|Dublin", "Irish"),
    ("Greece", "Yunani|Athena|Athens", "Greek"),
    ("Serbia", "Beograd|Belgrade", "Serbian|Serbs"),
    ("Georgia", "Tbilisi", "Georgian"),
    ("Armenia", "Yerevan", "Armenian|Armenians"),
    ("Azerbaijan", "Baku", "Azerbaijani|Azerbaijanis"),
    ("Canada", "Kanada|Ottawa", "Canadian|Canadians"),
    ("Mexico", "Meksiko|Mexico City", "Mexican|Mexicans"),
    ("Brazil", "Brasil|Brasilia", "Brazilian|Brazilians"),
    ("Argentina", "Buenos Aires", "Argentine|Argentinian"),
    ("Venezuela", "Caracas", "Venezuelan|Venezuelans"),
    ("Colombia", "Kolombia|Bogota", "Colombian"),
    ("Cuba", "Kuba|Havana", "Cuban|Cubans"),
    ("Chile", "Cile", "Chilean"),
    ("South Africa", "Afrika Selatan|Afsel|Pretoria", "South African|South Africans"),
    ("Nigeria", "Abuja", "Nigerian|Nigerians"),
    ("Niger", "Niamey", "Nigerien"),
    ("Mali", "Bamako", "Malian"),
    ("Ethiopia", "Etiopia|Addis Ababa", "Ethiopian|Ethiopians"),
    ("Somalia", "Mogadishu", "Somali|Somalis"),
    ("Kenya", "Nairobi", "Kenyan|Kenyans"),
    ("Sudan", "Khartoum", "Sudanese"),
    ("South Sudan", "Sudan Selatan|Juba", "South Sudanese"),
    ("Libya", "Tripoli", "Libyan|Libyans"),
    ("Algeria", "Aljazair|Algiers", "Algerian"),
    ("Morocco", "Maroko|Rabat", "Moroccan"),
    ("Tunisia", "Tunis", "Tunisian"),
)

# (canonical name, kind, side, aliases); side "=" means the entity itself
ENTITIES: tuple[tuple[str, str, str | None, str], ...] = (
    # --- international organisations
    ("NATO", "org", "=", "Pakta Pertahanan Atlantik Utara|North Atlantic Treaty Organization|"
     "Organisasi Pakta Atlantik Utara|aliansi NATO"),
    ("United Nations", "org", "=", "PBB|Perserikatan Bangsa-Bangsa|UN|U.N.|Persatuan Bangsa-Bangsa"),
    ("UN Security Council", "org", "United Nations", "Dewan Keamanan PBB|DK PBB|UNSC|"
     "U.N. Security Council|United Nations Security Council|Dewan Keamanan Perserikatan Bangsa-Bangsa"),
    ("European Union", "org", "=", "Uni Eropa|UE|EU|E.U."),
    ("ASEAN", "org", "=", "Perhimpunan Bangsa-Bangsa Asia Tenggara|Association of Southeast Asian Nations"),
    ("IAEA", "org", "United Nations", "Badan Energi Atom Internasional|International Atomic Energy Agency|"
     "UN nuclear watchdog|badan pengawas nuklir PBB"),
    ("WHO", "org", "United Nations", "Organisasi Kesehatan Dunia|World Health Organization|"
     "World Health Organisation|Badan Kesehatan Dunia"),
    ("UNHCR", "org", "United Nations", "Badan Pengungsi PBB|UN refugee agency|Komisariat Tinggi PBB untuk "
     "Pengungsi|UN High Commissioner for Refugees|badan urusan pengungsi PBB"),
    ("IOM", "org", "United Nations", "International Organization for Migration|International Organisation "
     "for Migration|Organisasi Internasional untuk Migrasi|UN migration agency|badan migrasi PBB"),
    ("OCHA", "org", "United Nations", "UN OCHA|Kantor Koordinasi Urusan Kemanusiaan PBB|UN humanitarian "
     "office|UN Office for the Coordination of Humanitarian Affairs|badan kemanusiaan PBB"),
    ("UNICEF", "org", "United Nations", "Dana Anak-anak PBB|UN children's agency|UN children's fund"),
    ("UNRWA", "org", "United Nations", "badan PBB untuk pengungsi Palestina|UN agency for Palestinian refugees"),
    ("WFP", "org", "United Nations", "World Food Programme|Program Pangan Dunia|UN food agency"),
    ("ICRC", "org", "=", "International Committee of the Red Cross|Komite Internasional Palang Merah|"
     "Palang Merah Internasional|Red Cross|Palang Merah"),
    ("International Criminal Court", "org", "=", "ICC|Mahkamah Pidana Internasional"),
    ("Human Rights Watch", "org", None, "HRW"),
    ("Amnesty International", "org", None, "Amnesti Internasional"),
    # --- armed groups
    ("Hamas", "armed_group", "=", "Brigade Al-Qassam|Al-Qassam Brigades|Qassam Brigades|Brigade Qassam|Izz ad-Din al-Qassam"),
    ("Hezbollah", "armed_group", "=", "Hizbullah|Hizbollah|Hizballah"),
    ("Houthis", "armed_group", "=", "Houthi|Hutsi|Ansar Allah|Ansarullah|kelompok Houthi|Huthi"),
    ("Islamic Jihad", "armed_group", "=", "Jihad Islam|Palestinian Islamic Jihad|Jihad Islam Palestina"),
    ("Islamic State", "armed_group", "=", "ISIS|ISIL|NIIS|Negara Islam|Daesh|Daulah Islamiyah"),
    ("Taliban", "armed_group", "=", ""),
    ("Wagner Group", "armed_group", "Russia", "Wagner|Grup Wagner|Kelompok Wagner|Wagner PMC"),
    ("Free Papua Movement", "armed_group", "=", "OPM|Organisasi Papua Merdeka|TPNPB|TPNPB-OPM|KKB|"
     "Kelompok Kriminal Bersenjata|Kelompok Separatis Teroris|KST"),
    ("Jemaah Islamiyah", "armed_group", "=", "JI"),
    # --- agencies (the country speaks through them)
    ("Kremlin", "agency", "Russia", "Istana Kremlin|Russia's presidential office"),
    ("Russia's GRU", "agency", "Russia", "GRU|Russia's military intelligence|Russian military intelligence"),
    ("Russia's FSB", "agency", "Russia", "FSB|Federal Security Service|Dinas Keamanan Federal Rusia"),
    ("Pentagon", "agency", "United States", "Departemen Pertahanan AS|Kementerian Pertahanan AS|Dephan AS|"
     "Kemhan AS|US Department of Defense|U.S. Department of Defense|Department of Defense|"
     "Defense Department|DoD|United States' defence ministry|Departemen Pertahanan Amerika Serikat|"
     "Kementerian Pertahanan Amerika Serikat|Departemen Perang AS|Department of War|War Department"),
    ("White House", "agency", "United States", "Gedung Putih|United States' presidential office"),
    ("State Department", "agency", "United States", "Departemen Luar Negeri AS|Deplu AS|Kemlu AS|"
     "Kementerian Luar Negeri AS|US State Department|U.S. State Department|Department of State|"
     "United States' foreign ministry|Departemen Luar Negeri Amerika Serikat|"
     "Kementerian Luar Negeri Amerika Serikat"),
    ("CIA", "agency", "United States", "Central Intelligence Agency|Badan Intelijen Pusat AS|"
     "United States' intelligence"),
    ("FBI", "agency", "United States", "Federal Bureau of Investigation|Biro Investigasi Federal"),
    ("South Korea's NIS", "agency", "South Korea", "NIS|National Intelligence Service|Badan Intelijen Nasional|"
     "Badan Intelijen Nasional Korea Selatan|Badan Intelijen Nasional Korsel|South Korea's intelligence|"
     "South Korean intelligence|South Korea's spy agency|South Korean spy agency|Seoul's spy agency|"
     "badan mata-mata Korea Selatan|dinas intelijen Korea Selatan|badan intelijen Korea Selatan|"
     "South Korea's National Intelligence Service|intelijen Korsel"),
    ("Ukraine's military intelligence", "agency", "Ukraine", "HUR|GUR|Main Intelligence Directorate|"
     "Direktorat Intelijen Utama|Dinas intelijen militer Ukraina|Badan intelijen militer Ukraina|"
     "intelijen militer Ukraina|intelijen Ukraina|badan intelijen Ukraina|dinas intelijen Ukraina|"
     "Ukrainian military intelligence|Ukrainian intelligence|Ukraine's intelligence|"
     "Ukraine's defence intelligence|Defence Intelligence of Ukraine|Defense Intelligence of Ukraine|"
     "Ukraine's military intelligence agency|Ukrainian military intelligence agency"),
    ("Ukraine's General Staff", "agency", "Ukraine", "General Staff of the Armed Forces of Ukraine|"
     "General Staff of Ukraine's Armed Forces|Ukrainian General Staff|Ukraine's military General Staff|"
     "Staf Umum Angkatan Bersenjata Ukraina|Staf Umum Ukraina|Staf Umum AB Ukraina|Staf Umum militer Ukraina"),
    ("Russia's General Staff", "agency", "Russia", "General Staff of the Russian Armed Forces|"
     "Russian General Staff|Staf Umum Rusia|Staf Umum Angkatan Bersenjata Rusia|Staf Umum militer Rusia"),
    ("Gaza civil defence", "agency", "Palestine", "Badan Pertahanan Sipil Gaza|Pertahanan Sipil Gaza|"
     "Gaza civil defense|Gaza's civil defence|Gaza's civil defense|civil defence in Gaza|civil defense in Gaza|"
     "Palestinian Civil Defence|Palestinian Civil Defense|Gaza civil defence agency|Gaza civil defense agency|"
     "Badan Pertahanan Sipil Palestina|Pertahanan Sipil Palestina"),
    ("Ukraine's SBU", "agency", "Ukraine", "SBU|Security Service of Ukraine|Dinas Keamanan Ukraina"),
    ("Israel's military", "agency", "Israel", "IDF|Israel Defense Forces|Israel Defence Forces|"
     "Pasukan Pertahanan Israel|Israel's army|Israel's forces|Israeli military|militer Israel"),
    ("Gaza health ministry", "agency", "Palestine", "Kementerian Kesehatan Gaza|Kemenkes Gaza|"
     "Gaza's health ministry|health ministry in Gaza|Hamas-run health ministry|"
     "Kementerian Kesehatan di Gaza|Kementerian Kesehatan yang dikelola Hamas|"
     "Gaza Health Ministry|Palestine's health ministry|Kementerian Kesehatan Palestina"),
    ("Palestinian Authority", "agency", "Palestine", "Otoritas Palestina|Otoritas Nasional Palestina"),
    ("BNPB", "agency", "Indonesia", "Badan Nasional Penanggulangan Bencana|"
     "National Disaster Mitigation Agency|Indonesia's disaster agency|Indonesian disaster agency|"
     "national disaster agency|national disaster mitigation agency"),
    ("BPBD", "agency", "Indonesia", "Badan Penanggulangan Bencana Daerah|regional disaster agency"),
    ("Basarnas", "agency", "Indonesia", "Badan SAR Nasional|Badan Nasional Pencarian dan Pertolongan|"
     "National Search and Rescue Agency|Indonesia's search and rescue agency"),
    ("BMKG", "agency", "Indonesia", "Badan Meteorologi, Klimatologi, dan Geofisika|"
     "Badan Meteorologi Klimatologi dan Geofisika|Indonesia's meteorology agency"),
    ("TNI", "agency", "Indonesia", "Tentara Nasional Indonesia|TNI AD|TNI AL|TNI AU|Mabes TNI|"
     "Indonesia's military|Indonesian Armed Forces"),
    ("Polri", "agency", "Indonesia", "Kepolisian Negara Republik Indonesia|Kepolisian Republik Indonesia|"
     "Mabes Polri|Polda|Polres|Polresta|Polrestabes|Polsek|Bareskrim|Densus 88|Indonesia's police|"
     "Indonesian National Police"),
    ("Indonesia's BIN", "agency", "Indonesia", "BIN|Badan Intelijen Negara|Indonesia's intelligence"),
    ("Indonesia's health ministry", "agency", "Indonesia", "Kemenkes|Kementerian Kesehatan|"
     "Kementerian Kesehatan RI|Kemenkes RI|Indonesian health ministry|Kementerian Kesehatan Republik Indonesia"),
    ("Indonesia's religious affairs ministry", "agency", "Indonesia", "Kementerian Agama|Kemenag|"
     "Kementerian Agama RI|Kemenag RI|Indonesian religious affairs ministry|Ministry of Religious Affairs"),
    ("Indonesian Red Cross", "org", "Indonesia", "PMI|Palang Merah Indonesia"),
    ("KPU", "agency", "Indonesia", "Komisi Pemilihan Umum|General Elections Commission"),
    ("KPK", "agency", "Indonesia", "Komisi Pemberantasan Korupsi|Corruption Eradication Commission"),
    # --- media
    ("KCNA", "media", "North Korea", "Korean Central News Agency|Kantor Berita Pusat Korea|"
     "kantor berita resmi Korea Utara|Rodong Sinmun"),
    ("Yonhap", "media", None, "Yonhap News Agency|kantor berita Yonhap"),
    ("TASS", "media", "Russia", "kantor berita TASS|RIA Novosti|RIA"),
    ("Xinhua", "media", "China", "kantor berita Xinhua|Global Times"),
    ("Interfax", "media", None, ""),
    ("Ukrinform", "media", None, ""),
    ("Reuters", "media", None, "kantor berita Reuters"),
    ("AP", "media", None, "Associated Press|kantor berita AP"),
    ("AFP", "media", None, "Agence France-Presse|Agence France Presse|kantor berita AFP"),
    ("CNA", "media", None, "Channel NewsAsia|Channel News Asia"),
    ("BBC", "media", None, "British Broadcasting Corporation|BBC News"),
    ("CNN", "media", None, "CNN Indonesia"),
    ("Al Jazeera", "media", None, "Aljazeera|Al-Jazeera"),
    ("Antara", "media", None, "Kantor Berita Antara|LKBN Antara|ANTARA|Antaranews"),
    ("Kompas", "media", None, "=Kompas|Kompas.com|Kompas TV|Harian Kompas|KOMPAS.com"),
    ("Liputan6", "media", None, "Liputan6.com|Liputan 6"),
    ("Detik", "media", None, "=Detik|=detikcom|=detikNews|Detik.com|=Detikcom|=detikJatim|=detikJabar|"
     "=detikJateng|=detikSumut|=detikBali|=detikSulsel|=detikFinance|=detikHealth"),
    ("Kumparan", "media", None, "kumparan|kumparanNEWS"),
    ("Tribunnews", "media", None, "Tribunnews.com|Tribun News|Tribun"),
    ("Okezone", "media", None, "Okezone.com"),
    ("Republika", "media", None, "Republika.co.id"),
    ("Jawa Pos", "media", None, "JawaPos|JawaPos.com"),
    ("IDN Times", "media", None, "IDNTimes"),
    ("Suara.com", "media", None, ""),
    ("VOA", "media", None, "Voice of America|VOA Indonesia"),
    ("WAFA", "media", "Palestine", "WAFA news agency|kantor berita WAFA"),
    ("Anadolu", "media", "Turkey", "Anadolu Agency|kantor berita Anadolu"),
    ("SANA", "media", "Syria", "kantor berita SANA|Syrian Arab News Agency"),
    ("Tempo", "media", None, "=Tempo|Tempo.co|Majalah Tempo|Koran Tempo"),
    ("NHK", "media", None, ""),
    ("Kyodo", "media", None, "Kyodo News"),
    ("New York Times", "media", None, "The New York Times|NYT"),
    ("Washington Post", "media", None, "The Washington Post"),
    ("Wall Street Journal", "media", None, "WSJ|The Wall Street Journal"),
    ("Bloomberg", "media", None, "Bloomberg News"),
    ("Kyiv Independent", "media", None, "The Kyiv Independent"),
    ("Financial Times", "media", None, "FT|The Financial Times"),
    # --- people
    ("Vladimir Putin", "person", "Russia", "Putin|Vladimir Vladimirovich Putin|Wladimir Putin"),
    ("Dmitry Peskov", "person", "Russia", "Peskov|Dmitri Peskov|Dmitriy Peskov"),
    ("Sergei Lavrov", "person", "Russia", "Lavrov|Sergey Lavrov"),
    ("Sergei Shoigu", "person", "Russia", "Shoigu|Sergey Shoigu"),
    ("Andrei Belousov", "person", "Russia", "Belousov|Andrey Belousov"),
    ("Valery Gerasimov", "person", "Russia", "Gerasimov|Valeriy Gerasimov"),
    ("Maria Zakharova", "person", "Russia", "Zakharova"),
    ("Volodymyr Zelensky", "person", "Ukraine", "Zelensky|Zelenskyy|Zelenskiy|Zelenskyi|Zelenski|"
     "Volodymyr Zelenskyy|Volodymyr Zelenskiy|Vladimir Zelensky"),
    ("Andriy Yermak", "person", "Ukraine", "Yermak|Andrii Yermak|Andriy Yermak"),
    ("Kyrylo Budanov", "person", "Ukraine", "Budanov|Kirill Budanov|Kyrylo Budanow"),
    ("Rustem Umerov", "person", "Ukraine", "Umerov"),
    ("Dmytro Kuleba", "person", "Ukraine", "Kuleba"),
    ("Andrii Sybiha", "person", "Ukraine", "Sybiha|Andriy Sybiha"),
    ("Kim Jong Un", "person", "North Korea", "Kim Jong-un|Kim Jong-Un|Kim Jongun"),
    ("Kim Yo Jong", "person", "North Korea", "Kim Yo-jong|Kim Yo-Jong"),
    ("Choe Son Hui", "person", "North Korea", "Choe Son-hui"),
    ("Yoon Suk Yeol", "person", "South Korea", "Yoon Suk-yeol|Yoon Seok-youl|Yoon"),
    ("Lee Jae-myung", "person", "South Korea", "Lee Jae Myung"),
    ("Shin Won-sik", "person", "South Korea", "Shin Won Sik"),
    ("Joe Biden", "person", "United States", "Biden|Joseph Biden|Joseph R. Biden"),
    ("Donald Trump", "person", "United States", "=Trump|Donald J. Trump"),
    ("Kamala Harris", "person", "United States", ""),
    ("Lloyd Austin", "person", "United States", "Lloyd J. Austin"),
    ("Antony Blinken", "person", "United States", "Blinken|Anthony Blinken"),
    ("Jake Sullivan", "person", "United States", ""),
    ("John Kirby", "person", "United States", "Kirby"),
    ("Marco Rubio", "person", "United States", "Rubio"),
    ("Pete Hegseth", "person", "United States", "Hegseth"),
    ("Xi Jinping", "person", "China", "=Xi|Xi Jin Ping"),
    ("Wang Yi", "person", "China", ""),
    ("Fumio Kishida", "person", "Japan", "Kishida"),
    ("Shigeru Ishiba", "person", "Japan", "Ishiba"),
    ("Benjamin Netanyahu", "person", "Israel", "Netanyahu|Netanyahou"),
    ("Yoav Gallant", "person", "Israel", "Gallant"),
    ("Isaac Herzog", "person", "Israel", "Herzog"),
    ("Mahmoud Abbas", "person", "Palestine", "Abbas|Abu Mazen"),
    ("Yahya Sinwar", "person", "Hamas", "Sinwar"),
    ("Ismail Haniyeh", "person", "Hamas", "Haniyeh|Ismail Haniya"),
    ("Hassan Nasrallah", "person", "Hezbollah", "Nasrallah|Hasan Nasrallah"),
    ("Ali Khamenei", "person", "Iran", "Khamenei|Ayatollah Ali Khamenei|Ayatollah Khamenei"),
    ("Masoud Pezeshkian", "person", "Iran", "Pezeshkian"),
    ("Alexander Lukashenko", "person", "Belarus", "Lukashenko|Aleksandr Lukashenko"),
    ("Recep Tayyip Erdogan", "person", "Turkey", "Erdogan|Tayyip Erdogan"),
    ("Narendra Modi", "person", "India", "Modi"),
    ("Emmanuel Macron", "person", "France", "Macron"),
    ("Olaf Scholz", "person", "Germany", "Scholz"),
    ("Friedrich Merz", "person", "Germany", "Merz"),
    ("Keir Starmer", "person", "United Kingdom", "Starmer"),
    ("Rishi Sunak", "person", "United Kingdom", "Sunak"),
    ("Anthony Albanese", "person", "Australia", "Albanese"),
    ("Prabowo Subianto", "person", "Indonesia", "Prabowo"),
    ("Joko Widodo", "person", "Indonesia", "Jokowi"),
    ("Sugiono", "person", "Indonesia", ""),
    ("Sjafrie Sjamsoeddin", "person", "Indonesia", "Sjafrie"),
    ("Retno Marsudi", "person", "Indonesia", "Retno"),
    ("Anwar Ibrahim", "person", "Malaysia", ""),
    ("Ferdinand Marcos Jr.", "person", "Philippines", "Marcos|Bongbong Marcos|Ferdinand Marcos Jr|Ferdinand Marcos"),
    ("Min Aung Hlaing", "person", "Myanmar", ""),
    ("Lai Ching-te", "person", "Taiwan", "Lai Ching te|William Lai"),
    ("Antonio Guterres", "person", "United Nations", "Guterres|António Guterres"),
    ("Mark Rutte", "person", "NATO", "Rutte"),
    ("Jens Stoltenberg", "person", "NATO", "Stoltenberg"),
    ("Ursula von der Leyen", "person", "European Union", "von der Leyen"),
    ("Rafael Grossi", "person", "IAEA", "Grossi"),
    ("Tedros Adhanom Ghebreyesus", "person", "WHO", "Tedros|Tedros Adhanom"),
    # --- places (side: the recognised country)
    ("Gaza", "place", "Palestine", "Jalur Gaza|Gaza Strip|Kota Gaza|Gaza City"),
    ("West Bank", "place", "Palestine", "Tepi Barat"),
    ("Crimea", "place", "Ukraine", "Krimea|Semenanjung Krimea|Crimean Peninsula"),
    ("Donetsk", "place", "Ukraine", ""),
    ("Luhansk", "place", "Ukraine", "Lugansk"),
    ("Kharkiv", "place", "Ukraine", "Kharkov"),
    ("Zaporizhzhia", "place", "Ukraine", "Zaporizhia|Zaporozhye"),
    ("Kherson", "place", "Ukraine", ""),
    ("Kursk", "place", "Russia", ""),
    ("Belgorod", "place", "Russia", ""),
    ("Papua", "place", "Indonesia", "Papua Barat|Papua Tengah|Papua Pegunungan|Papua Selatan|West Papua"),
    ("Latin America", "place", None, "Amerika Latin|Amerika Selatan|South America|Amerika Tengah|Central America"),
    ("North America", "place", None, "Amerika Utara"),
)

# (canonical institution, kind, countable, Indonesian words, English words)
# Indonesian puts the institution first ("militer Korea Selatan"), English last
# ("South Korean military", "Russia's defence ministry") or with "of"
# ("Ministry of Defence of Russia").  ``countable`` institutions double as
# counted nouns ("12.000 tentara Korea Utara") and are not composed after a number.
INSTITUTIONS: tuple[tuple[str, str, bool, str, str], ...] = (
    ("defence ministry", "agency", False,
     "kementerian pertahanan|kemhan|kemenhan|departemen pertahanan|dephan|kementerian pertahanan nasional",
     "defence ministry|defense ministry|ministry of defence|ministry of defense|defence department|"
     "defense department|=MoD|department of defense"),
    ("foreign ministry", "agency", False,
     "kementerian luar negeri|kemlu|kemenlu|departemen luar negeri|deplu",
     "foreign ministry|ministry of foreign affairs|foreign office|foreign affairs ministry|MFA"),
    ("interior ministry", "agency", False, "kementerian dalam negeri|kemendagri",
     "interior ministry|ministry of interior|ministry of the interior|home ministry"),
    ("health ministry", "agency", False, "kementerian kesehatan|kemenkes",
     "health ministry|ministry of health"),
    ("military intelligence", "agency", False,
     "intelijen militer|badan intelijen militer|dinas intelijen militer",
     "military intelligence|military intelligence agency"),
    ("intelligence", "agency", False, "intelijen|badan intelijen|dinas intelijen|badan mata-mata",
     "intelligence|intelligence agency|intelligence service|spy agency|intelligence services"),
    ("military", "agency", True, "militer|angkatan bersenjata|tentara nasional",
     "military|armed forces"),
    ("army", "agency", True, "tentara|angkatan darat", "army"),
    ("forces", "agency", True, "pasukan", "forces"),
    ("navy", "agency", False, "angkatan laut", "navy"),
    ("air force", "agency", False, "angkatan udara", "air force"),
    ("police", "agency", True, "kepolisian|polisi", "police|police force"),
    ("coast guard", "agency", False, "penjaga pantai|badan penjaga pantai", "coast guard|coastguard"),
    ("government", "agency", False, "pemerintah|pemerintahan", "government|administration"),
    ("presidential office", "agency", False, "kantor kepresidenan|istana kepresidenan",
     "presidential office|presidential palace"),
    ("general staff", "agency", False, "staf umum", "general staff"),
    ("Joint Chiefs of Staff", "agency", False, "kepala staf gabungan",
     "Joint Chiefs of Staff|JCS|joint chiefs"),
    ("embassy", "agency", False, "kedutaan besar|kedubes|kedutaan", "embassy"),
    ("parliament", "agency", False, "parlemen", "parliament"),
    ("president", "person", False, "presiden", "president"),
    ("prime minister", "person", False, "perdana menteri|=PM", "prime minister|premier|=PM"),
    ("defence minister", "person", False, "menteri pertahanan|menhan",
     "defence minister|defense minister|minister of defence|minister of defense|defense secretary|"
     "defence secretary"),
    ("foreign minister", "person", False, "menteri luar negeri|menlu",
     "foreign minister|minister of foreign affairs|foreign secretary|secretary of state"),
)
# fmt: on
