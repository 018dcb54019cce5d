-- Proof of notification per complaint, and the outbox alarm. Each message names the complaint it is about and the
-- recipient's role, so the staff page of a complaint can list every notification; a failed message raises the alarm
-- until an admin retries or dismisses it.
ALTER TABLE OutboxMessages ADD COLUMN ThreadId INTEGER NULL;
ALTER TABLE OutboxMessages ADD COLUMN RecipientRole TEXT NULL;
ALTER TABLE OutboxMessages ADD COLUMN DismissedAt TEXT NULL;
ALTER TABLE OutboxMessages ADD COLUMN DismissedBy INTEGER NULL;

UPDATE OutboxMessages
SET ThreadId = (SELECT e.ThreadId FROM Escalations e WHERE e.Id = OutboxMessages.EscalationId)
WHERE EscalationId IS NOT NULL;

-- Older escalation mail: the role is found by address (HQ's roles carry an Hq prefix); an address no recipient has
-- any more leaves the role unknown, which the page shows as such.
UPDATE OutboxMessages
SET RecipientRole = (
    SELECT MIN(CASE WHEN c.Kind = 'Headquarters' THEN 'Hq' || r.Role ELSE r.Role END)
    FROM EscalationRecipients r JOIN Companies c ON c.Id = r.CompanyId
    WHERE r.Email = OutboxMessages.ToEmail)
WHERE EscalationId IS NOT NULL;

CREATE INDEX IX_OutboxMessages_ThreadId ON OutboxMessages (ThreadId);
CREATE INDEX IX_OutboxMessages_Status_CreatedAt ON OutboxMessages (Status, CreatedAt);
