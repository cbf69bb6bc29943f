// The editor's keyboard, as UI.md has it: Space plays, J/K/L scrub (J back a second per press,
// K pauses, L plays and each further L doubles the speed), I/O set in/out at the playhead, ←/→ step
// one frame (Shift: one second), Ctrl/Cmd+Z undo, Shift+Ctrl/Cmd+Z (or Ctrl+Y) redo. Nothing fires
// while typing in a text field, and controls that own a key (sliders, radios, buttons) keep it.
import { useEffect, useLayoutEffect, useRef } from 'react'

export interface EditorKeyActions {
  togglePlay(): void
  back(): void
  pause(): void
  forward(): void
  markIn(): void
  markOut(): void
  step(frames: number): void
  stepSeconds(seconds: number): void
  undo(): void
  redo(): void
}

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || target.closest('input, textarea, select') !== null
}

/** Keys a focused control handles itself (Space on a button, arrows on a slider or radio group). */
function ownedByControl(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (key === ' ' && target.closest('button, [role="radio"], a')) return true
  return (
    key.startsWith('Arrow') && target.closest('[role="slider"], [role="radio"], [role="radiogroup"]') !== null
  )
}

export function useEditorKeys(actions: EditorKeyActions): void {
  const ref = useRef(actions)
  useLayoutEffect(() => {
    ref.current = actions
  })
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || typing(event.target) || ownedByControl(event.target, event.key)) return
      const run = ref.current
      const key = event.key.toLowerCase()
      const command = event.ctrlKey || event.metaKey
      let handled = true
      if (command && key === 'z') (event.shiftKey ? run.redo : run.undo)()
      else if (command && key === 'y') run.redo()
      else if (command || event.altKey) handled = false
      else if (key === ' ') run.togglePlay()
      else if (key === 'j') run.back()
      else if (key === 'k') run.pause()
      else if (key === 'l') run.forward()
      else if (key === 'i') run.markIn()
      else if (key === 'o') run.markOut()
      else if (key === 'arrowleft') (event.shiftKey ? () => run.stepSeconds(-1) : () => run.step(-1))()
      else if (key === 'arrowright') (event.shiftKey ? () => run.stepSeconds(1) : () => run.step(1))()
      else handled = false
      if (handled) event.preventDefault()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}
