-- Headquarters acknowledges an escalation from the link in its mail (issue 12, item 7). The person who clicks is an
-- escalation recipient, not necessarily an account: the audit row names the recipient instead of a user, so the
-- actor becomes optional and the recipient is recorded beside it (SQLite cannot drop NOT NULL: the table is rebuilt,
-- rows and ids kept).
CREATE TABLE AuditLog_Rebuilt (
    Id          INTEGER PRIMARY KEY AUTOINCREMENT,
    ActorId     INTEGER NULL REFERENCES Users (Id),
    ActorRole   TEXT    NOT NULL,
    ThreadId    INTEGER NULL REFERENCES Threads (Id),
    Action      TEXT    NOT NULL,
    Before      TEXT    NULL,
    After       TEXT    NULL,
    At          TEXT    NOT NULL,
    RecipientId INTEGER NULL REFERENCES EscalationRecipients (Id),
    CHECK (ActorId IS NOT NULL OR RecipientId IS NOT NULL)
);
INSERT INTO AuditLog_Rebuilt (Id, ActorId, ActorRole, ThreadId, Action, Before, After, At)
SELECT Id, ActorId, ActorRole, ThreadId, Action, Before, After, At FROM AuditLog;
DROP TABLE AuditLog;
ALTER TABLE AuditLog_Rebuilt RENAME TO AuditLog;
CREATE INDEX IX_AuditLog_At ON AuditLog (At);
CREATE INDEX IX_AuditLog_ThreadId ON AuditLog (ThreadId);
CREATE INDEX IX_AuditLog_ActorId ON AuditLog (ActorId, Id);
CREATE INDEX IX_AuditLog_Action ON AuditLog (Action, Id);

-- One acknowledgement per escalation (thread, rung, cycle), however many recipients click or how often: a second
-- click finds the first, and two at once are decided by this key.
CREATE UNIQUE INDEX UX_ThreadEvents_Acknowledged ON ThreadEvents (ThreadId, Rung, Cycle) WHERE Kind = 'AcknowledgedByHeadquarters';
