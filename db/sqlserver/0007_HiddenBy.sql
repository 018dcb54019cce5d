-- A hidden post's public tombstone names the role that hid it, next to the reason.
ALTER TABLE dbo.Posts ADD HiddenByRole nvarchar(20) NULL;
GO
