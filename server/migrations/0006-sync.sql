-- Live sync (API.md "Live sync"): the Yjs documents the server keeps, as the updates that made
-- them. Each accepted update is one row; loading a document with many rows merges them into one
-- (doc-store.ts). Plain SQL, so that PostgreSQL can follow.
CREATE TABLE sync_updates (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  doc_name TEXT NOT NULL,
  update_data BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX sync_updates_by_doc ON sync_updates (doc_name, id);

-- Like milestones a creator was told about, so unliking and liking again never repeats one.
CREATE TABLE sync_like_milestones (
  reel_id TEXT NOT NULL REFERENCES reels (id) ON DELETE CASCADE,
  likes INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (reel_id, likes)
);

-- reel:<id> keeps a reel's latest comments, replies included: newest first across threads.
CREATE INDEX comments_latest_by_reel ON comments (reel_id, created_at DESC, id DESC);
