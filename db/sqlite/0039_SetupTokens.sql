-- One-time links that let the first administrator create their account on a forum started without demo data.
-- Only the SHA-256 of the secret is kept; using a link is a conditional update of UsedAt, so a link works once.

CREATE TABLE SetupTokens (
    TokenHash TEXT PRIMARY KEY,
    CreatedAt TEXT NOT NULL,
    UsedAt    TEXT NULL
);
