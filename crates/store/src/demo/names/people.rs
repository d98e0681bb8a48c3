//! Names of people: Chinese visitors mostly in characters (王芳), some in
//! pinyin as on a foreign-issued badge (Wang Fang); foreigners in the order
//! their badges would show.
use super::Lang;
use rand::Rng;

/// (characters, pinyin), the most common surnames first.
#[rustfmt::skip]
const SURNAMES: &[(&str, &str)] = &[
    ("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"),
    ("黄", "Huang"), ("赵", "Zhao"), ("吴", "Wu"), ("周", "Zhou"), ("徐", "Xu"), ("孙", "Sun"),
    ("马", "Ma"), ("朱", "Zhu"), ("胡", "Hu"), ("郭", "Guo"), ("何", "He"), ("高", "Gao"),
    ("林", "Lin"), ("罗", "Luo"), ("郑", "Zheng"), ("梁", "Liang"), ("谢", "Xie"), ("宋", "Song"),
    ("唐", "Tang"), ("许", "Xu"), ("韩", "Han"), ("冯", "Feng"), ("邓", "Deng"), ("曹", "Cao"),
    ("彭", "Peng"), ("曾", "Zeng"), ("肖", "Xiao"), ("田", "Tian"), ("董", "Dong"), ("袁", "Yuan"),
    ("潘", "Pan"), ("于", "Yu"), ("蒋", "Jiang"), ("蔡", "Cai"), ("余", "Yu"), ("杜", "Du"),
    ("叶", "Ye"), ("程", "Cheng"), ("苏", "Su"), ("魏", "Wei"), ("吕", "Lyu"), ("丁", "Ding"),
    ("任", "Ren"), ("沈", "Shen"), ("姚", "Yao"), ("卢", "Lu"), ("姜", "Jiang"), ("崔", "Cui"),
    ("钟", "Zhong"), ("谭", "Tan"), ("陆", "Lu"), ("汪", "Wang"), ("范", "Fan"), ("金", "Jin"),
    ("欧阳", "Ouyang"), ("司马", "Sima"),
];

#[rustfmt::skip]
const GIVEN: &[(&str, &str)] = &[
    ("芳", "Fang"), ("伟", "Wei"), ("娜", "Na"), ("敏", "Min"), ("静", "Jing"), ("丽", "Li"),
    ("强", "Qiang"), ("磊", "Lei"), ("军", "Jun"), ("洋", "Yang"), ("勇", "Yong"), ("艳", "Yan"),
    ("杰", "Jie"), ("涛", "Tao"), ("明", "Ming"), ("超", "Chao"), ("秀英", "Xiuying"), ("霞", "Xia"),
    ("平", "Ping"), ("刚", "Gang"), ("桂英", "Guiying"), ("浩然", "Haoran"), ("子涵", "Zihan"),
    ("欣怡", "Xinyi"), ("宇轩", "Yuxuan"), ("梓萱", "Zixuan"), ("俊杰", "Junjie"), ("思远", "Siyuan"),
    ("雨桐", "Yutong"), ("建华", "Jianhua"), ("志强", "Zhiqiang"), ("晓东", "Xiaodong"),
    ("海燕", "Haiyan"), ("文博", "Wenbo"), ("佳琪", "Jiaqi"), ("一鸣", "Yiming"), ("丹", "Dan"),
    ("鹏", "Peng"), ("婷", "Ting"), ("晨", "Chen"), ("欣", "Xin"), ("博文", "Bowen"),
    ("嘉怡", "Jiayi"), ("振华", "Zhenhua"), ("淑华", "Shuhua"), ("国庆", "Guoqing"),
];

/// (given names, family names, family name written first)
#[rustfmt::skip]
fn pools(lang: Lang) -> (&'static [&'static str], &'static [&'static str], bool) {
    match lang {
        Lang::German => (&["Lukas", "Anna", "Felix", "Lena", "Jonas", "Katharina", "Matthias", "Sabine", "Stefan", "Julia"],
            &["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann", "Schulz", "Koch"], false),
        Lang::French => (&["Julien", "Camille", "Nicolas", "Claire", "Antoine", "Sophie", "Mathieu", "Élodie", "Pierre", "Amélie"],
            &["Martin", "Bernard", "Dubois", "Durand", "Lefebvre", "Moreau", "Laurent", "Girard", "Roux", "Fontaine"], false),
        Lang::Italian => (&["Marco", "Giulia", "Luca", "Francesca", "Alessandro", "Chiara", "Matteo", "Sara", "Davide", "Elena"],
            &["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco"], false),
        Lang::Spanish => (&["Alejandro", "Lucía", "Javier", "María", "Diego", "Carmen", "Pablo", "Sofía", "Andrés", "Valentina"],
            &["García", "Rodríguez", "Martínez", "López", "González", "Hernández", "Pérez", "Sánchez", "Ramírez", "Torres"], false),
        Lang::Portuguese => (&["João", "Ana", "Pedro", "Mariana", "Lucas", "Beatriz", "Rafael", "Camila", "Gabriel", "Larissa"],
            &["Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Almeida", "Ferreira", "Carvalho", "Ribeiro"], false),
        Lang::Dutch => (&["Daan", "Emma", "Sem", "Sanne", "Bram", "Lotte", "Thijs", "Femke", "Ruben", "Anouk"],
            &["de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Peeters"], false),
        Lang::Nordic => (&["Erik", "Ingrid", "Lars", "Astrid", "Mikael", "Sofia", "Anders", "Freja", "Jukka", "Sigrid"],
            &["Johansson", "Andersson", "Nilsson", "Hansen", "Larsen", "Olsen", "Lindqvist", "Virtanen", "Berg", "Dahl"], false),
        Lang::Russian => (&["Alexei", "Olga", "Dmitri", "Natalia", "Sergei", "Elena", "Nikolai", "Irina", "Arman", "Aigerim"],
            &["Ivanov", "Smirnova", "Kuznetsov", "Popova", "Sokolov", "Volkova", "Morozov", "Lebedeva", "Nurlanov", "Sarsenova"], false),
        Lang::Central => (&["Piotr", "Anna", "Tomáš", "Eva", "Milan", "Zsófia", "Andrei", "Maria", "Nikos", "Katarina"],
            &["Nowak", "Novák", "Horváth", "Petrović", "Popescu", "Dimitrov", "Papadopoulos", "Kovač", "Varga", "Marković"], false),
        Lang::Turkish => (&["Mehmet", "Ayşe", "Mustafa", "Elif", "Emre", "Zeynep", "Burak", "Selin", "Can", "Deniz"],
            &["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Aydın", "Öztürk", "Arslan", "Doğan"], false),
        Lang::Arabic => (&["Ahmed", "Fatima", "Mohammed", "Layla", "Omar", "Noura", "Khalid", "Mariam", "Yousef", "Huda"],
            &["Al-Mansouri", "Al-Harbi", "Al-Qahtani", "Haddad", "Al-Otaibi", "Nasser", "Al-Farsi", "Khalil", "Al-Hashimi", "Saleh"], false),
        Lang::Japanese => (&["Haruto", "Yui", "Sota", "Aoi", "Ren", "Mei", "Kenji", "Akiko", "Takeshi", "Yuki"],
            &["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato"], false),
        Lang::Korean => (&["Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Do-yun", "Ji-woo", "Hyun-woo", "Su-bin", "Jae-won", "Eun-ji"],
            &["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim"], true),
        Lang::Malay => (&["Ahmad", "Siti", "Budi", "Nurul", "Hafiz", "Dewi", "Rizal", "Aisyah", "Agus", "Putri"],
            &["Abdullah", "Santoso", "Rahman", "Wijaya", "Ismail", "Hidayat", "Hassan", "Lestari", "Ibrahim", "Saputra"], false),
        Lang::Thai => (&["Somchai", "Siriporn", "Anan", "Kanya", "Niran", "Pimchanok", "Kittipong", "Nattaya", "Prasert", "Wanida"],
            &["Wongsakul", "Srisuk", "Chaiyaporn", "Thongchai", "Rattanakorn", "Suksawat", "Boonmee", "Kaewkla", "Phromma", "Saetang"], false),
        Lang::Vietnamese => (&["Van An", "Thi Lan", "Minh Tuan", "Thi Hoa", "Duc Anh", "Thu Trang", "Quang Huy", "Ngoc Mai", "Van Hung", "Thanh Tam"],
            &["Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do", "Ngo"], true),
        Lang::SouthAsian => (&["Rahul", "Priya", "Amit", "Anjali", "Vikram", "Sneha", "Arjun", "Kavya", "Imran", "Ayesha"],
            &["Sharma", "Patel", "Singh", "Gupta", "Reddy", "Khan", "Iyer", "Mehta", "Das", "Rao"], false),
        Lang::English | Lang::Chinese => (&["James", "Emily", "Michael", "Sarah", "David", "Olivia", "Daniel", "Jessica", "Thomas", "Hannah"],
            &["Smith", "Johnson", "Williams", "Brown", "Jones", "Taylor", "Wilson", "Clarke", "Walker", "Robinson"], false),
    }
}

/// Share (in %) of Chinese attendees registered under their pinyin name.
const PINYIN_PERCENT: u32 = 12;

/// A person's name in the style of `lang`.
pub(crate) fn person<R: Rng>(rng: &mut R, lang: Lang) -> String {
    if lang == Lang::Chinese {
        let (surname, surname_py) = pick(rng, SURNAMES);
        let (given, given_py) = pick(rng, GIVEN);
        return if rng.random_ratio(PINYIN_PERCENT, 100) {
            format!("{surname_py} {given_py}")
        } else {
            format!("{surname}{given}")
        };
    }
    let (given, family, family_first) = pools(lang);
    let given = given[rng.random_range(0..given.len())];
    let family = family[rng.random_range(0..family.len())];
    if family_first {
        format!("{family} {given}")
    } else {
        format!("{given} {family}")
    }
}

fn pick<R: Rng>(
    rng: &mut R,
    pool: &'static [(&'static str, &'static str)],
) -> (&'static str, &'static str) {
    pool[rng.random_range(0..pool.len())]
}
