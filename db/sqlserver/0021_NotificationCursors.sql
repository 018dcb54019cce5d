-- Where the notifier has got to in each stream it reads (complaints posted, thread events): it only moves forward,
-- and the mail it writes has Message-IDs fixed by their subject and recipient, so repeated work queues nothing twice.
CREATE TABLE dbo.NotificationCursors (
    Name      nvarchar(40) NOT NULL CONSTRAINT PK_NotificationCursors PRIMARY KEY,
    Position  bigint       NOT NULL,
    UpdatedAt datetime2    NOT NULL
);
GO
