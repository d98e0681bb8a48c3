//! Why a partner is recommended, as data and in words.
use crate::{Links, Participant};
use chainfair_core::{HsCode, SegmentRef};
use serde::Serialize;
use std::collections::HashMap;

/// One reason for a recommendation.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    MustMeet,
    /// The partner makes an input of your segment.
    SuppliesInput {
        input: String,
        yours: String,
        hs: Option<String>,
    },
    /// The partner offers what you seek.
    Offers {
        what: String,
        hs: Option<String>,
    },
    /// The partner seeks what you offer.
    Buys {
        what: String,
        hs: Option<String>,
    },
    /// The partner's segment uses yours.
    Customer {
        theirs: String,
        yours: String,
    },
    /// The partner's country, and the region you target it by (None when
    /// you target the country itself).
    Market {
        country: String,
        region: Option<String>,
    },
    Language {
        languages: Vec<String>,
    },
    Diversifies {
        economy: String,
        share: f64,
        segment: String,
    },
}

fn overlap(offered: &[HsCode], sought: &[HsCode]) -> Option<String> {
    offered.iter().find_map(|o| {
        sought
            .iter()
            .find(|s| o.is_within(s) || s.is_within(o))
            .map(|s| {
                if o.as_str().len() >= s.as_str().len() {
                    o
                } else {
                    s
                }
                .to_string()
            })
    })
}

fn name(links: &HashMap<SegmentRef, Links>, segment: &SegmentRef) -> String {
    links
        .get(segment)
        .map(|l| l.name.clone())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| segment.segment.to_string())
}

/// What `b` and `a` can trade, seen from `a`: at most two reasons.
pub(crate) fn trade(
    a: &Participant,
    b: &Participant,
    links: &HashMap<SegmentRef, Links>,
) -> Vec<Reason> {
    let mut reasons = Vec::new();
    let (pa, pb) = (&a.profile, &b.profile);
    let b_to_a = overlap(&pb.offers_hs, &pa.seeks_hs);
    let a_to_b = overlap(&pa.offers_hs, &pb.seeks_hs);
    // b supplies a.
    'supply: for theirs in &pb.offers_segments {
        for yours in &pa.offers_segments {
            if links.get(yours).is_some_and(|l| l.inputs.contains(theirs)) {
                reasons.push(Reason::SuppliesInput {
                    input: name(links, theirs),
                    yours: name(links, yours),
                    hs: b_to_a.clone(),
                });
                break 'supply;
            }
        }
        if pa.seeks_segments.contains(theirs) {
            reasons.push(Reason::Offers {
                what: name(links, theirs),
                hs: b_to_a.clone(),
            });
            break;
        }
    }
    if reasons.is_empty()
        && let Some(code) = &b_to_a
    {
        reasons.push(Reason::Offers {
            what: format!("HS {code}"),
            hs: None,
        });
    }
    // a supplies b.
    let before = reasons.len();
    'customer: for yours in &pa.offers_segments {
        for theirs in &pb.offers_segments {
            if links.get(theirs).is_some_and(|l| l.inputs.contains(yours)) {
                reasons.push(Reason::Customer {
                    theirs: name(links, theirs),
                    yours: name(links, yours),
                });
                break 'customer;
            }
        }
        if pb.seeks_segments.contains(yours) {
            reasons.push(Reason::Buys {
                what: name(links, yours),
                hs: a_to_b.clone(),
            });
            break;
        }
    }
    if reasons.len() == before
        && let Some(code) = &a_to_b
    {
        reasons.push(Reason::Buys {
            what: format!("HS {code}"),
            hs: None,
        });
    }
    reasons
}

fn hs_note(hs: &Option<String>) -> String {
    hs.as_ref()
        .map_or_else(String::new, |c| format!(" (HS {c})"))
}

impl Reason {
    pub fn text(&self) -> String {
        match self {
            Reason::MustMeet => "you marked them must-meet".to_owned(),
            Reason::SuppliesInput { input, yours, hs } => format!(
                "supplies {}{} that your {} segment uses",
                lower(input),
                hs_note(hs),
                lower(yours)
            ),
            Reason::Offers { what, hs } => {
                format!("offers {}{} that you seek", lower(what), hs_note(hs))
            }
            Reason::Buys { what, hs } => {
                format!("seeks {}{} that you offer", lower(what), hs_note(hs))
            }
            Reason::Customer { theirs, yours } => {
                format!("its {} segment uses your {}", lower(theirs), lower(yours))
            }
            Reason::Market {
                country,
                region: None,
            } => format!("from {country}, a market you target"),
            Reason::Market {
                country,
                region: Some(region),
            } => format!("from {country}, in a region you target ({region})"),
            Reason::Language { languages } => {
                format!("shares a language with you ({})", languages.join(", "))
            }
            Reason::Diversifies {
                economy,
                share,
                segment,
            } => format!(
                "lowers your dependence on {economy}, which holds {share:.1} % of {}",
                lower(segment)
            ),
        }
    }
}

impl Reason {
    /// The reason in Chinese; `zh` gives segments' Chinese names by their
    /// English ones (a name without one stays English).
    pub fn text_zh(&self, zh: &HashMap<String, String>) -> String {
        let name = |en: &str| zh.get(en).cloned().unwrap_or_else(|| en.to_owned());
        let hs = |hs: &Option<String>| {
            hs.as_ref()
                .map_or_else(String::new, |c| format!("（HS {c}）"))
        };
        match self {
            Reason::MustMeet => "您将其标为必见".to_owned(),
            Reason::SuppliesInput {
                input,
                yours,
                hs: code,
            } => format!(
                "供应您的{}环节所用的{}{}",
                name(yours),
                name(input),
                hs(code)
            ),
            Reason::Offers { what, hs: code } => format!("提供您所需的{}{}", name(what), hs(code)),
            Reason::Buys { what, hs: code } => format!("需要您提供的{}{}", name(what), hs(code)),
            Reason::Customer { theirs, yours } => {
                format!("其{}环节使用您的{}", name(theirs), name(yours))
            }
            Reason::Market {
                country,
                region: None,
            } => format!("来自{}，是您的目标市场", country_zh(country)),
            Reason::Market {
                country,
                region: Some(region),
            } => format!(
                "来自{}，属于您的目标地区（{}）",
                country_zh(country),
                region_zh(region)
            ),
            Reason::Language { languages } => {
                format!("与您有共同语言（{}）", languages.join("、"))
            }
            Reason::Diversifies {
                economy,
                share,
                segment,
            } => format!(
                "降低您对{}的依赖（其占{}的{share:.1}%）",
                country_zh(economy),
                name(segment)
            ),
        }
    }
}

/// A country's Chinese short name by its English one.
fn country_zh(en: &str) -> String {
    static BY_NAME: std::sync::OnceLock<HashMap<&'static str, &'static str>> =
        std::sync::OnceLock::new();
    let names = BY_NAME.get_or_init(|| {
        chainfair_core::CountryCode::all()
            .map(|c| (c.info().name, c.info().name_zh))
            .filter(|(_, zh)| !zh.is_empty())
            .collect()
    });
    names
        .get(en)
        .map_or_else(|| en.to_owned(), |zh| (*zh).to_owned())
}

fn region_zh(en: &str) -> &str {
    match en {
        "Europe" => "欧洲",
        "Americas" => "美洲",
        "Asia" => "亚洲",
        "Africa" => "非洲",
        "Oceania" => "大洋洲",
        other => other,
    }
}

/// The reasons as one sentence in Chinese.
pub(crate) fn sentence_zh(reasons: &[Reason], zh: &HashMap<String, String>) -> String {
    if reasons.is_empty() {
        return "处于产业链相关环节的参展方".to_owned();
    }
    reasons
        .iter()
        .map(|r| r.text_zh(zh))
        .collect::<Vec<_>>()
        .join("；")
}

/// A name inside a sentence: its first letter lowercased unless the word is
/// an acronym (`Polysilicon` -> `polysilicon`, `PV modules` stays).
fn lower(what: &str) -> String {
    let mut chars = what.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            first.to_lowercase().chain(what.chars().skip(1)).collect()
        }
        _ => what.to_owned(),
    }
}

/// The reasons as one sentence, starting with a capital.
pub(crate) fn sentence(reasons: &[Reason]) -> String {
    let text = reasons
        .iter()
        .map(Reason::text)
        .collect::<Vec<_>>()
        .join("; ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "A participant in a related part of the chain".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_read_in_chinese_with_the_chains_names() {
        let zh = HashMap::from([
            ("Lithium carbonate".to_owned(), "碳酸锂".to_owned()),
            ("Battery cells".to_owned(), "电芯".to_owned()),
        ]);
        let reasons = vec![
            Reason::SuppliesInput {
                input: "Lithium carbonate".into(),
                yours: "Battery cells".into(),
                hs: Some("2836".into()),
            },
            Reason::Market {
                country: "Chile".into(),
                region: Some("Americas".into()),
            },
            Reason::Diversifies {
                economy: "China".into(),
                share: 62.04,
                segment: "Lithium carbonate".into(),
            },
            Reason::Offers {
                what: "Unnamed thing".into(),
                hs: None,
            },
        ];
        assert_eq!(
            sentence_zh(&reasons, &zh),
            "供应您的电芯环节所用的碳酸锂（HS 2836）；来自智利，属于您的目标地区（美洲）；\
             降低您对中国的依赖（其占碳酸锂的62.0%）；提供您所需的Unnamed thing"
        );
        assert_eq!(sentence_zh(&[], &zh), "处于产业链相关环节的参展方");
    }
}
