//! Chinese organisation names, built from parallel pinyin and character pools
//! so that the English `name` and the Chinese `name_zh` always say the same
//! thing: "Suzhou Huaxin Photovoltaic Technology Co., Ltd." is
//! "苏州华信光伏科技有限公司".
//!
//! The brands are two-syllable words of the kind Chinese firms pick for their
//! good sound; well-known real brands are left out on purpose.
use super::{Digits, OrgName};

/// (pinyin, characters)
#[rustfmt::skip]
pub(super) const BRANDS: &[(&str, &str)] = &[
    ("Huaxin", "华信"), ("Ruifeng", "瑞丰"), ("Jinhui", "金辉"), ("Tianrun", "天润"),
    ("Hongda", "宏达"), ("Xinyuan", "鑫源"), ("Boyuan", "博远"), ("Anke", "安科"),
    ("Kaida", "凯达"), ("Dingsheng", "鼎盛"), ("Yuanhang", "远航"), ("Haoyu", "浩宇"),
    ("Jiahe", "嘉禾"), ("Minghao", "明昊"), ("Shengda", "盛达"), ("Xinghe", "星河"),
    ("Qiming", "启明"), ("Zhongheng", "中恒"), ("Huarui", "华瑞"), ("Guoxin", "国信"),
    ("Hengxin", "恒信"), ("Longteng", "龙腾"), ("Fengyuan", "丰源"), ("Taihe", "泰和"),
    ("Yongxin", "永信"), ("Jinpeng", "金鹏"), ("Hualong", "华隆"), ("Ruida", "瑞达"),
    ("Jingyuan", "晶元"), ("Guangyu", "光宇"), ("Lianchuang", "联创"), ("Xinrui", "新锐"),
    ("Baichuan", "百川"), ("Tongda", "通达"), ("Jiaxin", "嘉信"), ("Hongyuan", "宏远"),
    ("Ruitai", "瑞泰"), ("Kaiyuan", "开元"), ("Huizhi", "汇智"), ("Zhiyuan", "致远"),
    ("Yida", "亿达"), ("Shunda", "顺达"), ("Fuxing", "富星"), ("Lantian", "蓝天"),
    ("Qingyun", "青云"), ("Jinrui", "金瑞"), ("Yuhua", "宇华"), ("Sanhe", "三合"),
    ("Hengyuan", "恒源"), ("Xiangyu", "翔宇"), ("Junda", "骏达"), ("Tianyu", "天宇"),
    ("Huacheng", "华成"), ("Yaxin", "雅信"), ("Hexin", "和信"), ("Zhengda", "正达"),
    ("Jiuzhou", "九州"), ("Xinhai", "新海"), ("Huayu", "华宇"), ("Runze", "润泽"),
    ("Kangtai", "康泰"), ("Meida", "美达"), ("Youlian", "优联"), ("Zhuoyue", "卓越"),
    ("Yuetai", "悦泰"), ("Jinxin", "锦鑫"), ("Haorui", "浩瑞"), ("Tengfei", "腾飞"),
    ("Ruixiang", "瑞祥"), ("Yitong", "亿通"), ("Hongtai", "鸿泰"), ("Jiecheng", "捷成"),
    ("Weiye", "伟业"), ("Guanghua", "光华"), ("Lingyun", "凌云"), ("Zhongrui", "中锐"),
    ("Hengtai", "恒泰"), ("Qianyuan", "乾元"), ("Yunfan", "云帆"), ("Mingrui", "明睿"),
    ("Xuri", "旭日"), ("Ruiheng", "瑞恒"), ("Chengtai", "诚泰"), ("Huachuang", "华创"),
];

/// (English, Chinese, the industry chain the word belongs to). Several words
/// per chain, and supply-chain services that belong to none.
pub(super) const TRADES: &[(&str, &str, Option<&str>)] = &[
    ("Robotics", "机器人", Some("humanoid-robots")),
    ("Intelligent Robot", "智能机器人", Some("humanoid-robots")),
    ("Servo Motor", "伺服电机", Some("humanoid-robots")),
    ("Intelligent Equipment", "智能装备", Some("humanoid-robots")),
    ("Automotive Technology", "汽车科技", Some("smart-cars")),
    ("Auto Parts", "汽车零部件", Some("smart-cars")),
    ("Intelligent Driving", "智能驾驶", Some("smart-cars")),
    ("New Energy Vehicle", "新能源汽车", Some("smart-cars")),
    ("Semiconductor", "半导体", Some("integrated-circuits")),
    ("Microelectronics", "微电子", Some("integrated-circuits")),
    (
        "Integrated Circuit",
        "集成电路",
        Some("integrated-circuits"),
    ),
    ("Chip Technology", "芯片科技", Some("integrated-circuits")),
    ("Wind Power", "风电", Some("wind-power")),
    ("Wind Energy Equipment", "风能装备", Some("wind-power")),
    ("Photovoltaic Technology", "光伏科技", Some("photovoltaics")),
    ("Solar Energy", "太阳能", Some("photovoltaics")),
    ("Silicon Materials", "硅材料", Some("photovoltaics")),
    ("Coffee", "咖啡", Some("coffee")),
    ("Coffee Trading", "咖啡贸易", Some("coffee")),
    ("Cotton", "棉业", Some("cotton")),
    ("Textile", "纺织", Some("cotton")),
    ("Lithium Battery", "锂电池", Some("lithium-ion-batteries")),
    ("Energy Storage", "储能", Some("lithium-ion-batteries")),
    (
        "Battery Materials",
        "电池材料",
        Some("lithium-ion-batteries"),
    ),
    ("Grain and Oil", "粮油", Some("soybeans")),
    ("Agricultural Products", "农产品", Some("soybeans")),
    ("Soybean Processing", "大豆加工", Some("soybeans")),
    ("Medical Devices", "医疗器械", Some("medical-devices")),
    ("Medical Technology", "医疗科技", Some("medical-devices")),
    ("Diagnostic Equipment", "诊断设备", Some("medical-devices")),
    ("Computing Technology", "算力科技", Some("ai-servers")),
    ("Server", "服务器", Some("ai-servers")),
    ("Cloud Computing", "云计算", Some("ai-servers")),
    ("Data Center", "数据中心", Some("ai-servers")),
    ("Supply Chain Management", "供应链管理", None),
    ("Logistics", "物流", None),
    ("International Trade", "国际贸易", None),
    ("Import and Export", "进出口", None),
    ("Precision Machinery", "精密机械", None),
    ("New Materials", "新材料", None),
    ("Electronic Technology", "电子科技", None),
    ("Industrial", "实业", None),
];

/// (English, Chinese, weight): most firms are plain limited companies.
const FORMS: &[(&str, &str, u32)] = &[
    ("Co., Ltd.", "有限公司", 70),
    ("Group Co., Ltd.", "集团有限公司", 12),
    ("Holdings Co., Ltd.", "控股有限公司", 6),
    ("Joint Stock Co., Ltd.", "股份有限公司", 12),
];

/// Cities that prefix a firm's name: manufacturing centres, and places
/// known for one chain (Kunming coffee, Urumqi cotton, Ordos wind and solar).
#[rustfmt::skip]
pub(super) const CITIES: &[(&str, &str)] = &[
    ("Beijing", "北京"), ("Shanghai", "上海"), ("Tianjin", "天津"), ("Chongqing", "重庆"),
    ("Shenzhen", "深圳"), ("Guangzhou", "广州"), ("Dongguan", "东莞"), ("Foshan", "佛山"),
    ("Suzhou", "苏州"), ("Wuxi", "无锡"), ("Changzhou", "常州"), ("Nanjing", "南京"),
    ("Hangzhou", "杭州"), ("Ningbo", "宁波"), ("Hefei", "合肥"), ("Wuhan", "武汉"),
    ("Changsha", "长沙"), ("Chengdu", "成都"), ("Xi'an", "西安"), ("Zhengzhou", "郑州"),
    ("Qingdao", "青岛"), ("Jinan", "济南"), ("Xiamen", "厦门"), ("Kunming", "昆明"),
    ("Harbin", "哈尔滨"), ("Urumqi", "乌鲁木齐"), ("Fuzhou", "福州"), ("Nanchang", "南昌"),
    ("Shenyang", "沈阳"), ("Dalian", "大连"), ("Changchun", "长春"), ("Taiyuan", "太原"),
    ("Shijiazhuang", "石家庄"), ("Nanning", "南宁"), ("Guiyang", "贵阳"), ("Lanzhou", "兰州"),
    ("Yantai", "烟台"), ("Weifang", "潍坊"), ("Jiaxing", "嘉兴"), ("Shaoxing", "绍兴"),
    ("Wenzhou", "温州"), ("Quanzhou", "泉州"), ("Zhuhai", "珠海"), ("Huizhou", "惠州"),
    ("Yichang", "宜昌"), ("Ordos", "鄂尔多斯"), ("Baotou", "包头"),
];

/// Share (in %) of firms whose registered name starts with their city, as
/// Chinese registration rules make usual.
const CITY_PREFIX_PERCENT: u32 = 85;

/// Digits of a company name: brand (varies fastest, so a taken name moves
/// to the next brand), trade, city (0 = none), legal form.
pub(super) fn company_digits() -> Digits {
    Digits::new(&[BRANDS.len(), TRADES.len(), CITIES.len() + 1, FORMS.len()])
}

/// Weights of each digit when a name is first drawn.
pub(super) fn company_weights(digit: usize, value: usize) -> u32 {
    match digit {
        // Weighted so that CITY_PREFIX_PERCENT of names carry some city.
        2 if value == 0 => (100 - CITY_PREFIX_PERCENT) * CITIES.len() as u32,
        2 => CITY_PREFIX_PERCENT,
        3 => FORMS[value].2,
        _ => 1,
    }
}

pub(super) fn company(parts: &[usize]) -> OrgName {
    let (brand, brand_zh) = BRANDS[parts[0]];
    let (trade, trade_zh, industry) = TRADES[parts[1]];
    let (form, form_zh, _) = FORMS[parts[3]];
    let (city, city_zh) = match parts[2] {
        0 => (String::new(), ""),
        n => (format!("{} ", CITIES[n - 1].0), CITIES[n - 1].1),
    };
    OrgName {
        name: format!("{city}{brand} {trade} {form}"),
        name_zh: Some(format!("{city_zh}{brand_zh}{trade_zh}{form_zh}")),
        industry,
    }
}

/// Fields of research institutes, associations and colleges.
pub(super) const FIELDS: &[(&str, &str, Option<&str>)] = &[
    ("Intelligent Manufacturing", "智能制造", None),
    ("Robotics", "机器人", Some("humanoid-robots")),
    ("New Energy Vehicle", "新能源汽车", Some("smart-cars")),
    (
        "Integrated Circuit",
        "集成电路",
        Some("integrated-circuits"),
    ),
    ("Wind Energy", "风能", Some("wind-power")),
    ("Photovoltaic", "光伏", Some("photovoltaics")),
    ("Energy Storage", "储能", Some("lithium-ion-batteries")),
    ("Supply Chain", "供应链", None),
    ("Digital Economy", "数字经济", None),
    ("Modern Agriculture", "现代农业", Some("soybeans")),
    (
        "Biomedical Engineering",
        "生物医学工程",
        Some("medical-devices"),
    ),
    ("Artificial Intelligence", "人工智能", Some("ai-servers")),
    ("Industrial Internet", "工业互联网", None),
    ("Advanced Materials", "先进材料", None),
    ("Green Logistics", "绿色物流", None),
    ("Textile Technology", "纺织技术", Some("cotton")),
];

/// (English pattern, Chinese pattern); `{c}` is the city, `{f}` the field.
const INSTITUTIONS: &[(&str, &str)] = &[
    ("{c} {f} Research Institute", "{c}{f}研究院"),
    ("{c} {f} Industry Association", "{c}{f}产业协会"),
    ("{c} {f} Innovation Center", "{c}{f}创新中心"),
    ("{c} {f} Engineering Laboratory", "{c}{f}工程实验室"),
    ("{c} Polytechnic Institute of {f}", "{c}{f}职业技术学院"),
];

/// Digits of an institution name: field, city, pattern.
pub(super) fn institution_digits() -> Digits {
    Digits::new(&[FIELDS.len(), CITIES.len(), INSTITUTIONS.len()])
}

pub(super) fn institution(parts: &[usize]) -> OrgName {
    let (field, field_zh, industry) = FIELDS[parts[0]];
    let (city, city_zh) = CITIES[parts[1]];
    let (pattern, pattern_zh) = INSTITUTIONS[parts[2]];
    OrgName {
        name: pattern.replace("{c}", city).replace("{f}", field),
        name_zh: Some(pattern_zh.replace("{c}", city_zh).replace("{f}", field_zh)),
        industry,
    }
}
