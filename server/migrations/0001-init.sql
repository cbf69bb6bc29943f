-- Accounts and reels: the start of the server's schema. Times are milliseconds since the epoch
-- (UTC) so that ordering and cursors are plain integer comparisons.

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  -- JSON array of role names, e.g. ["admin"] or ["moderator"]
  roles TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL
);

CREATE TABLE reels (
  -- the ULID from the reel package's manifest
  id TEXT PRIMARY KEY,
  creator_id TEXT NOT NULL REFERENCES users (id),
  status TEXT NOT NULL CHECK (status IN ('processing', 'published', 'rejected', 'removed')),
  caption TEXT NOT NULL DEFAULT '',
  duration_ms INTEGER,
  created_at INTEGER NOT NULL,
  published_at INTEGER,
  CHECK (status <> 'published' OR published_at IS NOT NULL)
);

-- The feed reads published reels newest first.
CREATE INDEX reels_feed ON reels (status, published_at DESC, id DESC);
CREATE INDEX reels_by_creator ON reels (creator_id, created_at DESC);
