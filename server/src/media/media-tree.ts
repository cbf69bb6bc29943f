// The published tree: <dataDir>/media holds the folder of every published reel and nothing else,
// so whatever serves files from it (nginx's shipped site, server/deploy/nginx.conf) needs no
// question per request. This module is the one place that moves a reel's folder when its status
// changes, so the tree and the database can only disagree for the moment between the two steps:
//   publish  files first (staging → media/<id>), then the ingest's commit: the database never
//            calls a reel published whose files are missing;
//   remove   the database first (the server answers 410 at once), then media/<id> → removed/<id>;
//   restore  the database first, then removed/<id> → media/<id>.
// Each move is one rename (atomic on one filesystem). A crash between the two steps is undone by
// reconcile() at start-up, which makes the tree follow the database.
import type Database from 'better-sqlite3'
import { mkdir, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { isReelId } from '../../../shared/reel/reel-id'

export interface MediaTreeLog {
  warn(fields: object, message: string): void
}

type Status = 'processing' | 'published' | 'rejected' | 'removed'

/** Told after a reel was removed or restored here (the database already says so). */
export type StatusChangeListener = (reelId: string, status: 'removed' | 'published') => void

export function createMediaTree(db: Database.Database, dataDir: string, now: () => number = Date.now) {
  const mediaDir = join(dataDir, 'media')
  const removedDir = join(dataDir, 'removed')
  const statusOf = db.prepare<[string], { status: Status }>('SELECT status FROM reels WHERE id = ?')
  const markRemoved = db.prepare(
    `UPDATE reels SET status = 'removed', removed_at = ? WHERE id = ? AND status = 'published'`,
  )
  const markRestored = db.prepare(
    `UPDATE reels SET status = 'published', removed_at = NULL WHERE id = ? AND status = 'removed'`,
  )

  const listeners = new Set<StatusChangeListener>()
  const tell = (reelId: string, status: 'removed' | 'published') => {
    for (const listener of listeners) listener(reelId, status)
  }

  const publishedPath = (reelId: string) => join(mediaDir, reelId)
  const removedPath = (reelId: string) => join(removedDir, reelId)

  /** Moves `from` to `to` if it is there; a leftover at `to` (a crash mid-way) is replaced. */
  async function move(from: string, to: string): Promise<void> {
    try {
      await rename(from, to)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      // Already moved (a repeated call): nothing to do, and `to` is the reel's only copy.
      if (code === 'ENOENT') return
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error
      await rm(to, { recursive: true, force: true })
      await rename(from, to)
    }
  }

  /**
   * One folder's start-up pass: folders of `belongs` reels stay, those of `elsewhere` reels move to
   * `elsewherePath`, and anything else is deleted.
   */
  async function settle(
    dir: string,
    belongs: Status,
    elsewhere: Status,
    elsewherePath: (reelId: string) => string,
    log: MediaTreeLog,
  ): Promise<void> {
    for (const name of await readdir(dir)) {
      const status = isReelId(name) ? statusOf.get(name)?.status : undefined
      if (status === belongs) continue
      if (status === elsewhere) {
        await move(join(dir, name), elsewherePath(name))
        log.warn(
          { reelId: name, status, from: dir },
          'media: moved a reel folder to where its status says (crash recovery)',
        )
      } else {
        await rm(join(dir, name), { recursive: true, force: true })
        log.warn(
          { reelId: name, status, from: dir },
          'media: deleted the files of a reel that is neither published nor removed (crash recovery)',
        )
      }
    }
  }

  return {
    mediaDir,
    removedDir,

    /** Calls `listener` after every removal and restore made through this tree; returns an unsubscribe. */
    onStatusChange(listener: StatusChangeListener): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },

    /** Prepares both folders; call once before anything else. */
    async init(): Promise<void> {
      await mkdir(mediaDir, { recursive: true })
      await mkdir(removedDir, { recursive: true })
    },

    /** Puts a checked package's folder in place; the caller commits the publish afterwards. */
    async placeStaged(reelId: string, stagingDir: string): Promise<void> {
      // Anything already there is a leftover of a crash before a commit: not published.
      await rm(publishedPath(reelId), { recursive: true, force: true })
      await rename(stagingDir, publishedPath(reelId))
    },

    /** A published reel leaves the tree (nginx may finish files it has open: nginx.conf). False: not published. */
    async remove(reelId: string): Promise<boolean> {
      if (markRemoved.run(now(), reelId).changes !== 1) return false
      // Before the move: whoever caches what is published must stop serving it now.
      tell(reelId, 'removed')
      await move(publishedPath(reelId), removedPath(reelId))
      return true
    },

    /** A removed reel is published again with the same files. False: it was not removed. */
    async restore(reelId: string): Promise<boolean> {
      if (markRestored.run(reelId).changes !== 1) return false
      await move(removedPath(reelId), publishedPath(reelId))
      tell(reelId, 'published')
      return true
    },

    /**
     * Start-up: the tree follows the database. Folders of removed reels leave media/, folders of
     * published reels come back from removed/, and folders of anything else (a crash before a
     * publish's commit, a reel that no longer exists) are deleted.
     */
    async reconcile(log: MediaTreeLog): Promise<void> {
      await settle(mediaDir, 'published', 'removed', removedPath, log)
      await settle(removedDir, 'removed', 'published', publishedPath, log)
    },
  }
}

export type MediaTree = ReturnType<typeof createMediaTree>
