-- Feed, trending and search: per-reel engagement totals kept by triggers (so ranking reads one
-- row per reel instead of four COUNT(*)s), full-text search over captions, the indexes that read
-- a viewer's own history, and the feed's ranking snapshots. Everything here is derived from other
-- tables and kept in sync by triggers, so no application code path can forget to update it.

-- Totals per reel. Triggers on the engagement tables keep them equal to COUNT(*) over the rows
-- (the same numbers GET /api/reels/:id computes), including deletes by ON DELETE CASCADE.
CREATE TABLE reel_stats (
  reel_id TEXT PRIMARY KEY REFERENCES reels (id) ON DELETE CASCADE,
  -- counted views (view_events.counted = 1)
  views INTEGER NOT NULL DEFAULT 0,
  -- every reported watch, counted or not, and how many of them were watched to the end
  watches INTEGER NOT NULL DEFAULT 0,
  completions INTEGER NOT NULL DEFAULT 0,
  likes INTEGER NOT NULL DEFAULT 0,
  comments INTEGER NOT NULL DEFAULT 0,
  shares INTEGER NOT NULL DEFAULT 0
);

INSERT INTO reel_stats (reel_id, views, watches, completions, likes, comments, shares)
SELECT r.id,
  (SELECT COUNT(*) FROM view_events v WHERE v.reel_id = r.id AND v.counted = 1),
  (SELECT COUNT(*) FROM view_events v WHERE v.reel_id = r.id),
  (SELECT COUNT(*) FROM view_events v WHERE v.reel_id = r.id AND v.completed = 1),
  (SELECT COUNT(*) FROM reel_likes l WHERE l.reel_id = r.id),
  (SELECT COUNT(*) FROM comments c WHERE c.reel_id = r.id),
  (SELECT COUNT(*) FROM reel_shares s WHERE s.reel_id = r.id)
FROM reels r;

CREATE TRIGGER reel_stats_new_reel AFTER INSERT ON reels BEGIN
  INSERT OR IGNORE INTO reel_stats (reel_id) VALUES (NEW.id);
END;

CREATE TRIGGER reel_stats_view_added AFTER INSERT ON view_events BEGIN
  INSERT INTO reel_stats (reel_id, views, watches, completions)
  VALUES (NEW.reel_id, NEW.counted, 1, NEW.completed)
  ON CONFLICT (reel_id) DO UPDATE SET views = views + NEW.counted, watches = watches + 1,
    completions = completions + NEW.completed;
END;
CREATE TRIGGER reel_stats_view_removed AFTER DELETE ON view_events BEGIN
  UPDATE reel_stats SET views = views - OLD.counted, watches = watches - 1,
    completions = completions - OLD.completed
  WHERE reel_id = OLD.reel_id;
END;

CREATE TRIGGER reel_stats_like_added AFTER INSERT ON reel_likes BEGIN
  INSERT INTO reel_stats (reel_id, likes) VALUES (NEW.reel_id, 1)
  ON CONFLICT (reel_id) DO UPDATE SET likes = likes + 1;
END;
CREATE TRIGGER reel_stats_like_removed AFTER DELETE ON reel_likes BEGIN
  UPDATE reel_stats SET likes = likes - 1 WHERE reel_id = OLD.reel_id;
END;

CREATE TRIGGER reel_stats_comment_added AFTER INSERT ON comments BEGIN
  INSERT INTO reel_stats (reel_id, comments) VALUES (NEW.reel_id, 1)
  ON CONFLICT (reel_id) DO UPDATE SET comments = comments + 1;
END;
CREATE TRIGGER reel_stats_comment_removed AFTER DELETE ON comments BEGIN
  UPDATE reel_stats SET comments = comments - 1 WHERE reel_id = OLD.reel_id;
END;

CREATE TRIGGER reel_stats_share_added AFTER INSERT ON reel_shares BEGIN
  INSERT INTO reel_stats (reel_id, shares) VALUES (NEW.reel_id, 1)
  ON CONFLICT (reel_id) DO UPDATE SET shares = shares + 1;
END;
CREATE TRIGGER reel_stats_share_removed AFTER DELETE ON reel_shares BEGIN
  UPDATE reel_stats SET shares = shares - 1 WHERE reel_id = OLD.reel_id;
END;

-- A viewer's own history, newest first: what they have seen, liked and commented on (affinity and
-- "already seen"); and recent engagement across all reels (trending).
CREATE INDEX view_events_by_viewer_key ON view_events (viewer_key, created_at);
-- The "by time" indexes cover what trending reads, so a week of events is read from the index alone.
CREATE INDEX view_events_by_time ON view_events (created_at, counted, reel_id);
CREATE INDEX reel_likes_by_user ON reel_likes (user_id, created_at);
CREATE INDEX reel_likes_by_time ON reel_likes (created_at, reel_id);
CREATE INDEX comments_by_user ON comments (user_id, created_at);
CREATE INDEX comments_by_time ON comments (created_at, reel_id);
CREATE INDEX reel_shares_by_time ON reel_shares (created_at, reel_id);
-- Reels that reuse a sound, for trending sounds.
CREATE INDEX reels_by_sound ON reels (sound_source_reel_id) WHERE sound_source_reel_id IS NOT NULL;

-- Caption search over published reels only. reel_search_rows maps a reel to its row in the FTS
-- table, because the reels table has no stable integer key to use as the FTS rowid (its implicit
-- rowid may change on VACUUM). No foreign key: a cascade would delete the mapping before the
-- delete trigger below could read it.
CREATE VIRTUAL TABLE reel_search USING fts5 (caption, tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE reel_search_rows (
  reel_id TEXT PRIMARY KEY,
  search_rowid INTEGER NOT NULL UNIQUE
);

CREATE TRIGGER reel_search_insert AFTER INSERT ON reels WHEN NEW.status = 'published' BEGIN
  INSERT INTO reel_search (caption) VALUES (NEW.caption);
  INSERT INTO reel_search_rows (reel_id, search_rowid) VALUES (NEW.id, last_insert_rowid());
END;
-- Any change of status or caption: drop the old entry, add the new one if the reel is published.
CREATE TRIGGER reel_search_update AFTER UPDATE OF status, caption ON reels BEGIN
  DELETE FROM reel_search WHERE rowid = (SELECT search_rowid FROM reel_search_rows WHERE reel_id = OLD.id);
  DELETE FROM reel_search_rows WHERE reel_id = OLD.id;
  INSERT INTO reel_search (caption) SELECT NEW.caption WHERE NEW.status = 'published';
  INSERT INTO reel_search_rows (reel_id, search_rowid)
  SELECT NEW.id, last_insert_rowid() WHERE NEW.status = 'published';
END;
CREATE TRIGGER reel_search_delete AFTER DELETE ON reels BEGIN
  DELETE FROM reel_search WHERE rowid = (SELECT search_rowid FROM reel_search_rows WHERE reel_id = OLD.id);
  DELETE FROM reel_search_rows WHERE reel_id = OLD.id;
END;

INSERT INTO reel_search (rowid, caption) SELECT rowid, caption FROM reels WHERE status = 'published';
INSERT INTO reel_search_rows (reel_id, search_rowid) SELECT id, rowid FROM reels WHERE status = 'published';

-- A ranked feed, computed once per scroll session and paged by offset, so that the pages of one
-- session never repeat or skip a reel however engagement or new reels change the ranking meanwhile
-- (server/src/feed/feed-snapshot.ts). excluded_ids are the reels earlier snapshots of the same
-- session already served. Rows expire after a day.
CREATE TABLE feed_snapshots (
  id TEXT PRIMARY KEY,
  viewer_key TEXT NOT NULL,
  reel_ids TEXT NOT NULL,
  excluded_ids TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX feed_snapshots_by_age ON feed_snapshots (created_at);
