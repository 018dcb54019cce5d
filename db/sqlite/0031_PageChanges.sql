-- What the public pages show has changed: one row per change, written by triggers in the same transaction as the
-- change itself, whichever code path (or node) made it. Every node reads the rows after the last one it has seen
-- and evicts the cached pages they touch (Forum.Web/Caching/PageChangeFeed.cs): the node that wrote at once, the
-- others within a second. ThreadId NULL means "the catalogue or a name changed": every page.
-- A thread's company and project are logged as they were and as they are, so a move evicts both projects' pages.
CREATE TABLE PageChanges (
    Id        INTEGER PRIMARY KEY AUTOINCREMENT,
    ThreadId  INTEGER NULL,
    CompanyId INTEGER NULL,
    ProjectId INTEGER NULL
);

CREATE TRIGGER TR_Threads_Insert_PageChanges AFTER INSERT ON Threads
BEGIN
    INSERT INTO PageChanges (ThreadId, CompanyId, ProjectId) VALUES (NEW.Id, NEW.CompanyId, NEW.ProjectId);
END;

CREATE TRIGGER TR_Threads_Update_PageChanges AFTER UPDATE ON Threads
BEGIN
    INSERT INTO PageChanges (ThreadId, CompanyId, ProjectId) VALUES (NEW.Id, NEW.CompanyId, NEW.ProjectId);
    INSERT INTO PageChanges (ThreadId, CompanyId, ProjectId)
    SELECT OLD.Id, OLD.CompanyId, OLD.ProjectId WHERE OLD.ProjectId <> NEW.ProjectId;
END;

CREATE TRIGGER TR_Posts_Insert_PageChanges AFTER INSERT ON Posts
BEGIN
    INSERT INTO PageChanges (ThreadId) VALUES (NEW.ThreadId);
END;

CREATE TRIGGER TR_Posts_Update_PageChanges AFTER UPDATE ON Posts
BEGIN
    INSERT INTO PageChanges (ThreadId) VALUES (NEW.ThreadId);
    INSERT INTO PageChanges (ThreadId) SELECT OLD.ThreadId WHERE OLD.ThreadId <> NEW.ThreadId;
END;

CREATE TRIGGER TR_Photos_Insert_PageChanges AFTER INSERT ON Photos
BEGIN
    INSERT INTO PageChanges (ThreadId) VALUES (NEW.ThreadId);
END;

CREATE TRIGGER TR_Photos_Update_PageChanges AFTER UPDATE ON Photos
BEGIN
    INSERT INTO PageChanges (ThreadId) VALUES (NEW.ThreadId);
END;

CREATE TRIGGER TR_Escalations_Insert_PageChanges AFTER INSERT ON Escalations
BEGIN
    INSERT INTO PageChanges (ThreadId) VALUES (NEW.ThreadId);
END;

CREATE TRIGGER TR_Companies_PageChanges AFTER UPDATE ON Companies
BEGIN
    INSERT INTO PageChanges (ThreadId) VALUES (NULL);
END;

CREATE TRIGGER TR_Companies_Insert_PageChanges AFTER INSERT ON Companies
BEGIN
    INSERT INTO PageChanges (ThreadId) VALUES (NULL);
END;

CREATE TRIGGER TR_Projects_PageChanges AFTER UPDATE ON Projects
BEGIN
    INSERT INTO PageChanges (ThreadId) VALUES (NULL);
END;

CREATE TRIGGER TR_Projects_Insert_PageChanges AFTER INSERT ON Projects
BEGIN
    INSERT INTO PageChanges (ThreadId) VALUES (NULL);
END;

CREATE TRIGGER TR_Categories_PageChanges AFTER UPDATE ON Categories
BEGIN
    INSERT INTO PageChanges (ThreadId) VALUES (NULL);
END;

CREATE TRIGGER TR_Categories_Insert_PageChanges AFTER INSERT ON Categories
BEGIN
    INSERT INTO PageChanges (ThreadId) VALUES (NULL);
END;

-- A display name shows on every post of its author.
CREATE TRIGGER TR_Users_DisplayName_PageChanges AFTER UPDATE OF DisplayName ON Users
WHEN NEW.DisplayName <> OLD.DisplayName
BEGIN
    INSERT INTO PageChanges (ThreadId) VALUES (NULL);
END;
