// How the server changes its documents: always towards a value read from the database, and only
// where it differs, so an unchanged number costs no update and the documents stay small.
import type * as Y from 'yjs'
import type { LiveComment, LiveNotification } from '../../../shared/api/live-docs'

/** Sets each number that differs from the map's current value. */
export function setNumbers(map: Y.Map<unknown>, values: Readonly<Record<string, number>>): void {
  for (const [key, value] of Object.entries(values)) {
    if (map.get(key) !== value) map.set(key, value)
  }
}

/** Sets (or with undefined, deletes) a JSON entry, replaced whole, unless it is already equal. */
export function setEntry(map: Y.Map<unknown>, key: string, value: object | undefined): void {
  if (value === undefined) {
    if (map.has(key)) map.delete(key)
    return
  }
  if (JSON.stringify(map.get(key)) !== JSON.stringify(value)) map.set(key, value)
}

/**
 * Makes the array list exactly `wanted` (both ordered oldest first, by id): removes entries that
 * are gone (deleted, or pushed out by newer ones) and inserts the missing ones in place. Entries
 * that stay are not touched, so clients see one insert per new comment, not a rewrite.
 */
export function reconcileComments(array: Y.Array<LiveComment>, wanted: readonly LiveComment[]): void {
  const wantedIds = new Set(wanted.map((c) => c.id))
  const current = array.toArray()
  for (let i = current.length - 1; i >= 0; i--) {
    if (!wantedIds.has(current[i]!.id)) array.delete(i, 1)
  }
  const kept = array.toArray()
  for (let i = 0; i < wanted.length; i++) {
    if (kept[i]?.id !== wanted[i]!.id) {
      array.insert(i, [wanted[i]!])
      kept.splice(i, 0, wanted[i]!)
    }
  }
  // Only reachable if the array was out of order: whatever is left over does not belong.
  if (array.length > wanted.length) array.delete(wanted.length, array.length - wanted.length)
}

/** Appends a notification and drops the oldest beyond `keep`. */
export function pushNotification(
  array: Y.Array<LiveNotification>,
  item: LiveNotification,
  keep: number,
): void {
  array.push([item])
  if (array.length > keep) array.delete(0, array.length - keep)
}

/** Removes the notifications `gone` says should go (e.g. about a comment that was deleted). */
export function removeNotifications(
  array: Y.Array<LiveNotification>,
  gone: (item: LiveNotification) => boolean,
): void {
  const items = array.toArray()
  for (let i = items.length - 1; i >= 0; i--) if (gone(items[i]!)) array.delete(i, 1)
}
