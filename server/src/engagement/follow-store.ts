// Who follows whom. Following oneself is refused by the route and by the schema's CHECK.
import type Database from 'better-sqlite3'

export function createFollowStore(db: Database.Database, now: () => number = Date.now) {
  const follow = db.prepare(
    'INSERT OR IGNORE INTO follows (follower_id, followee_id, created_at) VALUES (?, ?, ?)',
  )
  const unfollow = db.prepare('DELETE FROM follows WHERE follower_id = ? AND followee_id = ?')
  const followers = db.prepare<[string], { n: number }>(
    'SELECT COUNT(*) AS n FROM follows WHERE followee_id = ?',
  )
  // The primary key (follower_id, followee_id) answers both of these from the index.
  const followingCount = db
    .prepare<[string], number>('SELECT COUNT(*) FROM follows WHERE follower_id = ?')
    .pluck()
  const follows = db
    .prepare<[string, string], number>('SELECT 1 FROM follows WHERE follower_id = ? AND followee_id = ?')
    .pluck()

  return {
    /** Whether this changed anything (following someone already followed does not). */
    setFollowing(followerId: string, followeeId: string, following: boolean): boolean {
      const result = following
        ? follow.run(followerId, followeeId, now())
        : unfollow.run(followerId, followeeId)
      return result.changes > 0
    },
    followerCount(userId: string): number {
      return followers.get(userId)!.n
    },
    /** How many accounts this user follows. */
    followingCount(userId: string): number {
      return followingCount.get(userId)!
    },
    isFollowing(followerId: string, followeeId: string): boolean {
      return follows.get(followerId, followeeId) !== undefined
    },
  }
}

export type FollowStore = ReturnType<typeof createFollowStore>
