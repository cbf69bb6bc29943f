// The creator's totals across every published reel, one card per number.
import { Eye, Heart, MessageCircle, Share2, Users, type LucideIcon } from 'lucide-react'
import type { Dashboard } from '../../../shared/rpc/contract'
import { formatCount } from './dashboard-format'

type Metric = 'views' | 'likes' | 'comments' | 'shares' | 'followers'

const metrics: Array<{ key: Metric; label: string; icon: LucideIcon }> = [
  { key: 'views', label: 'Views', icon: Eye },
  { key: 'likes', label: 'Likes', icon: Heart },
  { key: 'comments', label: 'Comments', icon: MessageCircle },
  { key: 'shares', label: 'Shares', icon: Share2 },
  { key: 'followers', label: 'Followers', icon: Users },
]

export function TotalsRow({ totals }: { totals: NonNullable<Dashboard['totals']> }) {
  return (
    <dl className="dash-totals" aria-label="Totals">
      {metrics.map(({ key, label, icon: Icon }) => (
        <div key={key} className="dash-total" data-metric={key}>
          <dt>
            <Icon size={15} aria-hidden="true" />
            {label}
          </dt>
          <dd title={totals[key].toLocaleString('en')}>{formatCount(totals[key])}</dd>
        </div>
      ))}
    </dl>
  )
}
