// A Radix radio group drawn as selectable cards (theme, encoder): arrow keys move, Space selects.
import * as RadioGroup from '@radix-ui/react-radio-group'
import { Check, type LucideIcon } from 'lucide-react'

export interface Choice<V extends string> {
  value: V
  label: string
  description: string
  icon: LucideIcon
}

export function ChoiceGroup<V extends string>(props: {
  id: string
  value: V
  choices: readonly Choice<V>[]
  onChange(value: V): void
  columns: number
}) {
  const { id, value, choices, onChange, columns } = props
  return (
    <RadioGroup.Root
      className="choice-group"
      style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
      value={value}
      onValueChange={(next) => onChange(next as V)}
      aria-labelledby={`${id}-label`}
      aria-describedby={`${id}-status`}
    >
      {choices.map(({ value: choice, label, description, icon: Icon }) => (
        <RadioGroup.Item
          key={choice}
          value={choice}
          className="choice"
          aria-label={label}
          aria-describedby={`${id}-${choice}-description`}
        >
          <span className="choice-icon" aria-hidden="true">
            <Icon size={18} strokeWidth={1.8} />
          </span>
          <span className="choice-text">
            <span className="choice-label">{label}</span>
            <span id={`${id}-${choice}-description`} className="choice-description">
              {description}
            </span>
          </span>
          <RadioGroup.Indicator className="choice-check" aria-hidden="true">
            <Check size={14} strokeWidth={2.6} />
          </RadioGroup.Indicator>
        </RadioGroup.Item>
      ))}
    </RadioGroup.Root>
  )
}
