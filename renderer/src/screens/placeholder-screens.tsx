// Uploads and Dashboard before their issues land: a clear title and an honest
// empty state saying what will appear and what the person does to get there.
import { ChartNoAxesColumn, CloudUpload } from 'lucide-react'
import { EmptyState } from '../components/empty-state'
import { ScreenHeader } from '../components/screen-header'

export function UploadsScreen() {
  return (
    <>
      <ScreenHeader title="Uploads" subtitle="Reels on their way to your Spool server." />
      <EmptyState icon={CloudUpload} title="Nothing is uploading">
        <p>When you encode and queue a reel, its progress, speed and the server’s verdict show up here.</p>
      </EmptyState>
    </>
  )
}

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
