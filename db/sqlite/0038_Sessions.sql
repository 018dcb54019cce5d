-- Sign-in sessions kept on the server: the cookie carries only a session key, and the ticket it stands for lives
-- here. Deleting a row signs that browser out for good (a cookie saved before sign-out opens nothing); a session
-- whose SecurityStamp no longer matches its user's (password changed, deactivated, "sign out everywhere") is dead.

CREATE TABLE Sessions (
    Id            TEXT    PRIMARY KEY,
    UserId        INTEGER NOT NULL REFERENCES Users (Id),
    SecurityStamp TEXT    NOT NULL,
    Ticket        BLOB    NOT NULL,
    CreatedAt     TEXT    NOT NULL,
    ExpiresAt     TEXT    NULL
);

CREATE INDEX IX_Sessions_UserId ON Sessions (UserId);
