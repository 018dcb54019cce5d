-- The audit log filters by person and by action, newest first: each filter is one index range read backwards by id.
CREATE INDEX IX_AuditLog_ActorId ON dbo.AuditLog (ActorId, Id);
CREATE INDEX IX_AuditLog_Action ON dbo.AuditLog (Action, Id);
GO
