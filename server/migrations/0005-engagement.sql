-- Engagement: views, likes, comments, shares, reports, follows, "not interested", and the
-- Idempotency-Key answers that make retried writes safe. Counts are COUNT(*) over these tables
-- (each has an index that starts with reel_id), so they can never drift from the rows.

-- Every watch a player reports, counted or not: watch time and completion feed ranking later.
-- viewer_key is 'u:<user id>' or 's:<anonymous session id>'; counted marks the ones that are views.
CREATE TABLE view_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  reel_id TEXT NOT NULL REFERENCES reels (id) ON DELETE CASCADE,
  viewer_key TEXT NOT NULL,
  user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
  watched_ms INTEGER NOT NULL,
  completed INTEGER NOT NULL CHECK (completed IN (0, 1)),
  counted INTEGER NOT NULL CHECK (counted IN (0, 1)),
  created_at INTEGER NOT NULL
);
CREATE INDEX view_events_counted ON view_events (reel_id, counted);
-- "Has this viewer already been counted on this reel in the last hour?"
CREATE INDEX view_events_by_viewer ON view_events (reel_id, viewer_key, counted, created_at);

CREATE TABLE reel_likes (
  reel_id TEXT NOT NULL REFERENCES reels (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (reel_id, user_id)
);

-- One level of replies: parent_id points at a top-level comment. Deleting a comment deletes its
-- replies with it (ON DELETE CASCADE), so no reply is ever left under a missing parent.
CREATE TABLE comments (
  id TEXT PRIMARY KEY,
  reel_id TEXT NOT NULL REFERENCES reels (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  parent_id TEXT REFERENCES comments (id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
-- Newest first per reel (top level) and per parent (replies); the id (a ULID) breaks ties.
CREATE INDEX comments_by_reel ON comments (reel_id, parent_id, created_at DESC, id DESC);
CREATE INDEX comments_by_parent ON comments (parent_id, created_at DESC, id DESC);

CREATE TABLE reel_shares (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  reel_id TEXT NOT NULL REFERENCES reels (id) ON DELETE CASCADE,
  user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX reel_shares_by_reel ON reel_shares (reel_id);

-- The future moderation queue reads open reports oldest first.
CREATE TABLE reel_reports (
  id TEXT PRIMARY KEY,
  reel_id TEXT NOT NULL REFERENCES reels (id) ON DELETE CASCADE,
  reporter_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  reason TEXT NOT NULL,
  note TEXT,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'dismissed')),
  created_at INTEGER NOT NULL
);
CREATE INDEX reel_reports_queue ON reel_reports (status, created_at);
CREATE INDEX reel_reports_by_reel ON reel_reports (reel_id);

CREATE TABLE follows (
  follower_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  followee_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (follower_id, followee_id),
  CHECK (follower_id <> followee_id)
);
CREATE INDEX follows_by_followee ON follows (followee_id);

CREATE TABLE not_interested (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  reel_id TEXT NOT NULL REFERENCES reels (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, reel_id)
);

-- The first answer to each (caller, Idempotency-Key): a retry gets it back instead of a second
-- effect. fingerprint is a hash of method, path and body, to refuse a key reused for another write.
CREATE TABLE idempotency_keys (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
