// "More" on a reel: not interested, hide its creator from the feed, or report it with a reason
// (and an optional note). All need an account; a signed-out viewer is asked to log in.
import * as Dialog from '@radix-ui/react-dialog'
import * as RadioGroup from '@radix-ui/react-radio-group'
import { EyeOff, Flag, ThumbsDown } from 'lucide-react'
import { useId, useState, type FormEvent } from 'react'
import { REPORT_NOTE_MAX_LENGTH, reportReasons, type ReportReason } from '../../../../shared/api/engagement'
import type { FeedReel } from '../api/feed'
import { askToSignIn } from '../auth/sign-in-prompt'
import { engagementErrorMessage } from '../engagement/engagement-errors'
import { sendHidden, sendNotInterested, sendReport } from '../engagement/engagement-api'
import { randomId } from '../engagement/random-id'
import { setMark } from '../engagement/viewer-marks'
import { useSession } from '../session/session-store'
import { CentredDialog } from './centred-dialog'
import { FormError, SubmitButton } from './form-parts'
import { showToast } from './toast'

const reasonLabels: Record<ReportReason, string> = {
  spam: 'Spam or scam',
  nudity: 'Nudity or sexual content',
  violence: 'Violence or dangerous acts',
  harassment: 'Harassment or bullying',
  hate: 'Hate speech',
  self_harm: 'Suicide or self-harm',
  misinformation: 'False information',
  copyright: 'Intellectual property',
  other: 'Something else',
}

export function MoreSheet(props: { reel: FeedReel; open: boolean; onClose: () => void }) {
  const [view, setView] = useState<'menu' | 'report'>('menu')
  function close() {
    props.onClose()
    setView('menu')
  }
  return (
    <CentredDialog open={props.open} onClose={close} className="more-dialog">
      {view === 'menu' ? (
        <MoreMenu reel={props.reel} onReport={() => setView('report')} onDone={close} />
      ) : (
        <ReportForm reel={props.reel} onDone={close} />
      )}
    </CentredDialog>
  )
}

function useRequireSignIn(onNeeded: () => void) {
  const session = useSession()
  return (reason: string): boolean => {
    if (session.status === 'signed-in') return true
    onNeeded()
    askToSignIn({ mode: 'login', reason })
    return false
  }
}

function MoreMenu(props: { reel: FeedReel; onReport: () => void; onDone: () => void }) {
  const requireSignIn = useRequireSignIn(props.onDone)
  const session = useSession()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const creator = props.reel.creator.username
  const mine = session.status === 'signed-in' && session.user.username === creator

  /** Sends one feed preference; the toast says what changed. */
  function tune(send: () => Promise<unknown>, done: string) {
    if (!requireSignIn('Log in to tune what your feed shows you.')) return
    setBusy(true)
    setError(null)
    send().then(
      () => {
        props.onDone()
        showToast(done)
      },
      (failure: unknown) => {
        setBusy(false)
        setError(engagementErrorMessage(failure))
      },
    )
  }

  const notInterested = () =>
    tune(() => sendNotInterested(props.reel.id), "Got it — you'll see fewer reels like this.")
  const hideCreator = () =>
    tune(async () => {
      await sendHidden(creator, true)
      if (session.status === 'signed-in') setMark(session.user.username, 'hidden', creator, true)
    }, `You won't see @${creator} in your feed. Their page can show them again.`)

  return (
    <>
      <Dialog.Title className="dialog-title">More options</Dialog.Title>
      <Dialog.Description className="visually-hidden">
        Options for the reel by @{props.reel.creator.username}
      </Dialog.Description>
      <div className="menu-list">
        <button type="button" className="menu-item" onClick={notInterested} disabled={busy}>
          <ThumbsDown size={20} aria-hidden="true" />
          Not interested
        </button>
        {!mine && (
          <button type="button" className="menu-item" onClick={hideCreator} disabled={busy}>
            <EyeOff size={20} aria-hidden="true" />
            Hide @{creator}
          </button>
        )}
        <button
          type="button"
          className="menu-item is-danger"
          onClick={() => requireSignIn('Log in to report a reel.') && props.onReport()}
        >
          <Flag size={20} aria-hidden="true" />
          Report
        </button>
      </div>
      <FormError message={error} />
    </>
  )
}

function ReportForm(props: { reel: FeedReel; onDone: () => void }) {
  const id = useId()
  const [reason, setReason] = useState<ReportReason | null>(null)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  // One key for this report however often "Send" is pressed: a retry never files it twice.
  const [key] = useState(randomId)

  function submit(event: FormEvent) {
    event.preventDefault()
    if (!reason) {
      setError('Choose a reason.')
      return
    }
    setBusy(true)
    setError(null)
    sendReport(props.reel.id, reason, note, key).then(
      () => {
        props.onDone()
        showToast('Thanks for reporting. A moderator will look at this reel.')
      },
      (failure: unknown) => {
        setBusy(false)
        setError(engagementErrorMessage(failure))
      },
    )
  }

  return (
    <form className="report-form" onSubmit={submit}>
      <Dialog.Title className="dialog-title">Report this reel</Dialog.Title>
      <Dialog.Description className="dialog-text">
        Your report is private. @{props.reel.creator.username} won't see who sent it.
      </Dialog.Description>
      <RadioGroup.Root
        className="reason-list"
        aria-label="Reason"
        value={reason ?? ''}
        onValueChange={(value) => setReason(value as ReportReason)}
      >
        {reportReasons.map((value) => (
          <label key={value} className="reason-option" htmlFor={`${id}-${value}`}>
            <RadioGroup.Item className="radio" value={value} id={`${id}-${value}`}>
              <RadioGroup.Indicator className="radio-dot" />
            </RadioGroup.Item>
            {reasonLabels[value]}
          </label>
        ))}
      </RadioGroup.Root>
      <div className="field">
        <label htmlFor={`${id}-note`}>Anything else? (optional)</label>
        <textarea
          id={`${id}-note`}
          className="textarea"
          rows={2}
          maxLength={REPORT_NOTE_MAX_LENGTH}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
      <FormError message={error} />
      <SubmitButton busy={busy}>Send report</SubmitButton>
    </form>
  )
}
