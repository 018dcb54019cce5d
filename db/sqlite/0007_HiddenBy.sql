-- A hidden post's public tombstone names the role that hid it, next to the reason.
ALTER TABLE Posts ADD COLUMN HiddenByRole TEXT NULL;
