import { LoaderCircle } from 'lucide-react'

export function LoadingSpinner({ label }: { label: string }) {
  return (
    <div className="loading" role="status">
      <LoaderCircle className="spin" size={28} aria-hidden="true" />
      <span className="visually-hidden">{label}</span>
    </div>
  )
}
