-- The media library: one row per imported video. The id is a ULID that later becomes the reel
-- package's reelId, so a reel keeps one id from import to publication. Files live on disk under
-- <dataDir>/library/<id>/ (source.<ext>, thumbs/NN.jpg); the row only says what is there.
CREATE TABLE reels (
  id TEXT PRIMARY KEY,
  status TEXT NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'encoding', 'queued', 'uploading', 'published', 'rejected')),
  source_name TEXT NOT NULL,
  -- Relative to the library folder, so a moved data dir keeps working.
  source_path TEXT NOT NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  size_bytes INTEGER NOT NULL CHECK (size_bytes > 0),
  probe TEXT NOT NULL CHECK (json_valid(probe)),
  caption TEXT NOT NULL DEFAULT '',
  reject_reason TEXT,
  -- How many poster-strip images thumbs/ holds (00.jpg …); 0 until the renderer has made them.
  thumbnail_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE INDEX reels_status ON reels (status, created_at);
CREATE INDEX reels_sha256 ON reels (sha256);
