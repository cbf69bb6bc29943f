// What the signed-in viewer has done, as the server last said: which reels they like (the
// `viewer` of GET /api/reels/:id), whom they follow and hide (the `viewer` of
// GET /api/users/:username), updated by the answers to their own writes. Kept in memory for the
// signed-in account only — a like made on another device shows here as soon as the reel is
// fetched. The outbox's waiting likes are laid over this by use-like.ts.
import { useSyncExternalStore } from 'react'

type Relation = 'liked' | 'following' | 'hidden'

let owner: string | null = null
const marks: Record<Relation, Map<string, boolean>> = {
  liked: new Map(),
  following: new Map(),
  hidden: new Map(),
}
const listeners = new Set<() => void>()

/** The maps, emptied first when they belonged to another account. */
function marksOf(username: string) {
  if (owner !== username) {
    owner = username
    for (const map of Object.values(marks)) map.clear()
  }
  return marks
}

function changed(): void {
  for (const listener of listeners) listener()
}

/** Records what the server said for `username` (answers for another account are dropped). */
export function setMark(username: string, relation: Relation, id: string, value: boolean): void {
  const map = marksOf(username)[relation]
  if (map.get(id) === value) return
  map.set(id, value)
  changed()
}

/** Whether the server has told us if `username` likes this reel. */
export function knowsLiked(username: string, reelId: string): boolean {
  return owner === username && marks.liked.has(reelId)
}

/** `username`'s relation to a reel or creator; false until the server has said otherwise. */
export function useMark(username: string | null, relation: Relation, id: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      listeners.add(onChange)
      return () => listeners.delete(onChange)
    },
    () => username !== null && owner === username && marks[relation].get(id) === true,
  )
}
