import { Check, Ellipsis, Heart, Link2, MessageCircle } from 'lucide-react'
import { useState, type ReactNode } from 'react'
import { paths } from '../routing/routes'

/**
 * Like, comment, share, more. Only sharing (copying the link) works before accounts and
 * engagement exist on the server; the others are shown disabled so the layout is the real one.
 */
export function ActionRail({ reelId }: { reelId: string }) {
  const [copied, setCopied] = useState(false)

  async function copyLink() {
    const url = new URL(paths.reel(reelId), window.location.origin).href
    try {
      await navigator.clipboard.writeText(url)
      setCopied(true)
      window.setTimeout(() => setCopied(false), 1500)
    } catch {
      window.prompt('Copy this link', url)
    }
  }

  return (
    <div className="action-rail">
      <RailButton label="Like" disabled icon={<Heart size={24} aria-hidden="true" />} />
      <RailButton label="Comments" disabled icon={<MessageCircle size={24} aria-hidden="true" />} />
      <RailButton
        label={copied ? 'Link copied' : 'Copy link'}
        onClick={copyLink}
        icon={copied ? <Check size={24} aria-hidden="true" /> : <Link2 size={24} aria-hidden="true" />}
      />
      <RailButton label="More" disabled icon={<Ellipsis size={24} aria-hidden="true" />} />
    </div>
  )
}

function RailButton(props: { label: string; icon: ReactNode; onClick?: () => void; disabled?: boolean }) {
  return (
    <button
      type="button"
      className="rail-button"
      aria-label={props.label}
      title={props.disabled ? `${props.label} — coming soon` : props.label}
      disabled={props.disabled}
      onClick={props.onClick}
    >
      {props.icon}
    </button>
  )
}
