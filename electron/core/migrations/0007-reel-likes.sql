-- Likes from the studio's Dashboard (issue 5): the creator likes or unlikes a reel, and the write
-- goes through the outbox like a reply does; the liked state the server last told us is kept, so
-- the Dashboard shows it offline.
--
-- The outbox takes two more kinds and names the reel a like is about (a later like/unlike of the
-- same reel replaces a waiting one). SQLite cannot change a CHECK in place: the table is rebuilt,
-- keeping every row, its id and AUTOINCREMENT's high-water mark (ids are never handed out twice).
CREATE TABLE outbox_next (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  server_url TEXT NOT NULL,
  username TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('reply', 'delete-comment', 'like', 'unlike')),
  method TEXT NOT NULL CHECK (method IN ('POST', 'PUT', 'DELETE')),
  path TEXT NOT NULL,
  -- Exactly the JSON sent each time (the server hashes it with the key), or NULL for no body.
  body TEXT CHECK (body IS NULL OR json_valid(body)),
  -- What the person did, in words, for the Dashboard's "waiting to send" list.
  summary TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  -- The reel a like or unlike is about (NULL for other kinds).
  reel_id TEXT CHECK ((reel_id IS NOT NULL) = (kind IN ('like', 'unlike')))
) STRICT;

INSERT INTO outbox_next (id, server_url, username, idempotency_key, kind, method, path, body, summary,
    state, attempts, last_error, created_at, sent_at)
  SELECT id, server_url, username, idempotency_key, kind, method, path, body, summary,
    state, attempts, last_error, created_at, sent_at
  FROM outbox;

DELETE FROM sqlite_sequence WHERE name = 'outbox_next';
INSERT INTO sqlite_sequence (name, seq) SELECT 'outbox_next', seq FROM sqlite_sequence WHERE name = 'outbox';
DROP TABLE outbox;
ALTER TABLE outbox_next RENAME TO outbox;
CREATE INDEX outbox_pending ON outbox (server_url, username, state, id);

-- The creator's own like of a reel as the server last said it (GET /api/reels/:id `viewer.liked`,
-- or the answer to a like the outbox sent). Scoped like live_docs ("<server URL> <user id>").
-- as_of orders what we learn: an answer is stored only if it is not older than the one we hold, so
-- a slow read started before a like cannot undo it.
CREATE TABLE liked_reels (
  scope TEXT NOT NULL,
  reel_id TEXT NOT NULL,
  liked INTEGER NOT NULL CHECK (liked IN (0, 1)),
  as_of TEXT NOT NULL,
  PRIMARY KEY (scope, reel_id)
) STRICT;
