-- Feed: followed creators' newest published reels as an index read, a sound's reels newest first
-- (GET /api/sounds/:id), and a long watch stored as one view_events row.

-- The feed's followed-creators source reads each followed creator's newest published reels
-- (feed-sources.ts): one short range per creator, already in order, without reading their
-- unpublished or older reels.
CREATE INDEX reels_published_by_creator ON reels (creator_id, published_at DESC) WHERE status = 'published';

-- A sound's page lists the published reels reusing it newest first on the (published_at, id)
-- keyset: one index range, whatever the sound's size (docs/architecture.md, sound pages).
CREATE INDEX reels_published_by_sound ON reels (sound_source_reel_id, published_at DESC, id DESC)
  WHERE status = 'published' AND sound_source_reel_id IS NOT NULL;

-- A watch is reported when it counts (3 s) and again when the viewer leaves with the whole watch
-- time. The later report now raises the first one's row (watched_ms, completed) instead of adding
-- a second row, so completion rates count each watch once (view-write-queue.ts). extended_at is
-- when a later report last did so (NULL: never); created_at stays the moment the watch counted.
-- Rows written before this migration stay as they were.
ALTER TABLE view_events ADD COLUMN extended_at INTEGER;

CREATE TRIGGER reel_stats_view_extended AFTER UPDATE OF completed ON view_events
WHEN NEW.completed <> OLD.completed BEGIN
  UPDATE reel_stats SET completions = completions + NEW.completed - OLD.completed
  WHERE reel_id = NEW.reel_id;
END;
