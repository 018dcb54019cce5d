-- Proof of notification per complaint, and the outbox alarm. Each message names the complaint it is about and the
-- recipient's role, so the staff page of a complaint can list every notification; a failed message raises the alarm
-- until an admin retries or dismisses it.
ALTER TABLE dbo.OutboxMessages ADD
    ThreadId      bigint       NULL,
    RecipientRole nvarchar(40) NULL,
    DismissedAt   datetime2    NULL,
    DismissedBy   bigint       NULL;
GO

UPDATE o
SET ThreadId = e.ThreadId
FROM dbo.OutboxMessages o
JOIN dbo.Escalations e ON e.Id = o.EscalationId;

-- Older escalation mail: the role is found by address (HQ's roles carry an Hq prefix); an address no recipient has
-- any more leaves the role unknown, which the page shows as such.
UPDATE o
SET RecipientRole = (
    SELECT MIN(CASE WHEN c.Kind = N'Headquarters' THEN N'Hq' + r.Role ELSE r.Role END)
    FROM dbo.EscalationRecipients r JOIN dbo.Companies c ON c.Id = r.CompanyId
    WHERE r.Email = o.ToEmail)
FROM dbo.OutboxMessages o
WHERE o.EscalationId IS NOT NULL;

CREATE INDEX IX_OutboxMessages_ThreadId ON dbo.OutboxMessages (ThreadId);
CREATE INDEX IX_OutboxMessages_Status_CreatedAt ON dbo.OutboxMessages (Status, CreatedAt);
GO
