// The bridge prints a URL with ?token=…; we keep the token in sessionStorage (this tab only, gone
// when it closes) and take it out of the address bar so it is not bookmarked, shared or screenshotted.
const TOKEN_KEY = 'spool.bridge-token'

export function takeBridgeToken(): string | null {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    // A freshly opened link wins over an older token: the bridge makes a new one on every run.
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    url.searchParams.delete('token')
    history.replaceState(history.state, '', url.pathname + url.search + url.hash)
    return fromUrl
  }
  return sessionStorage.getItem(TOKEN_KEY)
}

/** The token already taken from the URL, for media URLs (<video>/<img> cannot send headers). */
export function currentBridgeToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY)
}
