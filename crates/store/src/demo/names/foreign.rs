//! Organisation names from outside China, each in its own country's style: a
//! made-up brand from two syllables of the language ("Stein" + "bach"), a
//! trade word in the language where firms use it ("Robotik", "Robotique"),
//! and the country's legal form ("GmbH", "S.p.A.", "PT ...", "Sdn. Bhd.").
//! Every part has a Chinese rendering (a transliteration or a translation),
//! so the Chinese name a foreign firm registers in China reads naturally.
use super::{Digits, Lang, OrgName};

/// (in the language, in Chinese)
type Pair = (&'static str, &'static str);

/// The two syllable pools a brand is made from.
#[rustfmt::skip]
fn stems(lang: Lang) -> (&'static [Pair], &'static [Pair]) {
    match lang {
        Lang::German => (
            &[("Alt", "阿尔特"), ("Berg", "贝格"), ("Eich", "艾希"), ("Hohen", "霍恩"), ("Lind", "林德"),
              ("Nord", "诺德"), ("Rhein", "莱茵"), ("Schwarz", "施瓦茨"), ("Stein", "施泰因"), ("Wald", "瓦尔德"),
              ("Fried", "弗里德"), ("Greif", "格赖夫"), ("Hart", "哈特"), ("Sonn", "索恩")],
            &[("bach", "巴赫"), ("feld", "费尔德"), ("hof", "霍夫"), ("mark", "马克"), ("tal", "塔尔"),
              ("werk", "韦尔克"), ("burg", "堡"), ("au", "奥"), ("heim", "海姆"), ("dorf", "多夫")],
        ),
        Lang::French => (
            &[("Val", "瓦尔"), ("Mont", "蒙"), ("Beau", "博"), ("Clair", "克莱尔"), ("Roche", "罗什"),
              ("Bel", "贝尔"), ("Haut", "欧"), ("Grand", "格朗"), ("Ver", "韦尔"), ("Char", "沙尔"),
              ("Lor", "洛尔"), ("Fleur", "弗勒尔")],
            &[("mont", "蒙"), ("val", "瓦尔"), ("lac", "拉克"), ("bois", "布瓦"), ("champ", "尚"),
              ("ville", "维尔"), ("fort", "福尔"), ("mare", "马尔"), ("rive", "里夫")],
        ),
        Lang::Italian => (
            &[("Monte", "蒙特"), ("Val", "瓦尔"), ("Castel", "卡斯特"), ("Villa", "维拉"), ("Ponte", "蓬特"),
              ("Rocca", "罗卡"), ("Campo", "坎波"), ("Borgo", "博尔戈"), ("Torre", "托雷"), ("Fonte", "丰特")],
            &[("verde", "韦尔德"), ("bello", "贝洛"), ("rosso", "罗索"), ("nuovo", "努奥沃"), ("alto", "阿尔托"),
              ("franco", "弗兰科"), ("fiore", "菲奥雷"), ("mare", "马雷")],
        ),
        Lang::Spanish => (
            &[("Sol", "索尔"), ("Mar", "马尔"), ("Monte", "蒙特"), ("Valle", "巴列"), ("Sierra", "谢拉"),
              ("Costa", "科斯塔"), ("Río", "里奥"), ("Puerto", "普埃尔托"), ("Cerro", "塞罗"), ("Campo", "坎波")],
            &[(" Verde", "韦尔德"), (" Azul", "阿苏尔"), (" Real", "雷亚尔"), (" Norte", "诺特"), (" Sur", "苏尔"),
              (" Mayor", "马约尔"), (" Central", "森特拉尔"), (" Grande", "格兰德")],
        ),
        Lang::Portuguese => (
            &[("Sol", "索尔"), ("Mar", "马尔"), ("Monte", "蒙特"), ("Vale", "瓦莱"), ("Serra", "塞拉"),
              ("Costa", "科斯塔"), ("Rio", "里约"), ("Porto", "波尔图"), ("Campo", "坎波"), ("Terra", "特拉")],
            &[(" Verde", "韦尔德"), (" Azul", "阿祖尔"), (" Real", "雷亚尔"), (" Norte", "诺特"), (" Sul", "苏尔"),
              (" Grande", "格兰德"), (" Forte", "福尔特")],
        ),
        Lang::Dutch => (
            &[("Zee", "泽"), ("Noord", "诺德"), ("Oost", "奥斯特"), ("West", "韦斯特"), ("Hoog", "霍赫"),
              ("Groen", "赫伦"), ("Diep", "迪普"), ("Rijn", "莱茵"), ("Maas", "马斯"), ("Linde", "林德")],
            &[("land", "兰"), ("veld", "费尔德"), ("haven", "哈芬"), ("burg", "堡"), ("dam", "丹"),
              ("stede", "斯泰德"), ("meer", "梅尔"), ("wijk", "韦克")],
        ),
        Lang::Nordic => (
            &[("Nord", "诺德"), ("Sjö", "舍"), ("Fjell", "菲耶尔"), ("Björk", "比约克"), ("Lind", "林德"),
              ("Berg", "贝里"), ("Strand", "斯特兰德"), ("Ek", "埃克"), ("Ask", "阿斯克"), ("Sol", "索尔")],
            &[("dal", "达尔"), ("holm", "霍尔姆"), ("vik", "维克"), ("berg", "贝里"), ("lund", "伦德"),
              ("ström", "斯特伦"), ("by", "比"), ("sund", "松德")],
        ),
        Lang::Russian => (
            &[("Volga", "伏尔加"), ("Ural", "乌拉尔"), ("Sibir", "西比尔"), ("Neva", "涅瓦"), ("Amur", "阿穆尔"),
              ("Baikal", "贝加尔"), ("Altai", "阿尔泰"), ("Don", "顿"), ("Kama", "卡马"), ("Oka", "奥卡")],
            &[("tech", "泰克"), ("prom", "普罗姆"), ("mash", "马什"), ("energo", "能源"), ("snab", "斯纳布"),
              ("trans", "特兰斯"), ("stroy", "斯特罗伊"), ("lit", "利特")],
        ),
        Lang::Arabic => (
            &[("Al Noor", "努尔"), ("Al Rashid", "拉希德"), ("Al Faisal", "费萨尔"), ("Al Bayan", "巴扬"),
              ("Al Majd", "马吉德"), ("Al Waha", "瓦哈"), ("Al Fajr", "法杰尔"), ("Al Amal", "阿迈勒"),
              ("Al Sahra", "萨赫拉"), ("Al Hayat", "哈亚特"), ("Al Safwa", "萨夫瓦"), ("Al Reem", "丽姆")],
            &[("", ""), (" Gulf", "海湾"), (" National", "国民"), (" United", "联合"), (" Modern", "现代"),
              (" Arabian", "阿拉伯"), (" Global", "环球"), (" Golden", "金色")],
        ),
        Lang::Japanese => (
            &[("Taka", "高"), ("Naka", "中"), ("Yama", "山"), ("Kawa", "川"), ("Hoshi", "星"), ("Mori", "森"),
              ("Ishi", "石"), ("Matsu", "松"), ("Fuji", "富士"), ("Sakura", "樱"), ("Asa", "朝"), ("Kita", "北"),
              ("Minami", "南"), ("Hira", "平")],
            &[("moto", "本"), ("shima", "岛"), ("hara", "原"), ("da", "田"), ("no", "野"), ("saki", "崎"),
              ("kawa", "川"), ("mura", "村"), ("oka", "冈"), ("zawa", "泽"), ("yama", "山")],
        ),
        Lang::Korean => (
            &[("Hae", "海"), ("Cheon", "天"), ("Ju", "珠"), ("Bo", "宝"), ("Yeon", "燕"), ("Gyeong", "庆"),
              ("Mu", "武"), ("Pyeong", "平"), ("Seon", "善"), ("Uk", "旭")],
            &[("ra", "罗"), ("on", "温"), ("rim", "林"), ("dam", "潭"), ("san", "山"), ("do", "道"),
              ("woo", "宇"), ("jin", "进")],
        ),
        Lang::Malay => (
            &[("Sinar", "西纳尔"), ("Maju", "马朱"), ("Jaya", "查亚"), ("Sri", "斯里"), ("Mega", "美嘉"),
              ("Bumi", "布米"), ("Cahaya", "卡哈亚"), ("Mitra", "米特拉"), ("Indah", "因达"), ("Tunas", "图纳斯")],
            &[(" Abadi", "阿巴迪"), (" Sentosa", "圣淘沙"), (" Makmur", "马克穆尔"), (" Utama", "乌塔玛"),
              (" Perkasa", "佩卡萨"), (" Gemilang", "杰米朗"), (" Nusantara", "努山塔拉"), (" Sejahtera", "塞贾赫特拉")],
        ),
        Lang::Thai => (
            &[("Siam", "暹罗"), ("Chai", "猜"), ("Rattana", "拉达那"), ("Suk", "素"), ("Charoen", "乍伦"),
              ("Mongkol", "蒙昆"), ("Thong", "通"), ("Wattana", "瓦塔纳"), ("Somboon", "宋本"), ("Kittisak", "吉迪萨")],
            &[("", ""), (" Pattana", "帕塔纳"), (" Kasem", "卡森"), (" Sombat", "宋巴"), (" Prasert", "巴实"),
              (" Siri", "西里"), (" Rung", "荣"), (" Sin", "信")],
        ),
        Lang::Vietnamese => (
            &[("Viet", "越"), ("Tan", "新"), ("Thanh", "成"), ("Minh", "明"), ("Hung", "兴"), ("Phu", "富"),
              ("Long", "龙"), ("Nam", "南"), ("Dai", "大"), ("Hoang", "黄")],
            &[(" An", "安"), (" Phat", "发"), (" Thinh", "盛"), (" Long", "龙"), (" Hung", "兴"),
              (" Thanh", "成"), (" Tien", "进"), (" Quang", "光")],
        ),
        Lang::Central | Lang::Turkish => (
            &[("Ar", "阿尔"), ("Bel", "贝尔"), ("Cor", "科尔"), ("Del", "德尔"), ("Es", "埃斯"), ("Fer", "费尔"),
              ("Gal", "加尔"), ("Lu", "卢"), ("Mon", "蒙"), ("Nor", "诺"), ("Ter", "特尔"), ("Vel", "韦尔")],
            &[("vena", "韦纳"), ("mar", "马尔"), ("via", "维亚"), ("tora", "托拉"), ("rano", "拉诺"),
              ("dia", "迪亚"), ("vik", "维克"), ("tek", "泰克"), ("lux", "卢克斯"), ("is", "伊斯")],
        ),
        // English-speaking countries, South Asia, and any country not named above.
        Lang::English | Lang::SouthAsian | Lang::Chinese => (
            &[("Blue", "布鲁"), ("North", "诺斯"), ("Silver", "西尔弗"), ("Oak", "奥克"), ("Clear", "克利尔"),
              ("Bright", "布赖特"), ("Pine", "派恩"), ("Iron", "艾恩"), ("Summit", "萨米特"), ("Eagle", "伊格尔"),
              ("Harbor", "哈伯"), ("River", "里弗"), ("Granite", "格兰尼特"), ("Cedar", "锡达"), ("Maple", "梅普尔"),
              ("Falcon", "福尔肯"), ("Red", "雷德"), ("West", "韦斯特"), ("Green", "格林"), ("Lake", "莱克")],
            &[("field", "菲尔德"), ("bridge", "布里奇"), ("wood", "伍德"), ("point", "波因特"), ("ridge", "里奇"),
              ("gate", "盖特"), ("view", "维尤"), ("stone", "斯通"), ("crest", "克雷斯特"), ("line", "莱恩"),
              ("well", "韦尔"), ("haven", "黑文")],
        ),
    }
}

/// The industry chain of each trade word below, by position.
pub(super) const TRADE_INDUSTRIES: [Option<&str>; 16] = [
    Some("humanoid-robots"),
    Some("smart-cars"),
    Some("integrated-circuits"),
    Some("wind-power"),
    Some("photovoltaics"),
    Some("coffee"),
    Some("cotton"),
    Some("lithium-ion-batteries"),
    Some("soybeans"),
    Some("medical-devices"),
    Some("ai-servers"),
    None,
    None,
    None,
    None,
    None,
];

#[rustfmt::skip]
const TRADES_ZH: [&str; 16] = [
    "机器人", "汽车科技", "半导体", "风能", "太阳能", "咖啡", "棉业", "电池",
    "粮食", "医疗", "计算", "物流", "贸易", "供应链", "机械", "材料",
];

/// Trade words in the firm's language; firms from languages not listed here
/// trade under English words.
#[rustfmt::skip]
fn trades(lang: Lang) -> &'static [&'static str; 16] {
    match lang {
        Lang::German => &["Robotik", "Fahrzeugtechnik", "Halbleiter", "Windenergie", "Solartechnik",
            "Kaffee", "Textil", "Batterietechnik", "Agrarhandel", "Medizintechnik", "Rechenzentren",
            "Logistik", "Handel", "Zulieferung", "Maschinenbau", "Werkstoffe"],
        Lang::French => &["Robotique", "Automobile", "Semi-conducteurs", "Éolien", "Solaire", "Café",
            "Coton", "Batteries", "Oléagineux", "Médical", "Calcul", "Logistique", "Négoce",
            "Approvisionnement", "Mécanique", "Matériaux"],
        Lang::Italian => &["Robotica", "Automotive", "Semiconduttori", "Eolica", "Solare", "Caffè",
            "Cotonificio", "Batterie", "Cereali", "Medicale", "Calcolo", "Logistica", "Commercio",
            "Forniture", "Meccanica", "Materiali"],
        Lang::Spanish => &["Robótica", "Automotriz", "Semiconductores", "Eólica", "Solar", "Café",
            "Algodón", "Baterías", "Granos", "Médica", "Cómputo", "Logística", "Comercial",
            "Suministros", "Maquinaria", "Materiales"],
        Lang::Portuguese => &["Robótica", "Automotiva", "Semicondutores", "Eólica", "Solar", "Café",
            "Algodão", "Baterias", "Grãos", "Médica", "Computação", "Logística", "Comercial",
            "Suprimentos", "Máquinas", "Materiais"],
        Lang::Dutch => &["Robotica", "Automotive", "Halfgeleiders", "Windenergie", "Zonne-energie",
            "Koffie", "Katoen", "Batterijen", "Granen", "Medisch", "Datacenters", "Logistiek",
            "Handel", "Toelevering", "Machinebouw", "Materialen"],
        _ => &["Robotics", "Automotive", "Semiconductor", "Wind Energy", "Solar", "Coffee", "Cotton",
            "Battery", "Grain", "Medical", "Computing", "Logistics", "Trading", "Supply Chain",
            "Machinery", "Materials"],
    }
}

/// Legal forms as templates: `{}` is the brand and trade. The Chinese
/// template is how the form is rendered in a Chinese registered name.
#[rustfmt::skip]
fn legal_forms(country: &str, lang: Lang) -> &'static [Pair] {
    match country {
        "US" | "CA" => &[("{} Inc.", "{}公司"), ("{} LLC", "{}有限责任公司"), ("{} Corporation", "{}公司")],
        "GB" | "IE" => &[("{} Ltd", "{}有限公司"), ("{} plc", "{}股份有限公司")],
        "AU" | "NZ" => &[("{} Pty Ltd", "{}私人有限公司"), ("{} Ltd", "{}有限公司")],
        "SG" => &[("{} Pte. Ltd.", "{}私人有限公司")],
        "IN" | "PK" | "BD" | "LK" | "NP" => &[("{} Pvt. Ltd.", "{}私人有限公司"), ("{} Ltd.", "{}有限公司")],
        "ZA" => &[("{} (Pty) Ltd", "{}私人有限公司")],
        "DE" | "AT" => &[("{} GmbH", "{}有限责任公司"), ("{} AG", "{}股份公司"), ("{} GmbH & Co. KG", "{}两合公司")],
        "CH" | "LI" => &[("{} AG", "{}股份公司"), ("{} GmbH", "{}有限责任公司")],
        "FR" | "MA" | "TN" | "SN" | "CI" => &[("{} SAS", "{}简化股份公司"), ("{} SA", "{}股份公司")],
        "IT" => &[("{} S.p.A.", "{}股份公司"), ("{} S.r.l.", "{}有限责任公司")],
        "ES" => &[("{} S.A.", "{}股份公司"), ("{} S.L.", "{}有限责任公司")],
        "MX" => &[("{} S.A. de C.V.", "{}可变资本股份公司")],
        "BR" => &[("{} Ltda.", "{}有限公司"), ("{} S.A.", "{}股份公司")],
        "PT" => &[("{} Lda.", "{}有限公司"), ("{} S.A.", "{}股份公司")],
        "NL" | "BE" => &[("{} B.V.", "{}私营有限公司"), ("{} N.V.", "{}股份公司")],
        "SE" => &[("{} AB", "{}股份公司")],
        "NO" => &[("{} AS", "{}股份公司")],
        "DK" => &[("{} A/S", "{}股份公司")],
        "FI" => &[("{} Oy", "{}有限公司")],
        "RU" | "BY" | "UA" => &[("{} LLC", "{}有限责任公司"), ("{} JSC", "{}股份公司")],
        "KZ" => &[("{} LLP", "{}有限责任合伙企业"), ("{} JSC", "{}股份公司")],
        "PL" => &[("{} Sp. z o.o.", "{}有限责任公司"), ("{} S.A.", "{}股份公司")],
        "CZ" | "SK" => &[("{} s.r.o.", "{}有限责任公司"), ("{} a.s.", "{}股份公司")],
        "HU" => &[("{} Kft.", "{}有限责任公司"), ("{} Zrt.", "{}股份公司")],
        "RS" | "HR" | "SI" => &[("{} d.o.o.", "{}有限责任公司")],
        "RO" => &[("{} S.R.L.", "{}有限责任公司"), ("{} S.A.", "{}股份公司")],
        "GR" => &[("{} S.A.", "{}股份公司")],
        "TR" => &[("{} A.Ş.", "{}股份公司"), ("{} Ltd. Şti.", "{}有限公司")],
        "AE" => &[("{} LLC", "{}有限责任公司"), ("{} FZE", "{}自贸区公司")],
        "QA" | "BH" => &[("{} W.L.L.", "{}有限责任公司")],
        "EG" => &[("{} S.A.E.", "{}股份公司")],
        "JP" => &[("{} Co., Ltd.", "{}株式会社"), ("{} Corporation", "{}株式会社")],
        "KR" => &[("{} Co., Ltd.", "{}株式会社"), ("{} Corp.", "{}公司")],
        "ID" => &[("PT {}", "{}有限公司"), ("PT {} Tbk", "{}股份有限公司")],
        "MY" | "BN" => &[("{} Sdn. Bhd.", "{}私人有限公司"), ("{} Berhad", "{}有限公司")],
        "TH" => &[("{} Co., Ltd.", "{}有限公司"), ("{} Public Co., Ltd.", "{}大众有限公司")],
        "VN" => &[("{} JSC", "{}股份公司"), ("{} Co., Ltd.", "{}有限公司")],
        _ => match lang {
            Lang::Arabic => &[("{} Co.", "{}公司"), ("{} LLC", "{}有限责任公司")],
            Lang::Spanish => &[("{} S.A.", "{}股份公司")],
            _ => &[("{} Ltd.", "{}有限公司"), ("{} Co., Ltd.", "{}有限公司")],
        },
    }
}

/// Digits of a foreign company name: prefix (varies fastest), suffix,
/// trade, legal form.
pub(super) fn company_digits(country: &str, lang: Lang) -> Digits {
    let (prefixes, suffixes) = stems(lang);
    Digits::new(&[
        prefixes.len(),
        suffixes.len(),
        TRADE_INDUSTRIES.len(),
        legal_forms(country, lang).len(),
    ])
}

/// The brand made of two syllables, or None where they would repeat each
/// other ("Kawakawa"), which no firm is called.
fn brand(lang: Lang, prefix: usize, suffix: usize) -> Option<(String, String)> {
    let (prefixes, suffixes) = stems(lang);
    let (p, p_zh) = prefixes[prefix];
    let (s, s_zh) = suffixes[suffix];
    if p.trim().eq_ignore_ascii_case(s.trim()) {
        return None;
    }
    Some((format!("{p}{s}"), format!("{p_zh}{s_zh}")))
}

pub(super) fn company(
    country: &str,
    lang: Lang,
    parts: &[usize],
    with_zh: bool,
) -> Option<OrgName> {
    let (brand, brand_zh) = brand(lang, parts[0], parts[1])?;
    let trade = trades(lang)[parts[2]];
    let (form, form_zh) = legal_forms(country, lang)[parts[3]];
    Some(OrgName {
        name: form.replace("{}", &format!("{brand} {trade}")),
        name_zh: with_zh
            .then(|| form_zh.replace("{}", &format!("{brand_zh}{}", TRADES_ZH[parts[2]]))),
        industry: TRADE_INDUSTRIES[parts[2]],
    })
}

/// (English pattern, Chinese pattern); `{b}` is the brand, `{f}` the field.
const INSTITUTIONS: &[Pair] = &[
    ("{b} Institute of {f}", "{b}{f}研究所"),
    ("{b} {f} Association", "{b}{f}协会"),
    ("{b} University of Applied Sciences", "{b}应用科学大学"),
];

/// Digits of a foreign institution: prefix, suffix, field, pattern.
pub(super) fn institution_digits(lang: Lang) -> Digits {
    let (prefixes, suffixes) = stems(lang);
    Digits::new(&[
        prefixes.len(),
        suffixes.len(),
        super::chinese::FIELDS.len(),
        INSTITUTIONS.len(),
    ])
}

/// Foreign institutions go by their English names at the expo.
pub(super) fn institution(lang: Lang, parts: &[usize], with_zh: bool) -> Option<OrgName> {
    let (brand, brand_zh) = brand(lang, parts[0], parts[1])?;
    let (field, field_zh, industry) = super::chinese::FIELDS[parts[2]];
    let (pattern, pattern_zh) = INSTITUTIONS[parts[3]];
    Some(OrgName {
        name: pattern.replace("{b}", brand.trim()).replace("{f}", field),
        name_zh: with_zh.then(|| {
            pattern_zh
                .replace("{b}", &brand_zh)
                .replace("{f}", field_zh)
        }),
        industry,
    })
}
