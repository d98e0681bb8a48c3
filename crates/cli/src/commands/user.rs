//! `chainfair user add`: accounts made from the command line (the first
//! organiser, and anyone the organiser adds without an invitation code).
use crate::{Config, UserCommand, open_store};
use anyhow::Context;
use chainfair_core::{Account, AccountRole, OrganizationId};
use chainfair_store::Store;
use std::io::Read;

pub(crate) async fn run(command: UserCommand, config: &Config) -> anyhow::Result<()> {
    let UserCommand::Add {
        role,
        email,
        name,
        organization,
        password_stdin,
    } = command;
    let role = AccountRole::parse("--role", &role)?;
    let organization = organization
        .map(|o| OrganizationId::parse("--organization", &o))
        .transpose()?;
    let (password, made_up) = if password_stdin {
        let mut password = String::new();
        std::io::stdin()
            .read_to_string(&mut password)
            .context("cannot read the password from standard input")?;
        (password.trim_end_matches(['\r', '\n']).to_owned(), false)
    } else {
        (chainfair_web::auth::secret()[..20].to_owned(), true)
    };
    let store = open_store(&config.db).await?;
    let account = add(store.as_ref(), role, &email, &name, organization, &password).await?;
    println!(
        "created {} account {}",
        account.role.as_str(),
        account.email
    );
    if made_up {
        println!("password: {password} (shown only now)");
    }
    Ok(())
}

/// Creates an account with `password` (checked for length, hashed with argon2id).
pub(crate) async fn add(
    store: &dyn Store,
    role: AccountRole,
    email: &str,
    name: &str,
    organization: Option<OrganizationId>,
    password: &str,
) -> anyhow::Result<Account> {
    chainfair_web::auth::check_new_password(password).map_err(|e| anyhow::anyhow!("{e}"))?;
    if let Some(org) = &organization {
        let known = chainfair_store::read_all::<chainfair_core::Organization>(store, None)
            .await?
            .iter()
            .any(|o| o.id() == org);
        anyhow::ensure!(known, "--organization: unknown organisation {org}");
    }
    let account = Account::new(
        chainfair_web::auth::new_id(),
        email,
        name,
        role,
        organization,
        "en",
    )?;
    let hash = chainfair_web::auth::hash_password(password.to_owned())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    store.create_account(&account, &hash, None).await?;
    Ok(account)
}
