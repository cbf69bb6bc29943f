-- Encode jobs: one row per "Encode & queue" of a draft. The renderer does the encoding (ffmpeg.wasm)
-- and pulls the next queued job; the core owns the state so a crash or quit never leaves a reel
-- 'encoding' forever: on start-up a job left 'running' goes back to 'queued' and restarts.
CREATE TABLE encode_jobs (
  id TEXT PRIMARY KEY,
  reel_id TEXT NOT NULL REFERENCES reels (id) ON DELETE CASCADE,
  state TEXT NOT NULL DEFAULT 'queued'
    CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  -- What the person chose (fit/fill, trim, cover time, caption), as JSON the contract validates.
  options TEXT NOT NULL CHECK (json_valid(options)),
  -- 0 … 100, as last reported by the renderer.
  progress REAL NOT NULL DEFAULT 0,
  started_at TEXT,
  finished_at TEXT,
  -- A sentence for people when state is failed.
  error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE INDEX encode_jobs_state ON encode_jobs (state, created_at);
CREATE INDEX encode_jobs_reel ON encode_jobs (reel_id, created_at);
