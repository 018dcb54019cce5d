-- "Co-signed" in My complaints: a homeowner's co-signs, newest first, without scanning every co-sign.
CREATE INDEX IX_CoSigns_UserId_CreatedAt ON dbo.CoSigns (UserId, CreatedAt);
GO
