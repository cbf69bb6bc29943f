-- "Hide a creator" and shares by signed-out viewers.

-- A viewer who hid a creator never gets that creator's reels in the ranked feed (the ranking
-- already leaves out a hidden set); their page and direct links still open.
CREATE TABLE hidden_creators (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  creator_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, creator_id),
  CHECK (user_id <> creator_id)
);

-- A signed-out share carries the anonymous session id the views use: one counts per session per
-- reel per hour, so copying a link again and again is not many shares. Signed-in shares leave it
-- NULL (each one counts; the Idempotency-Key keeps a retry from counting twice).
ALTER TABLE reel_shares ADD COLUMN session_id TEXT;
CREATE INDEX reel_shares_by_session ON reel_shares (reel_id, session_id, created_at)
  WHERE session_id IS NOT NULL;
