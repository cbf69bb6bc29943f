-- Ingest: who owns which reel id, and the life of every tus upload. An upload row is also the
-- durable ingest job: 'uploading' while bytes arrive, 'pending' once complete and waiting for the
-- package check, 'done' when the reel was published or rejected (its file may then be deleted).

-- A reel id belongs to the first creator who starts uploading it, so that nobody else can take it
-- while the first upload is still in flight (the reels row only exists once the upload completes).
CREATE TABLE reel_claims (
  reel_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL
);

CREATE TABLE ingest_uploads (
  -- the tus upload id (its file name under <dataDir>/uploads)
  upload_id TEXT PRIMARY KEY,
  reel_id TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  size INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('uploading', 'pending', 'done')),
  created_at INTEGER NOT NULL,
  completed_at INTEGER,
  finished_at INTEGER
);
-- Quotas read a user's unfinished uploads; the worker reads pending jobs oldest first.
CREATE INDEX ingest_uploads_by_user ON ingest_uploads (user_id, state);
CREATE INDEX ingest_uploads_by_state ON ingest_uploads (state, completed_at);

-- The files of each published reel, from its checked manifest: the media route answers only for
-- these paths, and uses the sha256 as a strong ETag without reading the file.
CREATE TABLE reel_files (
  reel_id TEXT NOT NULL REFERENCES reels (id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  PRIMARY KEY (reel_id, path)
);
