-- One-time links that let the first administrator create their account on a forum started without demo data.
-- Only the SHA-256 of the secret is kept; using a link is a conditional update of UsedAt, so a link works once.

CREATE TABLE dbo.SetupTokens (
    TokenHash char(64)  NOT NULL CONSTRAINT PK_SetupTokens PRIMARY KEY CLUSTERED,
    CreatedAt datetime2 NOT NULL,
    UsedAt    datetime2 NULL
);
GO
