-- What the public pages show has changed: one row per change, written by triggers in the same transaction as the
-- change itself, whichever code path (or node) made it. Every node reads the rows after the last one it has seen
-- and evicts the cached pages they touch (Forum.Web/Caching/PageChangeFeed.cs): the node that wrote at once, the
-- others within a second. ThreadId NULL means "the catalogue or a name changed": every page.
-- A thread's company and project are logged as they were and as they are, so a move evicts both projects' pages.
-- Append-only with an identity key: writers never wait on one another's row, unlike a single counter row.
CREATE TABLE dbo.PageChanges (
    Id        bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_PageChanges PRIMARY KEY,
    ThreadId  bigint NULL,
    CompanyId bigint NULL,
    ProjectId bigint NULL
);
GO

CREATE TRIGGER dbo.TR_Threads_PageChanges ON dbo.Threads AFTER INSERT, UPDATE AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.PageChanges (ThreadId, CompanyId, ProjectId)
    SELECT i.Id, i.CompanyId, i.ProjectId FROM inserted i
    UNION
    SELECT d.Id, d.CompanyId, d.ProjectId FROM deleted d;
END;
GO

CREATE TRIGGER dbo.TR_Posts_PageChanges ON dbo.Posts AFTER INSERT, UPDATE AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.PageChanges (ThreadId)
    SELECT i.ThreadId FROM inserted i
    UNION
    SELECT d.ThreadId FROM deleted d;
END;
GO

CREATE TRIGGER dbo.TR_Photos_PageChanges ON dbo.Photos AFTER INSERT, UPDATE AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.PageChanges (ThreadId)
    SELECT i.ThreadId FROM inserted i;
END;
GO

CREATE TRIGGER dbo.TR_Escalations_PageChanges ON dbo.Escalations AFTER INSERT AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.PageChanges (ThreadId)
    SELECT i.ThreadId FROM inserted i;
END;
GO

CREATE TRIGGER dbo.TR_Companies_PageChanges ON dbo.Companies AFTER INSERT, UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) INSERT INTO dbo.PageChanges (ThreadId) VALUES (NULL);
END;
GO

CREATE TRIGGER dbo.TR_Projects_PageChanges ON dbo.Projects AFTER INSERT, UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) INSERT INTO dbo.PageChanges (ThreadId) VALUES (NULL);
END;
GO

CREATE TRIGGER dbo.TR_Categories_PageChanges ON dbo.Categories AFTER INSERT, UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) INSERT INTO dbo.PageChanges (ThreadId) VALUES (NULL);
END;
GO

-- A display name shows on every post of its author.
CREATE TRIGGER dbo.TR_Users_DisplayName_PageChanges ON dbo.Users AFTER UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF UPDATE(DisplayName) AND EXISTS (SELECT 1 FROM inserted i JOIN deleted d ON d.Id = i.Id WHERE i.DisplayName <> d.DisplayName)
        INSERT INTO dbo.PageChanges (ThreadId) VALUES (NULL);
END;
GO
