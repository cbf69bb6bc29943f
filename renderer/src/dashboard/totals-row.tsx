// The creator's totals across every published reel (or one reel's counts), one card per number.
import { Eye, Heart, MessageCircle, Share2, Users, type LucideIcon } from 'lucide-react'
import { formatCount } from './dashboard-format'

type Metric = 'views' | 'likes' | 'comments' | 'shares' | 'followers'

const metrics: Array<{ key: Metric; label: string; icon: LucideIcon }> = [
  { key: 'views', label: 'Views', icon: Eye },
  { key: 'likes', label: 'Likes', icon: Heart },
  { key: 'comments', label: 'Comments', icon: MessageCircle },
  { key: 'shares', label: 'Shares', icon: Share2 },
  { key: 'followers', label: 'Followers', icon: Users },
]

/** One card per number given: the account's totals, or one reel's counts (no followers). */
export function TotalsRow({
  totals,
  label = 'Totals',
}: {
  totals: Partial<Record<Metric, number>>
  label?: string
}) {
  return (
    <dl
      className="dash-totals"
      aria-label={label}
      data-cards={metrics.filter(({ key }) => key in totals).length}
    >
      {metrics.map(({ key, label, icon: Icon }) => {
        const value = totals[key]
        if (value === undefined) return null
        return (
          <div key={key} className="dash-total" data-metric={key}>
            <dt>
              <Icon size={15} aria-hidden="true" />
              {label}
            </dt>
            <dd title={value.toLocaleString('en')}>{formatCount(value)}</dd>
          </div>
        )
      })}
    </dl>
  )
}
