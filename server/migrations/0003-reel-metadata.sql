-- What publishing a package records about a reel besides its status: its picture size, sound,
-- why it was rejected, and the hashtags and mentions derived from its caption
-- (shared/caption-entities.ts), which the hashtag pages and search read.
ALTER TABLE reels ADD COLUMN width INTEGER;
ALTER TABLE reels ADD COLUMN height INTEGER;
ALTER TABLE reels ADD COLUMN sound_title TEXT;
ALTER TABLE reels ADD COLUMN sound_source_reel_id TEXT;
-- The package check's reason code, and its human message, for a rejected reel.
ALTER TABLE reels ADD COLUMN reject_reason TEXT;
ALTER TABLE reels ADD COLUMN reject_message TEXT;
ALTER TABLE reels ADD COLUMN removed_at INTEGER;

CREATE TABLE reel_hashtags (
  reel_id TEXT NOT NULL REFERENCES reels (id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (reel_id, tag)
);
CREATE INDEX reel_hashtags_by_tag ON reel_hashtags (tag, reel_id);

CREATE TABLE reel_mentions (
  reel_id TEXT NOT NULL REFERENCES reels (id) ON DELETE CASCADE,
  username TEXT NOT NULL,
  PRIMARY KEY (reel_id, username)
);
