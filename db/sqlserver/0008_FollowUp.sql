-- The follow-up visit (回访): after closing, the homeowner confirms the outcome and rates it 1–5, or reopens.
ALTER TABLE dbo.Threads ADD
    ConfirmedAt   datetime2      NULL,
    Rating        int            NULL CONSTRAINT CK_Threads_Rating CHECK (Rating BETWEEN 1 AND 5),
    RatingComment nvarchar(2000) NULL;
GO
