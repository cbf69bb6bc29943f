// Dashboard: the creator's totals, each published reel's live numbers, and the notifications feed
// (reply to or delete a comment from it), read from the core's local copy of creator:<username> —
// so it opens offline with the last known numbers and says how old they are. A reel's row opens
// it in detail (reel-detail-panel.tsx).
import { BellOff, ChartNoAxesColumn, LogIn } from 'lucide-react'
import { useState } from 'react'
import { SignInDialog } from '../account/sign-in-dialog'
import { serverHost } from '../account/use-account'
import { EmptyState } from '../components/empty-state'
import { ScreenHeader } from '../components/screen-header'
import { NotificationFeed } from './notification-feed'
import { OutboxList } from './outbox-list'
import { ReelDetailPanel } from './reel-detail-panel'
import { ReelStatsList } from './reel-stats-list'
import { SyncIndicator } from './sync-indicator'
import { TotalsRow } from './totals-row'
import { useDashboard } from './use-dashboard'

const SUBTITLE = 'Views, likes, comments and followers of your published reels, live.'

export function DashboardScreen() {
  const { dashboard, loadError } = useDashboard()
  const [signingIn, setSigningIn] = useState(false)
  const [openReelId, setOpenReelId] = useState<string | null>(null)

  if (dashboard?.sync.state === 'signed-out') {
    return (
      <div className="dash">
        <ScreenHeader title="Dashboard" subtitle={SUBTITLE} />
        <EmptyState icon={LogIn} title="Sign in to see your numbers">
          <p>
            Your reels’ views, likes, comments and new followers appear here live once you sign in to{' '}
            {serverHost(dashboard.sync.serverUrl)}.
          </p>
          <p className="dash-empty-action">
            <button type="button" className="button button-primary" onClick={() => setSigningIn(true)}>
              Sign in
            </button>
          </p>
        </EmptyState>
        <SignInDialog open={signingIn} onOpenChange={setSigningIn} />
      </div>
    )
  }

  const openRow = dashboard?.reels.find((reel) => reel.reelId === openReelId)
  const nothingYet =
    dashboard !== null &&
    dashboard.totals === null &&
    dashboard.reels.length === 0 &&
    dashboard.notifications.length === 0
  return (
    <div className="dash">
      <ScreenHeader
        title="Dashboard"
        subtitle={SUBTITLE}
        actions={dashboard ? <SyncIndicator sync={dashboard.sync} /> : null}
      />
      {loadError ? (
        <p className="library-error" role="alert">
          The dashboard could not be loaded: {loadError}
        </p>
      ) : null}
      {dashboard === null ? null : nothingYet ? (
        <EmptyState icon={ChartNoAxesColumn} title="No numbers yet">
          <p>Publish a reel to {serverHost(dashboard.sync.serverUrl)} and its numbers appear here live.</p>
        </EmptyState>
      ) : (
        <>
          {dashboard.totals ? <TotalsRow totals={dashboard.totals} /> : null}
          <div className="dash-columns">
            <section className="dash-panel" aria-labelledby="dash-reels-title">
              <h2 className="section-title" id="dash-reels-title">
                Reels
              </h2>
              {dashboard.reels.length > 0 ? (
                <ReelStatsList reels={dashboard.reels} onOpen={setOpenReelId} />
              ) : (
                <p className="dash-quiet">No published reels yet.</p>
              )}
            </section>
            <section className="dash-panel" aria-labelledby="dash-notes-title">
              <h2 className="section-title" id="dash-notes-title">
                Notifications
              </h2>
              {dashboard.outbox.length > 0 ? <OutboxList items={dashboard.outbox} /> : null}
              {dashboard.notifications.length > 0 ? (
                <NotificationFeed notifications={dashboard.notifications} reels={dashboard.reels} />
              ) : (
                <p className="dash-quiet">
                  <BellOff size={15} aria-hidden="true" />
                  New comments, like milestones and followers show up here.
                </p>
              )}
            </section>
          </div>
          <ReelDetailPanel
            // Only a reel the Dashboard lists (after a sign-in as someone else, it is not theirs).
            reelId={openRow ? openReelId : null}
            row={openRow}
            onClose={() => setOpenReelId(null)}
          />
        </>
      )}
    </div>
  )
}
