// Trending heat kept current as engagement is written, so that reading trending never scans the
// window's events on a request (that scan took ~0.7 s at 100k reels and blocked every request
// queued behind it). Per reel, per hashtag and per sound it keeps Σ weight × 2^((at − epoch) /
// half-life) over the events in the window: the heat at any moment `now` is that sum times
// 2^((epoch − now) / half-life), one factor for every row, so the order of the sums is the order
// of the heats and the hottest rows are an index read.
//
// The sums live in TEMP tables of this connection, kept by TEMP triggers on the engagement tables
// (so a rolled-back write takes its heat back with it, and the weights stay in weights.ts): built
// once from the events when the server starts, then every insert or delete of an event adds or
// takes away its share. `advance(at)` moves the window's start up to `at` and subtracts the events
// that fell out of it, which is a short range read of the "by time" indexes. Only this
// connection's writes are seen; the server writes all engagement through it.
import type Database from 'better-sqlite3'
import { feedWeights } from './weights'

const HOUR_MS = 3600_000
/**
 * Sums grow by 2× per half-life after the epoch; rebuilding from the events with a new epoch
 * after this many keeps them far below a double's range (2^1024). With the default weights that
 * is once per 200 days of uptime.
 */
const REBUILD_AFTER_HALF_LIVES = 200

interface EventSource {
  name: string
  table: string
  weight: number
  /** Extra condition on the event row (`NEW` or `OLD` in triggers, the table itself elsewhere). */
  condition?: (row: string) => string
}

/** A SQL literal that is always REAL, so that `/` never does integer division. */
const real = (n: number) => n.toExponential()

/** The TEMP tables are per connection and carry one epoch: one owner each. */
const connectionsWithHeat = new WeakSet<Database.Database>()

export function createTrendingHeat(db: Database.Database, weights = feedWeights.trending) {
  if (connectionsWithHeat.has(db)) throw new Error('This connection already keeps trending heat.')
  connectionsWithHeat.add(db)
  const windowMs = weights.windowHours * HOUR_MS
  const halfLifeMs = weights.halfLifeHours * HOUR_MS
  const sources: EventSource[] = [
    {
      name: 'view',
      table: 'view_events',
      weight: weights.view,
      condition: (row) => `${row}.counted = 1 AND`,
    },
    { name: 'like', table: 'reel_likes', weight: weights.like },
    { name: 'comment', table: 'comments', weight: weights.comment },
    { name: 'share', table: 'reel_shares', weight: weights.share },
  ]
  let epoch = 0
  let cutoff = 0
  let purgedAt = 0

  const share = (at: string, weight: number | string) =>
    `${weight} * pow(2.0, (${at} - ${epoch}) / ${real(halfLifeMs)})`
  // Events in (after, upTo], as (reel_id, share) rows.
  const eventsBetween = (after: string, upTo?: string) =>
    sources
      .map(
        (s) =>
          `SELECT reel_id, ${share('created_at', s.weight)} AS heat FROM ${s.table}
            WHERE ${s.condition?.(s.table) ?? ''} created_at > ${after}
            ${upTo === undefined ? '' : `AND created_at <= ${upTo}`}`,
      )
      .join(' UNION ALL ')

  // What one trending_reels row gives its hashtags and its sound: everything while the reel is
  // published and has events in the window, nothing otherwise.
  const counts = (row: string) => `(${row}.live = 1 AND ${row}.events > 0)`
  const heatOf = (row: string) => `CASE WHEN ${counts(row)} THEN ${row}.heat ELSE 0.0 END`
  /** Adds (reels, heat) differences, given as a SELECT of (key, reels, heat) rows, to a list's sums. */
  const addTo = (table: 'tags' | 'sounds', select: string) => {
    const key = table === 'tags' ? 'tag' : 'sound_id'
    return `INSERT INTO trending_${table} (${key}, reels, heat) ${select}
       ON CONFLICT (${key}) DO UPDATE SET reels = reels + excluded.reels,
         heat = CASE WHEN reels + excluded.reels = 0 THEN 0.0 ELSE heat + excluded.heat END;`
  }
  const tagsOf = (row: string) => `FROM reel_hashtags WHERE reel_id = ${row}.reel_id`

  function dropAll(): void {
    for (const s of sources) {
      db.exec(`DROP TRIGGER IF EXISTS temp.trending_${s.name}_added`)
      db.exec(`DROP TRIGGER IF EXISTS temp.trending_${s.name}_removed`)
    }
    for (const name of ['tag_added', 'tag_removed', 'reel_status', 'reel_deleted']) {
      db.exec(`DROP TRIGGER IF EXISTS temp.trending_${name}`)
    }
    // Dropping a table drops the triggers on it.
    for (const table of ['reels', 'tags', 'sounds', 'clock'])
      db.exec(`DROP TABLE IF EXISTS temp.trending_${table}`)
  }

  function createTables(): void {
    db.exec(`
      CREATE TEMP TABLE trending_clock (cutoff INTEGER NOT NULL);
      CREATE TEMP TABLE trending_reels (reel_id TEXT PRIMARY KEY, sound_id TEXT NOT NULL,
        live INTEGER NOT NULL, events INTEGER NOT NULL, heat REAL NOT NULL);
      CREATE INDEX temp.trending_reels_hot ON trending_reels (live, heat);
      CREATE TEMP TABLE trending_tags (tag TEXT PRIMARY KEY, reels INTEGER NOT NULL, heat REAL NOT NULL);
      CREATE INDEX temp.trending_tags_hot ON trending_tags (heat);
      CREATE TEMP TABLE trending_sounds (sound_id TEXT PRIMARY KEY, reels INTEGER NOT NULL, heat REAL NOT NULL);
      CREATE INDEX temp.trending_sounds_hot ON trending_sounds (heat);`)
  }

  function fill(): void {
    db.prepare('INSERT INTO temp.trending_clock (cutoff) VALUES (?)').run(cutoff)
    db.exec(`
      INSERT INTO temp.trending_reels (reel_id, sound_id, live, events, heat)
      SELECT r.id, COALESCE(r.sound_source_reel_id, r.id), r.status = 'published', e.events, e.heat
        FROM (SELECT reel_id, COUNT(*) AS events, SUM(heat) AS heat
                FROM (${eventsBetween(String(cutoff))}) GROUP BY reel_id) e
        CROSS JOIN reels r ON r.id = e.reel_id;
      INSERT INTO temp.trending_tags (tag, reels, heat)
      SELECT h.tag, COUNT(*), SUM(t.heat) FROM temp.trending_reels t
        JOIN reel_hashtags h ON h.reel_id = t.reel_id WHERE t.live = 1 GROUP BY h.tag;
      INSERT INTO temp.trending_sounds (sound_id, reels, heat)
      SELECT sound_id, COUNT(*), SUM(heat) FROM temp.trending_reels WHERE live = 1 GROUP BY sound_id;`)
  }

  function createTriggers(): void {
    const inWindow = (row: string) => `${row}.created_at > (SELECT cutoff FROM trending_clock)`
    for (const s of sources) {
      db.exec(`
        CREATE TEMP TRIGGER trending_${s.name}_added AFTER INSERT ON ${s.table}
        WHEN ${s.condition?.('NEW') ?? ''} ${inWindow('NEW')} BEGIN
          INSERT INTO trending_reels (reel_id, sound_id, live, events, heat)
          SELECT r.id, COALESCE(r.sound_source_reel_id, r.id), r.status = 'published', 1,
            ${share('NEW.created_at', s.weight)} FROM reels r WHERE r.id = NEW.reel_id
          ON CONFLICT (reel_id) DO UPDATE SET events = events + 1, heat = heat + excluded.heat;
        END;
        CREATE TEMP TRIGGER trending_${s.name}_removed AFTER DELETE ON ${s.table}
        WHEN ${s.condition?.('OLD') ?? ''} ${inWindow('OLD')} BEGIN
          UPDATE trending_reels SET events = events - 1,
            heat = CASE WHEN events = 1 THEN 0.0 ELSE heat - ${share('OLD.created_at', s.weight)} END
          WHERE reel_id = OLD.reel_id;
        END;`)
    }
    // A reel's row changed: move the difference onto its hashtags and its sound. (Every SELECT
    // here has a WHERE: SQLite's upsert needs one to parse.)
    db.exec(`
      CREATE TEMP TRIGGER trending_reel_row_added AFTER INSERT ON trending_reels WHEN ${counts('NEW')} BEGIN
        ${addTo('tags', `SELECT tag, 1, NEW.heat ${tagsOf('NEW')}`)}
        ${addTo('sounds', 'SELECT NEW.sound_id, 1, NEW.heat WHERE true')}
      END;
      CREATE TEMP TRIGGER trending_reel_row_changed AFTER UPDATE ON trending_reels
      WHEN ${counts('OLD')} OR ${counts('NEW')} BEGIN
        ${addTo('tags', `SELECT tag, ${counts('NEW')} - ${counts('OLD')}, ${heatOf('NEW')} - ${heatOf('OLD')} ${tagsOf('NEW')}`)}
        ${addTo('sounds', `SELECT OLD.sound_id, -1, -OLD.heat WHERE ${counts('OLD')}`)}
        ${addTo('sounds', `SELECT NEW.sound_id, 1, NEW.heat WHERE ${counts('NEW')}`)}
      END;
      CREATE TEMP TRIGGER trending_reel_row_removed AFTER DELETE ON trending_reels WHEN ${counts('OLD')} BEGIN
        ${addTo('tags', `SELECT tag, -1, -OLD.heat ${tagsOf('OLD')}`)}
        ${addTo('sounds', 'SELECT OLD.sound_id, -1, -OLD.heat WHERE true')}
      END;`)
    // Hashtags and publication change outside the events.
    const hot = (reelId: string) => `FROM trending_reels t WHERE t.reel_id = ${reelId} AND ${counts('t')}`
    db.exec(`
      CREATE TEMP TRIGGER trending_tag_added AFTER INSERT ON reel_hashtags BEGIN
        ${addTo('tags', `SELECT NEW.tag, 1, t.heat ${hot('NEW.reel_id')}`)}
      END;
      CREATE TEMP TRIGGER trending_tag_removed AFTER DELETE ON reel_hashtags BEGIN
        ${addTo('tags', `SELECT OLD.tag, -1, -t.heat ${hot('OLD.reel_id')}`)}
      END;
      CREATE TEMP TRIGGER trending_reel_status AFTER UPDATE OF status, sound_source_reel_id ON reels BEGIN
        UPDATE trending_reels SET live = NEW.status = 'published',
          sound_id = COALESCE(NEW.sound_source_reel_id, NEW.id) WHERE reel_id = NEW.id;
      END;
      -- Before the cascade deletes its events and hashtags, which could no longer be traced back.
      CREATE TEMP TRIGGER trending_reel_deleted BEFORE DELETE ON reels BEGIN
        DELETE FROM trending_reels WHERE reel_id = OLD.id;
      END;`)
  }

  const build = db.transaction((at: number) => {
    dropAll()
    epoch = at
    cutoff = at - windowMs
    purgedAt = cutoff
    createTables()
    fill()
    createTriggers()
  })

  const sweep = db.transaction((upTo: number) => {
    db.prepare('UPDATE temp.trending_clock SET cutoff = ?').run(upTo)
    db.prepare(
      `WITH gone AS (SELECT reel_id, COUNT(*) AS n, SUM(heat) AS heat
                       FROM (${eventsBetween('?', '?')}) GROUP BY reel_id)
       UPDATE temp.trending_reels SET events = events - gone.n,
         heat = CASE WHEN events = gone.n THEN 0.0 ELSE trending_reels.heat - gone.heat END
       FROM gone WHERE trending_reels.reel_id = gone.reel_id`,
    ).run(...sources.flatMap(() => [cutoff, upTo]))
    // Rows left at zero weigh nothing and sort last; dropping them scans whole tables, so it
    // is done once an hour rather than on every refresh.
    if (upTo - purgedAt >= HOUR_MS) {
      db.exec(`DELETE FROM temp.trending_reels WHERE events = 0;
        DELETE FROM temp.trending_tags WHERE reels = 0;
        DELETE FROM temp.trending_sounds WHERE reels = 0;`)
      purgedAt = upTo
    }
    cutoff = upTo
  })

  return {
    /** Brings the window up to `at`; answers the factor that turns stored sums into heat at `at`. */
    advance(at: number): number {
      const upTo = at - windowMs
      // A clock that went back would need events already subtracted: start over.
      if (upTo < cutoff || at - epoch > REBUILD_AFTER_HALF_LIVES * halfLifeMs) build(at)
      else if (upTo > cutoff) sweep(upTo)
      return Math.pow(2, (epoch - at) / halfLifeMs)
    },
    /** Builds the sums from the events (at start-up; later advance() rebuilds when it must). */
    build(at: number): void {
      build(at)
    },
  }
}
