-- A thread's public page says "reported to headquarters at 14:03" only once HQ's escalation mail was accepted, so
-- the answer of the mail server changes the page: log a page change (see 0031) when an escalation message changes
-- state, and when headquarters acknowledges an escalation (an event that updates no thread row).
CREATE TRIGGER dbo.TR_OutboxMessages_Escalation_PageChanges ON dbo.OutboxMessages AFTER UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF UPDATE(Status)
    BEGIN
        INSERT INTO dbo.PageChanges (ThreadId)
        SELECT DISTINCT e.ThreadId
        FROM inserted i
        JOIN deleted d ON d.Id = i.Id
        JOIN dbo.Escalations e ON e.Id = i.EscalationId
        WHERE i.Status <> d.Status;
    END;
END;
GO

CREATE TRIGGER dbo.TR_ThreadEvents_Acknowledged_PageChanges ON dbo.ThreadEvents AFTER INSERT AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.PageChanges (ThreadId)
    SELECT DISTINCT i.ThreadId FROM inserted i WHERE i.Kind = 'AcknowledgedByHeadquarters';
END;
GO
