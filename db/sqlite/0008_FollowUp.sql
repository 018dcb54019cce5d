-- The follow-up visit (回访): after closing, the homeowner confirms the outcome and rates it 1–5, or reopens.
ALTER TABLE Threads ADD COLUMN ConfirmedAt TEXT NULL;
ALTER TABLE Threads ADD COLUMN Rating INTEGER NULL CHECK (Rating BETWEEN 1 AND 5);
ALTER TABLE Threads ADD COLUMN RatingComment TEXT NULL;
