-- Live sync with the signed-in server (API.md "Live sync").
--
-- live_doc_updates: the studio's copy of a server document (creator:<username> for the Dashboard),
-- kept as the updates it received, so the Dashboard opens offline with the last known numbers and
-- only the missing part is fetched on reconnect. Keyed by scope, "<server URL> <user id>": the same
-- name on another server, or on a server whose data was reset (new user ids), is another document
-- whose history the local copy must not be merged into. Compacted into one row on load, like
-- draft_updates.
CREATE TABLE live_doc_updates (
  scope TEXT NOT NULL,
  doc_name TEXT NOT NULL,
  seq INTEGER NOT NULL,
  "update" BLOB NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (scope, doc_name, seq)
) STRICT;

-- When each document was last known to match the server (the Dashboard's "updated 5 min ago").
CREATE TABLE live_docs (
  scope TEXT NOT NULL,
  doc_name TEXT NOT NULL,
  synced_at TEXT NOT NULL,
  PRIMARY KEY (scope, doc_name)
) STRICT;

-- The outbox: engagement writes the creator made in the studio (reply to a comment, delete one),
-- kept until the server has answered. The Idempotency-Key is made when the person acts and sent
-- with every attempt, so a write that reached the server but whose answer was lost counts once.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  server_url TEXT NOT NULL,
  username TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('reply', 'delete-comment')),
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
  sent_at TEXT
) STRICT;

CREATE INDEX outbox_pending ON outbox (server_url, username, state, id);
