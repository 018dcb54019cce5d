-- The categories every deployment starts with (DESIGN.md); admins may add more.
INSERT INTO dbo.Categories (Code, Name, NameEn, SortOrder) VALUES
    (N'engineering', N'工程质量', N'Engineering quality', 10),
    (N'property', N'物业管理', N'Property management', 20),
    (N'sales', N'销售与合同', N'Sales and contract', 30),
    (N'design', N'设计与配套', N'Design and amenities', 40),
    (N'fees', N'收费', N'Fees', 50),
    (N'other', N'其他', N'Other', 60);
GO
