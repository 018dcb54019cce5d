-- A thread's public page says "reported to headquarters at 14:03" only once HQ's escalation mail was accepted, so
-- the answer of the mail server changes the page: log a page change (see 0031) when an escalation message changes
-- state, and when headquarters acknowledges an escalation (an event that updates no thread row).
CREATE TRIGGER TR_OutboxMessages_Escalation_PageChanges AFTER UPDATE OF Status ON OutboxMessages
WHEN NEW.EscalationId IS NOT NULL AND NEW.Status <> OLD.Status
BEGIN
    INSERT INTO PageChanges (ThreadId) SELECT e.ThreadId FROM Escalations e WHERE e.Id = NEW.EscalationId;
END;

CREATE TRIGGER TR_ThreadEvents_Acknowledged_PageChanges AFTER INSERT ON ThreadEvents
WHEN NEW.Kind = 'AcknowledgedByHeadquarters'
BEGIN
    INSERT INTO PageChanges (ThreadId) VALUES (NEW.ThreadId);
END;
