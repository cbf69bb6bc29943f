// A compact Radix radio group drawn as a segmented control (fit/fill, sound): arrow keys move,
// each option has a visible label and an icon; an option can be shown but not offered yet.
import * as RadioGroup from '@radix-ui/react-radio-group'
import type { LucideIcon } from 'lucide-react'

export interface SegmentOption<V extends string> {
  value: V
  label: string
  icon: LucideIcon
  /** Shown, not selectable, with this note (e.g. "coming soon"). */
  unavailable?: string
}

export function SegmentedChoice<V extends string>(props: {
  label: string
  value: V
  options: readonly SegmentOption<V>[]
  disabled?: boolean
  onChange(value: V): void
}) {
  const { label, value, options, disabled, onChange } = props
  return (
    <RadioGroup.Root
      className="segmented"
      aria-label={label}
      value={value}
      disabled={disabled}
      onValueChange={(next) => onChange(next as V)}
      orientation="horizontal"
    >
      {options.map(({ value: option, label: optionLabel, icon: Icon, unavailable }) => (
        <RadioGroup.Item
          key={option}
          value={option}
          className="segment"
          disabled={Boolean(unavailable)}
          aria-label={optionLabel}
          title={unavailable ? `${optionLabel}: ${unavailable}` : optionLabel}
        >
          <Icon size={16} strokeWidth={1.8} aria-hidden="true" />
          <span className="segment-label">{optionLabel}</span>
          {unavailable ? <span className="segment-note">{unavailable}</span> : null}
        </RadioGroup.Item>
      ))}
    </RadioGroup.Root>
  )
}
