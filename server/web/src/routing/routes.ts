// The viewer app's pages and their URLs (API.md "Feed and viewing"). The server falls back to
// index.html for the same patterns (server/src/http/viewer-app.ts).

export type Route =
  | { name: 'feed' }
  | { name: 'reel'; reelId: string }
  | { name: 'creator'; username: string }
  | { name: 'tag'; tag: string }
  | { name: 'sound'; soundId: string }
  | { name: 'search' }
  | { name: 'not-found' }

function decode(segment: string): string | null {
  try {
    const value = decodeURIComponent(segment)
    return value.trim() === '' ? null : value
  } catch {
    return null
  }
}

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/'
  if (path === '/') return { name: 'feed' }
  if (path === '/search') return { name: 'search' }
  let match = /^\/r\/([^/]+)$/.exec(path)
  if (match) {
    const reelId = decode(match[1]!)
    return reelId ? { name: 'reel', reelId } : { name: 'not-found' }
  }
  match = /^\/@([^/]+)$/.exec(path)
  if (match) {
    const username = decode(match[1]!)
    return username ? { name: 'creator', username } : { name: 'not-found' }
  }
  match = /^\/t\/([^/]+)$/.exec(path)
  if (match) {
    const tag = decode(match[1]!)?.replace(/^#/, '')
    return tag ? { name: 'tag', tag } : { name: 'not-found' }
  }
  match = /^\/s\/([^/]+)$/.exec(path)
  if (match) {
    const soundId = decode(match[1]!)
    return soundId ? { name: 'sound', soundId } : { name: 'not-found' }
  }
  return { name: 'not-found' }
}

export const paths = {
  feed: () => '/',
  reel: (reelId: string) => `/r/${encodeURIComponent(reelId)}`,
  creator: (username: string) => `/@${encodeURIComponent(username)}`,
  tag: (tag: string) => `/t/${encodeURIComponent(tag)}`,
  sound: (soundId: string) => `/s/${encodeURIComponent(soundId)}`,
  search: (q = '') => (q.trim() ? `/search?${new URLSearchParams({ q: q.trim() })}` : '/search'),
}
