// The Dashboard before its issue lands: a clear title and an honest empty state saying what will
// appear and what the person does to get there.
import { ChartNoAxesColumn } from 'lucide-react'
import { EmptyState } from '../components/empty-state'
import { ScreenHeader } from '../components/screen-header'

export function DashboardScreen() {
  return (
    <>
      <ScreenHeader
        title="Dashboard"
        subtitle="Views, likes, comments and watch time of your published reels."
      />
      <EmptyState icon={ChartNoAxesColumn} title="No numbers yet">
        <p>Publish a reel to a Spool server and its numbers appear here live.</p>
      </EmptyState>
    </>
  )
}
