-- Signing in to a server and uploading reel packages to it.
--
-- account: at most one signed-in account (the studio talks to one server at a time). The token is
-- sealed by a TokenVault: encrypted with Electron's safeStorage in the desktop app, plaintext in
-- studio:web and tests ('plain' vault), where only the OS user account protects the data dir.
CREATE TABLE account (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  server_url TEXT NOT NULL,
  username TEXT NOT NULL,
  user_id TEXT NOT NULL,
  vault TEXT NOT NULL,
  sealed_token TEXT NOT NULL,
  signed_in_at TEXT NOT NULL
) STRICT;

-- The upload queue: one row per reel whose package goes (or went) to the server. bytes_sent is what
-- the server acknowledged last; the tus upload itself resumes from the server's offset (HEAD).
CREATE TABLE uploads (
  reel_id TEXT PRIMARY KEY REFERENCES reels (id) ON DELETE CASCADE,
  state TEXT NOT NULL DEFAULT 'queued'
    CHECK (state IN ('queued', 'uploading', 'paused', 'processing', 'published', 'rejected', 'failed', 'cancelled')),
  server_url TEXT NOT NULL,
  -- sha256 of package.tar, computed once when queued: part of the tus fingerprint, so a re-encoded
  -- package never resumes into the bytes of an older one.
  package_sha256 TEXT NOT NULL CHECK (length(package_sha256) = 64),
  fingerprint TEXT NOT NULL,
  bytes_sent INTEGER NOT NULL DEFAULT 0,
  bytes_total INTEGER NOT NULL CHECK (bytes_total > 0),
  upload_url TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  -- A sentence for people: why it failed, or why it waits (offline, signed out).
  last_error TEXT,
  server_status TEXT,
  reject_code TEXT,
  reject_message TEXT,
  -- <server>/r/<reelId> once published.
  published_url TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE INDEX uploads_state ON uploads (state, created_at);

-- tus-js-client's url storage (fingerprint → upload URL), so an upload resumes after a crash.
CREATE TABLE tus_urls (
  storage_key TEXT PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  upload TEXT NOT NULL CHECK (json_valid(upload)),
  created_at TEXT NOT NULL
) STRICT;

CREATE INDEX tus_urls_fingerprint ON tus_urls (fingerprint);
