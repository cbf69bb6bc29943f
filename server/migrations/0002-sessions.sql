-- Login sessions. Only a SHA-256 of each token is stored, so a copy of the database does not
-- let anyone sign in. A Bearer token (studio, scripts) and a cookie session (web app) are both
-- rows here; cookie sessions also carry the CSRF token their writes must echo.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('bearer', 'cookie')),
  csrf_token TEXT,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Every change of roles, whoever made it (API or CLI), for the audit trail.
CREATE TABLE role_changes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  roles TEXT NOT NULL,
  changed_by TEXT,
  via TEXT NOT NULL CHECK (via IN ('api', 'cli')),
  changed_at INTEGER NOT NULL
);
