-- Managing threads: who is on it, and where a duplicate was merged (its old number redirects there).
ALTER TABLE Threads ADD COLUMN AssignedToId INTEGER NULL REFERENCES Users (Id);
ALTER TABLE Threads ADD COLUMN MergedIntoId INTEGER NULL REFERENCES Threads (Id);
CREATE INDEX IX_Threads_AssignedToId ON Threads (AssignedToId) WHERE AssignedToId IS NOT NULL;
