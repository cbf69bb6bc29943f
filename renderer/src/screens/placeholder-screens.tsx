// Library, Create, Uploads and Dashboard before their issues land: a clear title and an honest
// empty state saying what will appear and what the person does to get there.
import { ChartNoAxesColumn, Clapperboard, CloudUpload, Film } from 'lucide-react'
import { EmptyState } from '../components/empty-state'
import { ScreenHeader } from '../components/screen-header'

export function LibraryScreen() {
  return (
    <>
      <ScreenHeader title="Library" subtitle="Your imported videos, drafts and published reels." />
      <EmptyState icon={Film} title="Import a video to start">
        <p>Videos you import are copied into your library and become drafts you can edit into reels.</p>
        <p className="empty-note">Importing is not available in this build yet.</p>
      </EmptyState>
    </>
  )
}

export function CreateScreen() {
  return (
    <>
      <ScreenHeader
        title="Create"
        subtitle="Trim, crop to 9:16, pick a cover, write a caption, choose a sound."
      />
      <EmptyState icon={Clapperboard} title="No draft open">
        <p>Open a draft from your Library to edit it here.</p>
      </EmptyState>
    </>
  )
}

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
