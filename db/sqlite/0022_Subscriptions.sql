-- Who hears about a complaint besides its author: followers (a "Follow" button) and co-signers; who asked to hear no
-- more about one complaint (one-click unsubscribe, RFC 8058); and each account's switches per kind of mail.
CREATE TABLE ThreadFollowers (
    ThreadId  INTEGER NOT NULL REFERENCES Threads (Id),
    UserId    INTEGER NOT NULL REFERENCES Users (Id),
    CreatedAt TEXT    NOT NULL,
    PRIMARY KEY (ThreadId, UserId)
);

CREATE TABLE NotificationOptOuts (
    UserId    INTEGER NOT NULL REFERENCES Users (Id),
    ThreadId  INTEGER NOT NULL REFERENCES Threads (Id),
    CreatedAt TEXT    NOT NULL,
    PRIMARY KEY (UserId, ThreadId)
);

CREATE TABLE NotificationSettings (
    UserId  INTEGER NOT NULL REFERENCES Users (Id),
    Kind    TEXT    NOT NULL,
    Enabled INTEGER NOT NULL,
    PRIMARY KEY (UserId, Kind)
);

-- The one-click unsubscribe address a message carries in its List-Unsubscribe header.
ALTER TABLE OutboxMessages ADD COLUMN ListUnsubscribe TEXT NULL;
