-- Drafts: one Yjs document per library item, kept as the updates it received, in order. Appending
-- makes every autosave a small insert; on load many rows are compacted into one snapshot. The rows
-- go with their reel.
CREATE TABLE draft_updates (
  reel_id TEXT NOT NULL REFERENCES reels (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  "update" BLOB NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (reel_id, seq)
) STRICT;
