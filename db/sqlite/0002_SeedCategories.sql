-- The categories every deployment starts with (DESIGN.md); admins may add more.
INSERT INTO Categories (Code, Name, NameEn, SortOrder) VALUES
    ('engineering', '工程质量', 'Engineering quality', 10),
    ('property', '物业管理', 'Property management', 20),
    ('sales', '销售与合同', 'Sales and contract', 30),
    ('design', '设计与配套', 'Design and amenities', 40),
    ('fees', '收费', 'Fees', 50),
    ('other', '其他', 'Other', 60);
