//! The words of the pages in English and Chinese.
//!
//! Templates and page code write the English text and ask for it through
//! [`Words::t`] (or [`Words::f1`] / [`Words::f2`] when it holds `{0}`,
//! `{1}`); in Chinese the text is looked up in [`ZH`]. A test reads every
//! template and page source and fails on English text without its Chinese,
//! so a new page cannot go out half translated.
//!
//! The language of a page is, in order: the `lang` query parameter, the
//! signed-in account's saved language, the `lang` cookie (set by the switch
//! in the header for visitors who have no account), the browser's
//! `Accept-Language`, English.

use std::collections::HashMap;
use std::sync::OnceLock;

use axum::http::{HeaderMap, header};
use chainfair_core::CountryCode;
pub(crate) use chainfair_report::Lang;

use crate::auth::{Caller, cookie};

/// The cookie that keeps the language of a visitor without an account.
pub(crate) const LANG_COOKIE: &str = "lang";

/// The language a request's pages are shown in (see the module docs).
pub(crate) fn page_lang(caller: &Caller, query: Option<&str>, headers: &HeaderMap) -> Lang {
    let asked = query.and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(key, _)| key == "lang")
            .and_then(|(_, value)| Lang::parse(&value))
    });
    asked
        .or_else(|| caller.account().and_then(|a| Lang::parse(&a.lang)))
        .or_else(|| cookie(headers, LANG_COOKIE).and_then(Lang::parse))
        .or_else(|| accept_language(headers))
        .unwrap_or_default()
}

/// The first language of `Accept-Language` that the pages have.
fn accept_language(headers: &HeaderMap) -> Option<Lang> {
    headers
        .get(header::ACCEPT_LANGUAGE)?
        .to_str()
        .ok()?
        .split(',')
        .map(|part| {
            part.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .find_map(|tag| match tag.split('-').next() {
            Some("en") => Some(Lang::En),
            Some("zh") => Some(Lang::Zh),
            _ => None,
        })
}

/// The words of one language.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Words(pub(crate) Lang);

impl Words {
    /// `en` in this language.
    pub(crate) fn t(&self, en: &'static str) -> &'static str {
        match self.0 {
            Lang::En => en,
            Lang::Zh => chinese().get(en).copied().unwrap_or(en),
        }
    }

    /// `en` in this language with `{0}` replaced by `a`.
    pub(crate) fn f1(&self, en: &'static str, a: impl std::fmt::Display) -> String {
        self.t(en).replace("{0}", &a.to_string())
    }

    /// `en` in this language with `{0}` and `{1}` replaced by `a` and `b`.
    pub(crate) fn f2(
        &self,
        en: &'static str,
        a: impl std::fmt::Display,
        b: impl std::fmt::Display,
    ) -> String {
        self.f1(en, a).replace("{1}", &b.to_string())
    }

    /// A country's short name in this language.
    pub(crate) fn country(&self, country: &CountryCode) -> &'static str {
        let info = country.info();
        match self.0 {
            Lang::Zh if !info.name_zh.is_empty() => info.name_zh,
            _ => info.name,
        }
    }

    /// `en` or `zh`, whichever this language is (for names the data holds
    /// in both).
    pub(crate) fn pick<'a>(&self, en: &'a str, zh: Option<&'a str>) -> &'a str {
        match (self.0, zh) {
            (Lang::Zh, Some(zh)) if !zh.is_empty() => zh,
            _ => en,
        }
    }

    /// `en` or `zh`, the short code pages and links use.
    pub(crate) fn code(&self) -> &'static str {
        match self.0 {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
}

fn chinese() -> &'static HashMap<&'static str, &'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| ZH.iter().copied().collect())
}

/// English → Chinese, for every text the pages show.
pub(crate) const ZH: &[(&str, &str)] = &[
    // The header and shared words.
    ("Supply chain maps", "供应链图谱"),
    ("Sign in", "登录"),
    ("Sign out", "退出"),
    ("Dashboard", "概览"),
    ("organiser", "主办方"),
    ("exhibitor", "参展商"),
    ("visitor", "观众"),
    ("Find", "查找"),
    ("any", "全部"),
    ("Previous", "上一页"),
    ("Next", "下一页"),
    ("{0} to {1}", "{0} 至 {1}"),
    ("Something went wrong", "出错了"),
    ("Error {0}.", "错误 {0}。"),
    ("Home", "首页"),
    // Home.
    ("Editions", "展会届次"),
    ("Edition", "届次"),
    ("Host", "主办国"),
    ("Dates", "日期"),
    (
        "No edition yet. Import one with chainfair import editions FILE or start with chainfair serve --demo.",
        "尚无届次。可用 chainfair import editions FILE 导入，或运行 chainfair serve --demo。",
    ),
    // The edition dashboard.
    ("Floor plan", "展位图"),
    ("Register to visit", "观众注册"),
    ("Closing report", "闭幕报告"),
    ("Check-in", "入场签到"),
    ("Exhibitors", "参展商名录"),
    ("Agreements", "签约"),
    ("Organiser", "主办方工作台"),
    (
        "exhibiting organisations, from {0} countries",
        "家参展机构，来自 {0} 个国家和地区",
    ),
    (
        "exhibitors including co-exhibitors",
        "家参展商（含联合参展商）",
    ),
    (
        "from overseas ({0} organisations)",
        "来自境外（{0} 家机构）",
    ),
    (
        "agreements ({0} cooperation, {1} intention)",
        "项签约（合作协议 {0} 项，意向协议 {1} 项）",
    ),
    ("worth {0} yuan", "金额 {0}元"),
    ("total unavailable: {0}", "总额无法计算：{0}"),
    ("suppliers connected to exhibitors", "家供应商与参展商对接"),
    ("key clients engaged", "家重点客户参与"),
    (
        "audience ({0} on site, {1} online)",
        "名观众（线下 {0}，线上 {1}）",
    ),
    (
        "organisations signed up for the next edition",
        "家机构报名下一届",
    ),
    ("{0} on the previous edition", "较上届 {0}"),
    ("Overseas exhibitors by region", "境外参展商地区分布"),
    ("Region", "地区"),
    ("Organisations", "机构数"),
    ("Europe", "欧洲"),
    ("Americas", "美洲"),
    ("Asia", "亚洲"),
    ("Africa", "非洲"),
    ("Oceania", "大洋洲"),
    ("Agreements by industry", "各产业链签约"),
    ("Audience by day", "每日观众"),
    ("on site", "线下"),
    ("online", "线上"),
    ("Agreement totals", "签约总额"),
    (
        "Your organisation has signed up for the next edition.",
        "贵机构已报名下一届。",
    ),
    ("Sign up for the next edition", "报名下一届"),
    ("Documents", "文件"),
    ("{0} bytes", "{0} 字节"),
    ("These figures as JSON", "以上数据（JSON）"),
    ("Participant directory (JSON)", "参展名录（JSON）"),
    // The directory.
    ("Who takes part", "参展机构"),
    ("Search", "搜索"),
    ("name or id", "名称或编号"),
    ("Role", "角色"),
    ("Country", "国家或地区"),
    ("Exhibitor", "参展商"),
    ("Co-exhibitor", "联合参展商"),
    ("Supplier", "供应商"),
    ("Buyer", "采购商"),
    ("supplier", "供应商"),
    ("buyer", "采购商"),
    ("{0} found", "共 {0} 家"),
    ("page {0} of {1}", "第 {0} 页，共 {1} 页"),
    ("Organisation", "机构"),
    ("key client", "重点客户"),
    ("Segment", "环节"),
    ("Stage", "阶段"),
    ("upstream", "上游"),
    ("midstream", "中游"),
    ("downstream", "下游"),
    // An organisation.
    ("booth", "展位"),
    ("Works in", "所在环节"),
    ("Offers (HS)", "供应（HS 编码）"),
    ("Buys from", "采购环节"),
    ("Seeks (HS)", "需求（HS 编码）"),
    ("My recommendations", "为我推荐"),
    ("My meetings", "我的洽谈"),
    ("My agenda", "我的日程"),
    ("Ask for a meeting", "预约洽谈"),
    ("Message", "留言"),
    ("What you would like to discuss", "希望洽谈的内容"),
    ("Request a meeting as {0}", "以 {0} 的名义预约洽谈"),
    // Meetings and agenda.
    ("Printable agenda", "可打印日程"),
    ("Calendar subscription:", "日历订阅："),
    ("(add it to your calendar app)", "（添加到您的日历应用）"),
    ("No meeting yet: find partners in", "尚无洽谈：可在"),
    ("your recommendations", "为您推荐的伙伴"),
    ("or", "或"),
    ("the directory", "参展名录"),
    ("With", "对方"),
    ("Status", "状态"),
    ("When", "时间"),
    ("asks you", "向您发起"),
    ("Accept", "接受"),
    ("Decline", "婉拒"),
    ("Cancel", "取消"),
    ("requested", "待回复"),
    ("accepted", "已接受"),
    ("declined", "已婉拒"),
    ("cancelled", "已取消"),
    ("scheduled", "已排定"),
    ("held", "已举行"),
    ("co-exhibitor", "联合参展商"),
    ("{0}, table {1}", "{0}，洽谈桌 {1}"),
    ("not scheduled yet", "尚未排定"),
    ("Partners for you", "为您推荐的伙伴"),
    (
        "No recommendation yet: fill in your profile's offers and needs.",
        "暂无推荐：请先填写贵机构的供应与需求。",
    ),
    ("score {0}", "匹配度 {0}"),
    ("Agenda of {0}", "{0} 的日程"),
    (
        "{0}: meetings, times in {1}.",
        "{0}：洽谈日程，时间为 {1}。",
    ),
    ("No meeting is scheduled yet.", "尚未排定洽谈。"),
    ("Day", "日期"),
    ("Time", "时间"),
    ("Table", "洽谈桌"),
    ("Note", "备注"),
    (
        "{0} accepted meeting(s) not yet scheduled.",
        "{0} 场已接受的洽谈尚未排定。",
    ),
    // The floor plan.
    ("Find an exhibitor", "查找参展商"),
    (", highlighted below.", "，已在下图标出。"),
    (
        "No exhibitor with a booth matches “{0}”.",
        "没有与“{0}”匹配且有展位的参展商。",
    ),
    (
        "Each zone's arrow runs from upstream to downstream along its aisle. Print this page for a paper plan.",
        "每个展区的箭头沿通道从上游指向下游。打印本页即可得到纸质展位图。",
    ),
    ("No floor plan yet.", "尚无展位图。"),
    // Signing in and registering.
    ("E-mail", "电子邮箱"),
    ("Password", "密码"),
    ("Register for {0}", "注册参观 {0}"),
    (
        "Thank you, {0}. Show this badge at the entrance.",
        "谢谢，{0}。请在入口出示此胸卡。",
    ),
    (
        "Thank you, {0}. Use this badge to follow the streamed sessions.",
        "谢谢，{0}。请用此胸卡观看直播活动。",
    ),
    ("Your badge with its QR code", "带二维码的胸卡"),
    ("Download the QR code (PNG)", "下载二维码（PNG）"),
    ("Download the badge (SVG)", "下载胸卡（SVG）"),
    ("Name", "姓名"),
    ("Organisation id (optional)", "机构编号（选填）"),
    ("I will attend", "参加方式"),
    ("Register", "注册"),
    (
        "Your badge carries a signed code and nothing about you.",
        "胸卡只含一段签名代码，不含您的个人信息。",
    ),
    // Badges.
    ("My badges", "我的胸卡"),
    ("offline", "线下"),
    (
        "No badge yet: register for an edition.",
        "尚无胸卡：请先注册参观。",
    ),
    ("Register for an edition", "注册参观"),
    ("Badge of {0}", "{0} 的胸卡"),
    // Check-in.
    ("Welcome, {0} ({1}).", "欢迎，{0}（{1}）。"),
    (
        "{0} was already checked in on {1}: counted once.",
        "{0} 已于 {1} 签到：只计一次。",
    ),
    ("Badge code", "胸卡代码"),
    ("Check in", "签到"),
    ("Use the camera", "使用摄像头"),
    (
        "This browser cannot read QR codes: use a scanner or type the code.",
        "此浏览器无法识别二维码：请使用扫码枪或手动输入代码。",
    ),
    // Agreements.
    ("{0} agreements you may see", "您可查看的签约共 {0} 项"),
    ("Agreement", "签约编号"),
    ("Kind", "类型"),
    ("Parties", "签约方"),
    ("Amount", "金额"),
    ("Date", "日期"),
    ("Industry", "产业链"),
    ("Published", "已公开"),
    ("yes", "是"),
    ("no", "否"),
    ("cooperation", "合作协议"),
    ("intention", "意向协议"),
    ("signed", "已签署"),
    ("sign", "签署"),
    ("cancel", "取消"),
    ("publish", "公开"),
    ("unpublish", "撤回公开"),
    ("Record an agreement", "登记签约"),
    ("First party (organisation id)", "第一方（机构编号）"),
    ("Partner (organisation id)", "合作方（机构编号）"),
    ("Amount (optional)", "金额（选填）"),
    ("Currency", "币种"),
    (
        "Publish it (the figures and the public list show it)",
        "公开（计入统计并在公开列表中显示）",
    ),
    ("Record", "登记"),
    // The organiser's page.
    ("Imported {0} rows of {1}.", "已导入 {1} 共 {0} 行。"),
    (
        "{0}: nothing was imported; errors found: {1}.",
        "{0}：未导入任何数据；发现 {1} 处错误。",
    ),
    ("Line", "行"),
    ("Column", "列"),
    ("Problem", "问题"),
    ("… and {0} more.", "……另有 {0} 处。"),
    (
        "Invitation code for {0}, shown only now:",
        "{0} 的邀请码（仅显示这一次）：",
    ),
    (
        "{0} of {1} accepted meetings placed.",
        "已接受的 {1} 场洽谈中排定 {0} 场。",
    ),
    ("{0} slots, {1} tables.", "{0} 个时段，{1} 张洽谈桌。"),
    ("{0} idle gaps (spread {1}).", "空档 {0} 个（差距 {1}）。"),
    (
        "{0} meetings would change (dry run, nothing stored).",
        "将有 {0} 场洽谈变动（试运行，未保存）。",
    ),
    ("{0} meetings changed.", "{0} 场洽谈已变动。"),
    ("{0} exhibitors placed.", "已安排 {0} 家参展商。"),
    (
        "{0} bookings stored (fixed ones kept).",
        "已保存 {0} 个展位（固定展位保持不变）。",
    ),
    ("A preview: nothing stored.", "预览：未保存。"),
    ("{0} rules not met:", "{0} 条规则未满足："),
    ("Import a CSV file", "导入 CSV 文件"),
    (
        "The formats are in docs/formats.md. A file with a single error is not imported at all; every error is listed with its line and column.",
        "文件格式见 docs/formats.md。文件只要有一处错误就不会导入；每处错误都列出所在的行和列。",
    ),
    ("File", "文件"),
    ("Import", "导入"),
    ("Invitation codes", "邀请码"),
    ("Issue a code", "生成邀请码"),
    ("Issued", "生成时间"),
    ("Used", "使用时间"),
    ("Schedule the meetings", "排定洽谈"),
    ("Tables", "洽谈桌数"),
    ("Minutes a slot", "每个时段（分钟）"),
    ("First slot", "首个时段开始"),
    ("Last slot ends", "末个时段结束"),
    ("Break (optional)", "休息时间（选填）"),
    ("Largest gap spread (optional)", "空档差距上限（选填）"),
    ("Seconds of search", "搜索时间（秒）"),
    (
        "Let scheduled meetings move (locked ones stay)",
        "允许已排定的洽谈调整（锁定的不变）",
    ),
    ("Dry run: show, store nothing", "试运行：只显示，不保存"),
    ("Schedule", "排定"),
    ("Lay out the booths", "布置展位"),
    (
        "{0} space requests, {1} booths booked.",
        "{0} 份展位申请，已预订 {1} 个展位。",
    ),
    ("Seed", "随机种子"),
    ("Store the layout as the bookings", "将布局保存为展位预订"),
    ("Lay out", "布置"),
    // Chain maps.
    ("Global supply chain maps", "全球供应链图谱"),
    (
        "For each industry: its segments from upstream to downstream, the economies and enterprises that dominate each one, and the chokepoints. Every figure carries its source and year.",
        "每条产业链从上游到下游的各个环节、各环节的主导经济体和企业，以及瓶颈环节。每个数据都注明来源和年份。",
    ),
    ("{0} segments", "{0} 个环节"),
    ("All chains", "全部产业链"),
    ("World map of a segment's shares", "各环节世界地图"),
    ("chain map", "产业链图"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// Every English text a template or a page asks for, with where.
    fn asked_for() -> Vec<(String, String)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in ["templates", "src", "src/routes"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                if path.is_file() {
                    files.push(path);
                }
            }
        }
        let mut found = Vec::new();
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            for call in [".t(\"", ".f1(\"", ".f2(\""] {
                for (at, _) in text.match_indices(call) {
                    let rest = &text[at + call.len()..];
                    let end = rest.find('"').unwrap();
                    found.push((rest[..end].to_owned(), path.display().to_string()));
                }
            }
        }
        found
    }

    #[test]
    fn every_text_the_pages_show_has_its_chinese() {
        let asked = asked_for();
        assert!(
            asked.len() > 50,
            "the scan found only {} texts",
            asked.len()
        );
        let missing: Vec<_> = asked
            .iter()
            .filter(|(en, _)| !chinese().contains_key(en.as_str()))
            .collect();
        assert!(missing.is_empty(), "no Chinese for {missing:#?}");
    }

    #[test]
    fn the_catalogue_names_each_text_once() {
        assert_eq!(chinese().len(), ZH.len(), "a text appears twice in ZH");
    }

    #[test]
    fn placeholders_survive_translation() {
        for (en, zh) in ZH {
            for p in ["{0}", "{1}"] {
                assert_eq!(en.contains(p), zh.contains(p), "{en:?} / {zh:?}");
            }
        }
    }

    #[test]
    fn the_query_beats_the_account_which_beats_the_cookie_and_the_browser() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_LANGUAGE,
            "zh-CN,zh;q=0.9,en;q=0.8".parse().unwrap(),
        );
        let anonymous = Caller::Anonymous;
        assert_eq!(page_lang(&anonymous, None, &headers), Lang::Zh);
        headers.insert(header::COOKIE, "lang=en".parse().unwrap());
        assert_eq!(page_lang(&anonymous, None, &headers), Lang::En);
        assert_eq!(
            page_lang(&anonymous, Some("q=x&lang=zh"), &headers),
            Lang::Zh
        );
        assert_eq!(
            page_lang(&anonymous, Some("lang=klingon"), &HeaderMap::new()),
            Lang::En
        );
        let words = Words(Lang::Zh);
        assert_eq!(words.f2("{0} to {1}", "a", "b"), "a 至 b");
        assert_eq!(Words(Lang::En).t("Sign in"), "Sign in");
        assert_eq!(words.t("Sign in"), "登录");
    }
}
