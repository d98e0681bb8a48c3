//! The exhibitors' pages: the directory with its filters, an organisation's
//! page (with a meeting request form), my recommendations, and my meetings
//! (an inbox to accept, decline and cancel). Forms post to this module's
//! handlers, which share the API's rules and redirect back.
use super::find_edition;
use super::pages::Nav;
use crate::auth::Caller;
use crate::i18n::Lang;
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::response::{Html, Redirect};
use chainfair_core::{Edition, Meeting, MeetingStatus, Organization, OrganizationId, Profile};
use chainfair_store::{OrganizationEntry, Page, read_all};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "directory.html")]
struct DirectoryPage {
    nav: Nav,
    edition: Edition,
    industries: Vec<IndustryChoice>,
    params: DirectoryForm,
    page: Page<OrganizationEntry>,
    pages: u64,
    previous: Option<String>,
    next: Option<String>,
}

/// An industry of the chain filters, in the page's language.
struct IndustryChoice {
    id: String,
    name: String,
    /// Its segments as (`industry/segment`, name).
    segments: Vec<(String, String)>,
}

/// The filters as typed, to fill the form again.
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct DirectoryForm {
    #[serde(default)]
    q: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    industry: String,
    #[serde(default)]
    segment: String,
    #[serde(default)]
    stage: String,
    #[serde(default)]
    page: String,
}

impl DirectoryForm {
    /// The query string of another page of the same search.
    fn link(&self, page: u64) -> String {
        let pairs = [
            ("q", self.q.as_str()),
            ("role", self.role.as_str()),
            ("region", self.region.as_str()),
            ("country", self.country.as_str()),
            ("industry", self.industry.as_str()),
            ("segment", self.segment.as_str()),
            ("stage", self.stage.as_str()),
        ];
        let mut query: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs.iter().filter(|(_, v)| !v.is_empty()))
            .finish();
        if !query.is_empty() {
            query.push('&');
        }
        format!("?{query}page={page}")
    }
}

pub(crate) async fn directory(
    State(state): State<AppState>,
    nav: Nav,
    Path(edition): Path<String>,
    Query(params): Query<DirectoryForm>,
) -> Result<Html<String>, AppError> {
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let query = super::api::DirectoryParams {
        role: Some(params.role.clone()),
        country: Some(params.country.clone()),
        region: Some(params.region.clone()),
        q: Some(params.q.clone()),
        industry: Some(params.industry.clone()),
        segment: Some(params.segment.clone()),
        stage: Some(params.stage.clone()),
        page: Some(params.page.clone()),
        per_page: Some("25".to_owned()),
    }
    .into_query(&edition, &state.chains)?;
    let industries = state
        .chains
        .iter()
        .map(|t| {
            let segments = t
                .segments
                .iter()
                .map(|s| {
                    let name = nav.words.pick(&s.segment.name, Some(&s.segment.name_zh));
                    (
                        format!("{}/{}", t.industry.id, s.segment.id),
                        name.to_owned(),
                    )
                })
                .collect();
            let name = nav.words.pick(&t.industry.name, Some(&t.industry.name_zh));
            IndustryChoice {
                id: t.industry.id.to_string(),
                name: name.to_owned(),
                segments,
            }
        })
        .collect();
    let page = state.store.organizations(&query).await?;
    let pages = page.total.div_ceil(u64::from(page.per_page)).max(1);
    let at = u64::from(page.page);
    let view = DirectoryPage {
        nav,
        edition,
        industries,
        previous: (at > 1).then(|| params.link(at - 1)),
        next: (at < pages).then(|| params.link(at + 1)),
        params,
        page,
        pages,
    };
    Ok(Html(view.render()?))
}

#[derive(Template)]
#[template(path = "organization.html")]
struct OrganizationPage {
    nav: Nav,
    edition: Edition,
    organization: Organization,
    roles: Vec<chainfair_core::Role>,
    profile: Option<Profile>,
    booth: Option<String>,
    /// The caller's organisation, when it may ask this one for a meeting.
    ask_from: Option<OrganizationId>,
    own: bool,
}

pub(crate) async fn organization(
    State(state): State<AppState>,
    caller: Caller,
    nav: Nav,
    Path((edition, org)): Path<(String, String)>,
) -> Result<Html<String>, AppError> {
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let not_found = || AppError::NotFound(format!("no organisation {org:?} in {}", edition.id()));
    let id = OrganizationId::parse("org", &org).map_err(|_| not_found())?;
    let roles: Vec<chainfair_core::Role> =
        read_all::<chainfair_core::Participation>(state.store.as_ref(), Some(edition.id()))
            .await?
            .iter()
            .filter(|p| p.organization() == &id)
            .map(|p| p.role())
            .collect();
    if roles.is_empty() {
        return Err(not_found());
    }
    let organization = read_all::<Organization>(state.store.as_ref(), None)
        .await?
        .into_iter()
        .find(|o| o.id() == &id)
        .ok_or_else(not_found)?;
    let profile = read_all::<Profile>(state.store.as_ref(), Some(edition.id()))
        .await?
        .into_iter()
        .find(|p| p.organization == id);
    let booth = state
        .store
        .bookings(edition.id())
        .await?
        .into_iter()
        .find(|b| b.organization == id)
        .map(|b| b.booth.to_string());
    let mine = caller.account().and_then(|a| a.organization.clone());
    let view = OrganizationPage {
        nav,
        ask_from: mine.clone().filter(|m| m != &id),
        own: mine.as_ref() == Some(&id),
        edition,
        organization,
        roles,
        profile,
        booth,
    };
    Ok(Html(view.render()?))
}

/// The caller's organisation, or why there is none.
fn my_org(caller: &Caller) -> Result<OrganizationId, AppError> {
    caller
        .signed_in()?
        .organization
        .clone()
        .ok_or_else(|| AppError::Forbidden("these pages are for exhibitor staff".to_owned()))
}

struct MeetingRow {
    id: String,
    partner: String,
    partner_id: String,
    status: &'static str,
    message: String,
    when: String,
    incoming: bool,
}

#[derive(Template)]
#[template(path = "inbox.html")]
struct InboxPage {
    nav: Nav,
    edition: Edition,
    org: OrganizationId,
    rows: Vec<MeetingRow>,
    calendar: String,
}

pub(crate) async fn inbox(
    State(state): State<AppState>,
    caller: Caller,
    nav: Nav,
    Path(edition): Path<String>,
) -> Result<Html<String>, AppError> {
    let org = my_org(&caller)?;
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let names = super::org_names(state.store.as_ref(), nav.lang()).await?;
    let mut rows: Vec<MeetingRow> = read_all::<Meeting>(state.store.as_ref(), Some(edition.id()))
        .await?
        .iter()
        .filter(|m| m.a() == &org || m.b() == &org)
        .map(|m| {
            let partner = if m.a() == &org { m.b() } else { m.a() };
            MeetingRow {
                id: m.id().to_string(),
                partner: names
                    .get(partner.as_str())
                    .cloned()
                    .unwrap_or_else(|| partner.to_string()),
                partner_id: partner.to_string(),
                status: m.status().as_str(),
                message: m.message().to_owned(),
                when: m.placement().map_or_else(String::new, |p| {
                    let start = match nav.lang() {
                        Lang::En => p.start.format("%a %-d %b %H:%M"),
                        Lang::Zh => p.start.format("%-m月%-d日 %H:%M"),
                    };
                    nav.f2("{0}, table {1}", start, &p.table)
                }),
                incoming: m.b() == &org && m.status() == MeetingStatus::Requested,
            }
        })
        .collect();
    rows.sort_by(|x, y| (!x.incoming, x.status, &x.id).cmp(&(!y.incoming, y.status, &y.id)));
    let calendar = super::calendars::calendar_url(&state, &edition, &org).await?;
    let view = InboxPage {
        nav,
        edition,
        org,
        rows,
        calendar,
    };
    Ok(Html(view.render()?))
}

#[derive(Template)]
#[template(path = "recommendations.html")]
struct RecommendationsPage {
    nav: Nav,
    edition: Edition,
    recommendations: Vec<chainfair_matching::Recommendation>,
}

pub(crate) async fn my_recommendations(
    State(state): State<AppState>,
    caller: Caller,
    nav: Nav,
    Path(edition): Path<String>,
) -> Result<Html<String>, AppError> {
    let org = my_org(&caller)?;
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let matcher = super::matching::cached_matcher(&state, &edition).await?;
    // Without a profile there is nothing to match on: the page says so.
    let mut recommendations = matcher.recommend(&org, 20, false).unwrap_or_default();
    if nav.is_zh() {
        for r in &mut recommendations {
            r.explanation = matcher.explanation_zh(&r.reasons);
        }
    }
    let view = RecommendationsPage {
        nav,
        edition,
        recommendations,
    };
    Ok(Html(view.render()?))
}

#[derive(Debug, Deserialize)]
pub(crate) struct RequestForm {
    b: String,
    #[serde(default)]
    message: String,
}

/// The request form of an organisation's page: asks as the caller's
/// organisation, then shows the inbox.
pub(crate) async fn request_form(
    State(state): State<AppState>,
    caller: Caller,
    Path(edition): Path<String>,
    Form(form): Form<RequestForm>,
) -> Result<Redirect, AppError> {
    let org = my_org(&caller)?;
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    let body = super::meetings::RequestBody {
        a: org.to_string(),
        b: form.b,
        message: form.message,
        priority: None,
        book: false,
    };
    super::meetings::request_meeting(&state, &caller, &edition, body).await?;
    Ok(Redirect::to(&format!(
        "/editions/{}/my/meetings",
        edition.id()
    )))
}

/// The inbox's buttons: accept, decline or cancel, then the inbox again.
pub(crate) async fn act_form(
    State(state): State<AppState>,
    caller: Caller,
    Path((edition, meeting, action)): Path<(String, String, String)>,
) -> Result<Redirect, AppError> {
    let edition = find_edition(state.store.as_ref(), &edition).await?;
    super::meetings::act_on(&state, &caller, &edition, &meeting, &action).await?;
    Ok(Redirect::to(&format!(
        "/editions/{}/my/meetings",
        edition.id()
    )))
}
