import { useEffect } from 'react'
import { SignInDialog } from './auth/auth-dialog'
import { Toast } from './components/toast'
import { TopBar } from './components/top-bar'
import { CreatorPage } from './pages/creator-page'
import { FeedPage } from './pages/feed-page'
import { NotFoundPage } from './pages/not-found-page'
import { SearchPage } from './pages/search-page'
import { SoundPage } from './pages/sound-page'
import { TagPage } from './pages/tag-page'
import { useLocationKey, usePathname } from './routing/history'
import { parseRoute, type Route } from './routing/routes'

function titleFor(route: Route): string {
  switch (route.name) {
    case 'feed':
      return 'Spool'
    case 'reel':
      return 'Reel · Spool'
    case 'creator':
      return `@${route.username} · Spool`
    case 'tag':
      return `#${route.tag} · Spool`
    case 'sound':
      return 'Sound · Spool'
    case 'search':
      return 'Search · Spool'
    case 'not-found':
      return 'Not found · Spool'
  }
}

function Page({ route, locationKey }: { route: Route; locationKey: string }) {
  switch (route.name) {
    // One component for both, keyed by the history entry: when the feed rewrites the address to
    // the reel on screen, the feed stays as it is instead of starting again from that reel.
    case 'feed':
    case 'reel':
      return <FeedPage key={locationKey} initialReelId={route.name === 'reel' ? route.reelId : undefined} />
    case 'creator':
      return <CreatorPage username={route.username} />
    case 'tag':
      return <TagPage tag={route.tag} />
    case 'sound':
      return <SoundPage soundId={route.soundId} />
    case 'search':
      return <SearchPage />
    case 'not-found':
      return <NotFoundPage />
  }
}

export function App() {
  const route = parseRoute(usePathname())
  const locationKey = useLocationKey()
  const title = titleFor(route)
  useEffect(() => {
    document.title = title
  }, [title])

  return (
    <div className="app">
      <TopBar route={route} />
      <main className="main">
        <Page route={route} locationKey={locationKey} />
      </main>
      <SignInDialog />
      <Toast />
    </div>
  )
}
