-- Matchmaking profiles: what a participant offers and seeks at an edition.
-- Lists are space-separated, as in the CSV files.
CREATE TABLE profiles (
    edition TEXT NOT NULL REFERENCES editions (id),
    organization TEXT NOT NULL REFERENCES organizations (id),
    offers_hs TEXT NOT NULL,
    seeks_hs TEXT NOT NULL,
    offers_segments TEXT NOT NULL,
    seeks_segments TEXT NOT NULL,
    target_countries TEXT NOT NULL,
    target_regions TEXT NOT NULL,
    languages TEXT NOT NULL,
    description TEXT NOT NULL,
    must_meet TEXT NOT NULL,
    no_thanks TEXT NOT NULL,
    PRIMARY KEY (edition, organization)
);
