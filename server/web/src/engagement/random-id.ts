// Random ids made in the browser: Idempotency-Keys (made when the viewer acts, so a replay days
// later is still the same action) and the anonymous viewer's session id for views.
// crypto.getRandomValues works on plain-http servers too, unlike crypto.randomUUID.

/** 128 random bits as 22 URL-safe characters (matches the server's viewSessionIdSchema). */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}
