-- Accounts and what they sign in with. Secrets (session and API tokens,
-- invitation codes) are stored only as SHA-256 hashes; passwords as
-- argon2id PHC strings. Times are UTC, RFC 3339.
CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('organiser', 'exhibitor', 'visitor')),
    organization TEXT REFERENCES organizations (id),
    lang TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'zh')),
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CHECK ((role = 'exhibitor') = (organization IS NOT NULL))
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account TEXT NOT NULL REFERENCES accounts (id),
    csrf TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_by_account ON sessions (account);

CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    account TEXT NOT NULL REFERENCES accounts (id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    scope TEXT NOT NULL CHECK (scope IN ('read', 'write')),
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX api_tokens_by_account ON api_tokens (account);

-- Codes the organiser issues so that an organisation's staff can sign up;
-- each is used once.
CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    code_hash TEXT NOT NULL UNIQUE,
    organization TEXT NOT NULL REFERENCES organizations (id),
    created_by TEXT NOT NULL REFERENCES accounts (id),
    created_at TEXT NOT NULL,
    used_by TEXT REFERENCES accounts (id),
    used_at TEXT
);
