// Links from the viewer app into Spool Studio: spool://use-sound?server=<origin>&sound=<reel id>.
// The viewer's sound page builds one, the studio (Electron's spool: protocol, or studio:web's
// ?open=) parses it. A link can come from any web page, so parsing is strict: whatever it returns
// is safe to sign in to and fetch from, and anything else is null.
import { isReelId } from '../reel/reel-id'

export interface UseSoundLink {
  /** The server's origin, e.g. "https://spool.example" (no path, no trailing slash). */
  server: string
  /** The reel id the sound comes from (an original sound's own reel). */
  sound: string
}

const SCHEME = 'spool:'
const ACTION = 'use-sound'
/** Far above any real link; keeps a hostile page from handing the studio megabytes to parse. */
const MAX_LINK_LENGTH = 2048

/** The origin of an http(s) URL that is nothing but an origin; null for anything else. */
function serverOrigin(text: string): string | null {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  // Credentials in a link would be sent to the server by whoever follows it; a path or query
  // would mean the link names something other than the server the API lives at.
  if (url.username || url.password) return null
  if (url.pathname !== '/' || url.search || url.hash) return null
  return url.origin
}

/** The link for "Use this sound"; throws on a server or sound that parseUseSoundLink would refuse. */
export function buildUseSoundLink({ server, sound }: UseSoundLink): string {
  const origin = serverOrigin(server)
  if (origin === null) throw new Error(`not an http(s) server origin: ${server}`)
  if (!isReelId(sound)) throw new Error(`not a reel id: ${sound}`)
  return `${SCHEME}//${ACTION}?server=${encodeURIComponent(origin)}&sound=${encodeURIComponent(sound)}`
}

/** { server, sound } for a well-formed use-sound link; null for anything else. */
export function parseUseSoundLink(text: string): UseSoundLink | null {
  if (text.length > MAX_LINK_LENGTH) return null
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return null
  }
  if (url.protocol !== SCHEME || url.hostname !== ACTION) return null
  // Some platforms hand a custom-scheme link over with a "/" after the host; nothing else may follow.
  if (url.pathname !== '' && url.pathname !== '/') return null
  if (url.username || url.password || url.port || url.hash) return null
  // Unknown parameters are ignored so that a newer server's link still opens in an older studio;
  // a repeated known one is refused, since which copy wins would be a guess.
  const servers = url.searchParams.getAll('server')
  const sounds = url.searchParams.getAll('sound')
  if (servers.length !== 1 || sounds.length !== 1) return null
  const server = serverOrigin(servers[0]!)
  const sound = sounds[0]!
  if (server === null || !isReelId(sound)) return null
  return { server, sound }
}
