-- Headquarters acknowledges an escalation from the link in its mail (issue 12, item 7). The person who clicks is an
-- escalation recipient, not necessarily an account: the audit row names the recipient instead of a user, so the
-- actor becomes optional and the recipient is recorded beside it.
DROP INDEX IX_AuditLog_ActorId ON dbo.AuditLog;
GO

ALTER TABLE dbo.AuditLog ALTER COLUMN ActorId bigint NULL;
GO

ALTER TABLE dbo.AuditLog ADD RecipientId bigint NULL CONSTRAINT FK_AuditLog_EscalationRecipients REFERENCES dbo.EscalationRecipients (Id);
GO

ALTER TABLE dbo.AuditLog ADD CONSTRAINT CK_AuditLog_Actor CHECK (ActorId IS NOT NULL OR RecipientId IS NOT NULL);
GO

CREATE INDEX IX_AuditLog_ActorId ON dbo.AuditLog (ActorId, Id);
GO

-- One acknowledgement per escalation (thread, rung, cycle), however many recipients click or how often: a second
-- click finds the first, and two at once are decided by this key.
CREATE UNIQUE INDEX UX_ThreadEvents_Acknowledged ON dbo.ThreadEvents (ThreadId, Rung, Cycle) WHERE Kind = N'AcknowledgedByHeadquarters';
GO
