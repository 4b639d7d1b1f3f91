"""Name pools for the synthetic corpus: common given names and surnames by naming tradition.

The officials of :mod:`benchmarks.generate` are invented by combining these; a combination may happen to be a
real person's name, but no pool lists real officials on purpose. ``order`` says how a full name is written
and which part later references use:

- ``western``: "Given [M.] Surname", referred to by surname;
- ``eastern``: "Surname Given" (Chinese, Korean), referred to by surname;
- ``vietnamese``: "Surname Middle Given", referred to by the given name, as Vietnamese copy does.

The pools are spelled in ASCII. The corpus with name variants (``generate.py --variants``) also gives officials
the diacritics of their tradition (:data:`ACCENTS`), the English given names that have short forms
(``extra_male`` / ``extra_female``), and writes those short forms (:data:`NICKNAMES`) in some articles.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NameGroup:
    order: str
    male: tuple[str, ...]
    female: tuple[str, ...]
    surnames: tuple[str, ...]
    middles: tuple[str, ...] = ()
    initials: bool = False  # "Charles Q. Brown": a middle initial now and then
    # Given names the corpus with name variants adds to the pools above (names with a short form: Joseph, Joe).
    extra_male: tuple[str, ...] = ()
    extra_female: tuple[str, ...] = ()


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


GROUPS: dict[str, NameGroup] = {
    "anglo": NameGroup(
        "western",
        _words(
            "James Robert Michael William David Richard Thomas Charles Christopher Daniel Matthew Mark Paul Steven "
            "Andrew Kenneth Joshua Kevin Brian Timothy Gregory Patrick Raymond Dennis Douglas Harold Peter Scott "
            "Jeffrey Gary Ronald Edward Anthony Russell Philip Lloyd Martin Frederick Warren Stuart"
        ),
        _words(
            "Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa Margaret Emily Michelle "
            "Laura Rebecca Catherine Helen Anne Kathleen Deborah Christine Rachel Julia Diane Amanda Melissa Victoria"
        ),
        _words(
            "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Moore Martin Thompson Harris "
            "Clark Lewis Robinson Walker Allen Wright Scott Adams Baker Nelson Carter Mitchell Roberts Turner "
            "Phillips Campbell Parker Evans Edwards Collins Stewart Morris Murphy Rogers Morgan Cooper Peterson "
            "Bailey Reed Kelly Howard Ward Richardson Watson Brooks Bennett Hughes Sanders Myers Ross Foster Powell "
            "Jenkins Perry Russell Sullivan Fisher Hayes Ellis Hamilton Graham Wallace Whitaker Holloway Pruitt "
            "Garrison Lockwood Calloway Harmon Prescott Whitfield Donovan Fletcher Langley Thornton Caldwell "
            "Mercer Hargrove Pembroke Ashford Kendrick Sheridan Radford Stanton Dunmore Aldridge Beckett"
        ),
        initials=True,
        extra_male=_words("Joseph Benjamin Nicholas Jonathan Lawrence Gerald Donald Samuel Alexander"),
        extra_female=_words("Katherine Margaret Elizabeth Rebecca Susan"),
    ),
    "japanese": NameGroup(
        "western",
        _words(
            "Hiroshi Takeshi Kenji Yoshio Satoshi Minoru Takashi Kazuo Shigeru Toshiaki Yasuhiro Akira Masahiro "
            "Naoki Koichi Tetsuya Hideki Kazuhiro Nobuo Ryota"
        ),
        _words("Yoko Keiko Yuko Noriko Emiko Akiko Mariko Kumiko Naomi Haruka"),
        _words(
            "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada Sasaki "
            "Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Yamazaki Mori Ikeda Hashimoto Ishikawa Ogawa Fujita "
            "Okada Goto Hasegawa Murakami Kondo Ishii Sakamoto Endo Aoki Fujii Nishimura Fukuda Ota Miura"
        ),
    ),
    "chinese": NameGroup(
        "eastern",
        _words(
            "Wei Jianguo Qiang Lei Jun Yong Tao Ming Hua Zhiwei Haiyang Jianhua Guoqiang Xin Hongwei Weidong "
            "Xiaodong Zhenhua Shaoyun Kaiming Jianjun Zhiqiang Yuming Dongsheng"
        ),
        _words("Lihua Jing Yuhong Yanping Xiaoli Meiling Hong Yan Xiuying Jie"),
        _words(
            "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Gao Lin Luo Zheng Liang Xie Song "
            "Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Du Qian"
        ),
    ),
    "taiwanese": NameGroup(
        "eastern",
        _words("Ching-te Chien-jen Kuo-cheng Wen-chieh Yu-lin Chih-wei Cheng-hsien Tsung-han Jui-lung Ming-chuan"),
        _words("Mei-ling Shu-fen Hsiao-wen Ya-ting Yi-hua Pei-chun"),
        _words("Chen Lin Huang Chang Lee Wang Wu Liu Tsai Yang Hsu Cheng Hsieh Lai Chiu Kuo Tseng Chou Hung Yeh"),
    ),
    "korean": NameGroup(
        "eastern",
        _words(
            "Jong-sup Min-ho Sung-han Young-jin Jae-hyun Dong-hoon Hyun-woo Seung-min Kyung-soo Tae-yong Won-sik "
            "Kyu-baek Sang-woo Jin-young Chang-ho Byung-se"
        ),
        _words("Eun-ji Soo-jin Ji-won Hye-jin Mi-kyung Yoon-hee Seo-yeon"),
        _words("Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Yoo Hong Nam Baek"),
    ),
    "vietnamese": NameGroup(
        "vietnamese",
        _words("Thanh Hung Dung Cuong Tuan Hai Nam Long Son Trung Phuc Binh Khanh Giang Vinh Quang Hieu Thang"),
        _words("Lan Huong Mai Linh Thu Hoa Ngoc Trang"),
        _words("Nguyen Tran Le Pham Hoang Phan Vu Dang Bui Do Ho Ngo Duong Ly Trinh Dinh"),
        middles=_words("Van Xuan Quoc Duc Minh Huu Cong Tien"),
    ),
    "filipino": NameGroup(
        "western",
        _words(
            "Jose Manuel Eduardo Gilberto Enrique Ramon Rodolfo Antonio Carlos Rolando Ernesto Alfredo Emmanuel "
            "Romeo Ferdinand Renato Jesus Arnel"
        ),
        _words("Maria Ana Rosario Leonor Cristina Imelda Teresita Corazon Liza"),
        _words(
            "Santos Reyes Cruz Bautista Mendoza Torres Villanueva Ramos Aquino Castillo Fernandez Gonzales "
            "Navarro Domingo Salazar Galvez Pascual Soriano Mercado Aguinaldo Robles Valdez Dimaculangan "
            "Macapagal Tolentino Manalastas"
        ),
        initials=True,
    ),
    "indonesian": NameGroup(
        "western",
        _words("Bambang Agus Budi Joko Hendra Eko Rizal Hadi Yudi Andi Teguh Wahyu Arief Dimas Fajar Gatot"),
        _words("Siti Sri Dewi Ratna Wulan Indah Lestari"),
        _words(
            "Susanto Wibowo Santoso Hidayat Nugroho Setiawan Pratama Kurniawan Gunawan Saputra Hadisusanto "
            "Purnomo Sulistyo Wijaya Hartono Siregar Nasution Simanjuntak Harahap Sembiring"
        ),
    ),
    "malay": NameGroup(
        "western",
        _words("Mohamad Ahmad Khairul Ismail Zulkifli Azmin Hafiz Faizal Razak Kamal Rosli Shahrul Amirul"),
        _words("Nurul Siti Aishah Farah Zarina Noraini"),
        _words("Rahim Hassan Ibrahim Abdullah Yusof Osman Hamid Latif Rahman Aziz Hashim Mahmud Salleh Ghani Jalil"),
    ),
    "thai": NameGroup(
        "western",
        _words("Somchai Prawit Anupong Supachai Thanakorn Kittipong Narong Sutin Chalerm Weerasak Apirat Surasak"),
        _words("Siriporn Pimchanok Wanida Nattaya Kanokwan"),
        _words(
            "Srisuk Wongsuwan Chaiyasan Rattanakorn Boonmee Thongchai Phromphan Kongsombut Sirivadhana "
            "Charoenrat Saengthong Kittikachorn Pattanakul Suwannarat"
        ),
    ),
    "south_asian": NameGroup(
        "western",
        _words(
            "Arjun Vikram Sanjay Rakesh Anil Suresh Rajesh Amit Vivek Pradeep Manoj Ashok Devendra Harish Ravi "
            "Naresh Ajay Rohit Sunil"
        ),
        _words("Priya Sunita Meera Kavita Anjali Deepa Shalini Nandini"),
        _words(
            "Sharma Verma Gupta Patel Reddy Iyer Menon Nair Rao Chopra Mehta Joshi Bhatia Kapoor Malhotra Desai "
            "Pillai Mishra Chatterjee Banerjee Kulkarni Saxena Trivedi Bhattacharya"
        ),
    ),
    "pakistani": NameGroup(
        "western",
        _words("Imran Tariq Khalid Shahid Bilal Faisal Nadeem Asad Kamran Zahid Junaid Waqar Saeed Arif"),
        _words("Ayesha Sana Hina Shazia Nadia"),
        _words("Qureshi Malik Chaudhry Abbasi Siddiqui Javed Raza Hussain Mirza Durrani Awan Bhatti Cheema Gillani"),
    ),
    "arabic": NameGroup(
        "western",
        _words(
            "Mohammed Ahmed Khalid Faisal Abdullah Omar Hassan Ali Yousef Tariq Saud Nasser Hamad Majed Adel "
            "Walid Ibrahim Mahmoud Karim Samir"
        ),
        _words("Fatima Layla Mona Rania Noura Huda Amal Reem"),
        _words(
            "Haddad Mansour Khalil Saleh Hamdan Farouk Shukri Bakr Qasim Darwish Jaber Othman "
            "Saadi Al-Mansouri Al-Zahrani Al-Harbi Al-Kaabi Al-Marri"
        ),
    ),
    "persian": NameGroup(
        "western",
        _words("Mohammad Hossein Ali Reza Abbas Mehdi Javad Hassan Saeed Mahmoud Hamid Ahmad Masoud"),
        _words("Maryam Zahra Fatemeh Leila Shirin"),
        _words("Ahmadi Hosseini Karimi Rahimi Moradi Rezaei Jafari Sadeghi Mousavi Tehrani Bagheri Nazari Ghorbani"),
    ),
    "turkish": NameGroup(
        "western",
        _words("Mehmet Ahmet Mustafa Hakan Murat Kemal Emre Serkan Osman Burak Cengiz Levent Tolga Volkan"),
        _words("Ayse Elif Zeynep Fatma Esra Gulsen"),
        _words(
            "Yilmaz Kaya Demir Sahin Celik Yildiz Aydin Ozturk Arslan Dogan Kilic Aslan Cetin Korkmaz Polat Kurt "
            "Ozdemir Erdem Aksoy Tekin"
        ),
    ),
    "russian": NameGroup(
        "western",
        _words("Sergei Alexei Dmitry Andrei Nikolai Mikhail Igor Oleg Viktor Yuri Pavel Konstantin Gennady Boris"),
        _words("Olga Elena Irina Natalia Tatiana Svetlana"),
        _words(
            "Ivanov Petrov Sokolov Kuznetsov Popov Volkov Morozov Lebedev Kozlov Novikov Fedorov Orlov Pavlov "
            "Zakharov Belov Tarasov Gusev Vinogradov Bogdanov Vorobyov"
        ),
    ),
    "ukrainian": NameGroup(
        "western",
        _words("Oleksandr Andriy Dmytro Mykola Taras Yuriy Serhiy Oleh Vasyl Bohdan Ihor Roman"),
        _words("Oksana Olena Iryna Yulia Kateryna"),
        _words(
            "Shevchenko Kovalenko Bondarenko Tkachenko Kravchenko Melnyk Boyko Moroz Lysenko Marchenko Savchenko "
            "Rudenko Petrenko Hnatyuk Kovalchuk Oliynyk"
        ),
    ),
    "polish": NameGroup(
        "western",
        _words("Piotr Tomasz Krzysztof Marek Pawel Jan Andrzej Michal Grzegorz Wojciech Jakub Marcin"),
        _words("Katarzyna Anna Magdalena Agnieszka Joanna Malgorzata"),
        _words(
            "Nowak Kowalski Wisniewski Wojcik Kaminski Lewandowski Zielinski Szymanski Dabrowski Mazur "
            "Kaczmarek Jankowski Wojciechowski Krawczyk Piotrowski Grabowski"
        ),
    ),
    "czech": NameGroup(
        "western",
        _words("Jiri Petr Pavel Martin Tomas Jaroslav Miroslav Lukas Vladimir Milan"),
        _words("Jana Tereza Eva Lucie Marketa"),
        _words("Novak Svoboda Dvorak Cerny Prochazka Kucera Vesely Horak Nemec Pokorny Marek Hajek Kral"),
    ),
    "balkan": NameGroup(
        "western",
        _words("Aleksandar Milan Dragan Zoran Goran Nikola Marko Stefan Vladimir Dejan Ivan Branko"),
        _words("Ivana Marija Jelena Ana Dragana"),
        _words(
            "Petrovic Jovanovic Nikolic Markovic Djordjevic Kovacevic Horvat Babic Popovski Dimitrov Georgiev "
            "Stojanovic Ilic Pavlovic Todorov Marinov"
        ),
    ),
    "german": NameGroup(
        "western",
        _words("Klaus Thomas Andreas Stefan Michael Jens Markus Wolfgang Frank Jurgen Matthias Dieter Rainer Uwe"),
        _words("Katrin Julia Sabine Petra Claudia Anja Birgit Heike"),
        _words(
            "Mueller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter Klein Wolf "
            "Neumann Schwarz Zimmermann Braun Krueger Hartmann Lange Werner Krause Lehmann Kaiser Brandt"
        ),
    ),
    "french": NameGroup(
        "western",
        _words(
            "Jean Pierre Michel Philippe Alain Nicolas Francois Laurent Olivier Sebastien Thierry Julien Bruno "
            "Didier Eric Gilles"
        ),
        _words("Catherine Isabelle Sophie Nathalie Florence Claire Sylvie Valerie Helene"),
        _words(
            "Bernard Dubois Durand Lefebvre Leroy Moreau Simon Laurent Garnier Fournier Girard Bonnet Dupont "
            "Lambert Fontaine Rousseau Vincent Chevalier Mercier Guerin Boyer Gauthier Perrin Marchand Renaud"
        ),
    ),
    "italian": NameGroup(
        "western",
        _words("Giuseppe Marco Luca Paolo Andrea Francesco Giorgio Alessandro Stefano Roberto Massimo Guido"),
        _words("Giulia Francesca Chiara Elena Valentina Paola"),
        _words(
            "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti Mancini "
            "Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana Caruso"
        ),
    ),
    "iberian": NameGroup(
        "western",
        _words(
            "Carlos Juan Jose Luis Miguel Javier Fernando Alejandro Diego Rafael Andres Pablo Sergio Ricardo "
            "Eduardo Gustavo"
        ),
        _words("Maria Carmen Lucia Isabel Sofia Gabriela Claudia Veronica Marcela"),
        _words(
            "Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez Ramirez Torres Flores Rivera Gomez "
            "Diaz Morales Ortiz Castro Vargas Romero Herrera Medina Aguilar Navarro Ruiz Iglesias Delgado Mendez "
            "Cabrera Fuentes Salinas"
        ),
    ),
    "portuguese": NameGroup(
        "western",
        _words("Joao Antonio Paulo Marcos Ricardo Luiz Rafael Fernando Sergio Rui Nuno Tiago Fabio Vitor"),
        _words("Ana Mariana Beatriz Juliana Fernanda Patricia"),
        _words(
            "Silva Santos Oliveira Souza Pereira Costa Rodrigues Almeida Nascimento Lima Araujo Fernandes "
            "Carvalho Gomes Ribeiro Barbosa Cardoso Teixeira Moreira Correia"
        ),
    ),
    "nordic": NameGroup(
        "western",
        _words("Lars Erik Anders Jonas Magnus Henrik Mikael Jukka Olav Nils Per Sven Antti Bjorn"),
        _words("Ingrid Astrid Karin Sanna Hanne Liisa Sofie Marit"),
        _words(
            "Hansen Johansen Olsen Larsen Andersen Nielsen Pedersen Lindqvist Johansson Eriksson Karlsson "
            "Nilsson Lindberg Virtanen Korhonen Nieminen Makinen Haugen Berglund Solberg"
        ),
    ),
    "dutch": NameGroup(
        "western",
        _words("Jan Pieter Willem Ruben Sander Joost Maarten Bas Hendrik Gerrit"),
        _words("Anouk Femke Sanne Lotte Ingrid"),
        _words("Jansen Bakker Visser Smit Meijer Mulder Bos Vos Dekker Peters Hendriks Dijkstra Kuipers Brouwer"),
    ),
    "greek": NameGroup(
        "western",
        _words("Nikos Giorgos Kostas Dimitris Yannis Panagiotis Christos Vasilis Stavros Andreas"),
        _words("Eleni Maria Katerina Sofia Dora"),
        _words(
            "Papadopoulos Georgiou Nikolaidis Konstantinou Pappas Dimitriou Vlachos Angelopoulos Stavridis "
            "Economou Christodoulou Kyriakou"
        ),
    ),
    "baltic": NameGroup(
        "western",
        _words("Andrius Gintaras Tomas Arvydas Janis Edgars Kristjan Margus Raimonds Mindaugas Indrek"),
        _words("Laura Ruta Inga Kadri Liga"),
        _words("Kazlauskas Petrauskas Jankauskas Berzins Ozols Kalnins Tamm Saar Sepp Kask Rebane Zukauskas Liepins"),
    ),
    "romanian": NameGroup(
        "western",
        _words("Andrei Mihai Ion Bogdan Alexandru Cristian Florin Adrian Laszlo Istvan Zoltan Gabor"),
        _words("Elena Ioana Andreea Ildiko"),
        _words("Popescu Ionescu Dumitru Stan Stoica Munteanu Constantin Nagy Kovacs Toth Szabo Varga Horvath"),
    ),
    "hebrew": NameGroup(
        "western",
        _words("Yossi Avi Moshe David Eyal Itai Amir Yoav Gideon Ronen Ehud Uri"),
        _words("Noa Tamar Michal Yael Orly"),
        _words("Cohen Levi Mizrahi Peretz Biton Friedman Katz Shapiro Azoulay Dahan Avraham Golan Barak Segal"),
    ),
    "east_african": NameGroup(
        "western",
        _words("John Peter Samuel Joseph Daniel Moses Stephen Francis Julius Emmanuel Patrick Wilson"),
        _words("Grace Mary Faith Esther Janet Rose"),
        _words("Kamau Otieno Mwangi Ochieng Wafula Njoroge Mutua Odhiambo Kibet Chebet Wambui Mugisha Kiprono Onyango"),
    ),
    "ethiopian": NameGroup(
        "western",
        _words("Tesfaye Getachew Dawit Mekonnen Alemayehu Berhanu Solomon Yohannes Tewodros"),
        _words("Hirut Meron Selam Tigist"),
        _words("Bekele Tadesse Haile Girma Wolde Mengistu Assefa Kebede Tessema Gebremariam Ayele"),
    ),
    "west_african": NameGroup(
        "western",
        _words("Oluwaseun Chinedu Emeka Kwame Kofi Yaw Amadou Moussa Ibrahim Babatunde Olusegun Mamadou Abdoulaye"),
        _words("Aminata Ngozi Fatou Adwoa Funmilayo"),
        _words(
            "Okafor Adeyemi Okonkwo Balogun Mensah Asante Boateng Diallo Traore Keita Ndiaye Diop Ouedraogo "
            "Coulibaly Adebayo Nwosu Owusu Sow"
        ),
    ),
    "southern_african": NameGroup(
        "western",
        _words("Thabo Sipho Themba Tendai Blessing Mandla Bongani Kagiso Lungile"),
        _words("Lindiwe Nomvula Thandeka Palesa"),
        _words("Nkosi Dlamini Mokoena Ndlovu Khumalo Moyo Zulu Banda Phiri Mahlangu Sithole Naidoo"),
    ),
    "central_asian": NameGroup(
        "western",
        _words("Nurlan Askar Yerlan Bakhtiyor Rustam Timur Daniyar Bolat Ulugbek Farrukh"),
        _words("Aigerim Dilnoza Gulnara Saule"),
        _words("Abdullaev Yusupov Rakhimov Akhmetov Ibragimov Seitkaliev Nurmagambetov Tashkentov Kasymov Zhumabaev"),
    ),
    "caucasian": NameGroup(
        "western",
        _words("Giorgi Levan Davit Armen Aram Tigran Irakli Vahe Zurab"),
        _words("Nino Tamar Ani Anahit Lusine"),
        _words("Beridze Kapanadze Gelashvili Maisuradze Tsiklauri Petrosyan Grigoryan Hakobyan Harutyunyan Vardanyan"),
    ),
}


# The short forms English-language copy writes for given names ("Jim Mattis" for James Mattis); under name
# variants an official with one of these given names goes by the first short form in some articles.
NICKNAMES: dict[str, tuple[str, ...]] = {
    "James": ("Jim",),
    "Joseph": ("Joe",),
    "Robert": ("Bob",),
    "William": ("Bill",),
    "Anthony": ("Tony",),
    "Michael": ("Mike",),
    "Daniel": ("Dan",),
    "Thomas": ("Tom",),
    "Christopher": ("Chris",),
    "Richard": ("Rick",),
    "Charles": ("Chuck",),
    "Matthew": ("Matt",),
    "Steven": ("Steve",),
    "Andrew": ("Andy",),
    "Kenneth": ("Ken",),
    "Timothy": ("Tim",),
    "Gregory": ("Greg",),
    "Douglas": ("Doug",),
    "Jeffrey": ("Jeff",),
    "Ronald": ("Ron",),
    "Edward": ("Ted",),
    "Philip": ("Phil",),
    "Frederick": ("Fred",),
    "Raymond": ("Ray",),
    "Joshua": ("Josh",),
    "David": ("Dave",),
    "Benjamin": ("Ben",),
    "Nicholas": ("Nick",),
    "Jonathan": ("Jon",),
    "Lawrence": ("Larry",),
    "Gerald": ("Jerry",),
    "Donald": ("Don",),
    "Samuel": ("Sam",),
    "Alexander": ("Alex",),
    "Elizabeth": ("Liz",),
    "Patricia": ("Pat",),
    "Jennifer": ("Jen",),
    "Susan": ("Sue",),
    "Deborah": ("Deb",),
    "Rebecca": ("Becky",),
    "Katherine": ("Kate",),
    "Kathleen": ("Kathy",),
    "Margaret": ("Peggy",),
    "Victoria": ("Vicky",),
}
NICKNAME_GROUPS = frozenset({"anglo"})  # the traditions whose copy writes those short forms


def _accents(text: str) -> dict[str, str]:
    """``"Ozturk=Öztürk Sahin=Şahin"`` as a dict from the pool's ASCII spelling to the name's own."""
    return dict(pair.split("=") for pair in text.split())


# Names as their tradition writes them, by naming group: the pools' ASCII spelling -> the spelling with
# diacritics. Under name variants an official of these groups carries the diacritics, and some articles drop
# them (as English-language copy often does).
ACCENTS: dict[str, dict[str, str]] = {
    "turkish": _accents(
        "Ayse=Ayşe Gulsen=Gülşen Yilmaz=Yılmaz Sahin=Şahin Celik=Çelik Yildiz=Yıldız Aydin=Aydın Ozturk=Öztürk "
        "Dogan=Doğan Kilic=Kılıç Cetin=Çetin Ozdemir=Özdemir"
    ),
    "vietnamese": _accents(
        "Nguyen=Nguyễn Tran=Trần Le=Lê Pham=Phạm Hoang=Hoàng Vu=Vũ Dang=Đặng Bui=Bùi Do=Đỗ Ho=Hồ Ngo=Ngô "
        "Duong=Dương Ly=Lý Trinh=Trịnh Dinh=Đinh Van=Văn Xuan=Xuân Quoc=Quốc Duc=Đức Huu=Hữu Cong=Công "
        "Tien=Tiến Thi=Thị Thanh=Thành Hung=Hùng Dung=Dũng Cuong=Cường Tuan=Tuấn Hai=Hải Son=Sơn Phuc=Phúc "
        "Binh=Bình Khanh=Khánh Hieu=Hiếu Thang=Thắng Huong=Hương Ngoc=Ngọc"
    ),
    "iberian": _accents(
        "Jose=José Andres=Andrés Lucia=Lucía Sofia=Sofía Veronica=Verónica Garcia=García Rodriguez=Rodríguez "
        "Martinez=Martínez Hernandez=Hernández Lopez=López Gonzalez=González Perez=Pérez Sanchez=Sánchez "
        "Ramirez=Ramírez Gomez=Gómez Diaz=Díaz Mendez=Méndez"
    ),
    "portuguese": _accents(
        "Joao=João Antonio=Antônio Fabio=Fábio Vitor=Vítor Sergio=Sérgio Araujo=Araújo Patricia=Patrícia"
    ),
    "polish": _accents(
        "Pawel=Paweł Michal=Michał Malgorzata=Małgorzata Wisniewski=Wiśniewski Wojcik=Wójcik Kaminski=Kamiński "
        "Zielinski=Zieliński Szymanski=Szymański Dabrowski=Dąbrowski"
    ),
    "czech": _accents(
        "Jiri=Jiří Tomas=Tomáš Lukas=Lukáš Marketa=Markéta Dvorak=Dvořák Cerny=Černý Prochazka=Procházka "
        "Kucera=Kučera Vesely=Veselý Horak=Horák Nemec=Němec Hajek=Hájek Kral=Král"
    ),
    "balkan": _accents(
        "Petrovic=Petrović Jovanovic=Jovanović Nikolic=Nikolić Markovic=Marković Djordjevic=Đorđević "
        "Kovacevic=Kovačević Babic=Babić Stojanovic=Stojanović Ilic=Ilić Pavlovic=Pavlović"
    ),
    "nordic": _accents("Bjorn=Björn Makinen=Mäkinen"),
    "french": _accents("Francois=François Sebastien=Sébastien Helene=Hélène Valerie=Valérie Guerin=Guérin"),
    "romanian": _accents("Laszlo=László Istvan=István Kovacs=Kovács Toth=Tóth"),
    "german": _accents("Jurgen=Jürgen"),
}
