-- The studio's first schema: user settings as key/value pairs. Values are JSON so one table holds
-- strings, numbers and booleans; the core validates them with the shared contract on the way out.
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value)),
  updated_at TEXT NOT NULL
) STRICT;
