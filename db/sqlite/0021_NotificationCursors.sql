-- Where the notifier has got to in each stream it reads (complaints posted, thread events): it only moves forward,
-- and the mail it writes has Message-IDs fixed by their subject and recipient, so repeated work queues nothing twice.
CREATE TABLE NotificationCursors (
    Name      TEXT    NOT NULL PRIMARY KEY,
    Position  INTEGER NOT NULL,
    UpdatedAt TEXT    NOT NULL
);
