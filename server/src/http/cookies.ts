// Just enough cookie handling for one session cookie and its CSRF twin: parse the Cookie header,
// format Set-Cookie with the attributes a session cookie needs.
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>()
  if (!header) return cookies
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq <= 0) continue
    const name = part.slice(0, eq).trim()
    const raw = part.slice(eq + 1).trim()
    try {
      if (!cookies.has(name)) cookies.set(name, decodeURIComponent(raw))
    } catch {
      // A malformed value is ignored like a missing one.
    }
  }
  return cookies
}

export interface CookieOptions {
  maxAgeSeconds: number
  httpOnly: boolean
  secure: boolean
}

export function formatCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    `Max-Age=${options.maxAgeSeconds}`,
    'SameSite=Lax',
  ]
  if (options.httpOnly) parts.push('HttpOnly')
  if (options.secure) parts.push('Secure')
  return parts.join('; ')
}
