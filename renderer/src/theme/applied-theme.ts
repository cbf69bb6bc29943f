// Puts the chosen theme on <html data-theme>. 'system' follows prefers-color-scheme live. The last
// theme is cached locally so a reload paints in the right colours before the core has answered.
import { useEffect } from 'react'
import type { Settings } from '../../../shared/rpc/contract'

type Theme = Settings['theme']
const CACHE_KEY = 'spool.theme'

function paint(theme: 'dark' | 'light'): void {
  document.documentElement.dataset.theme = theme
  document.documentElement.style.colorScheme = theme
}

function follow(theme: Theme): () => void {
  if (theme !== 'system') {
    paint(theme)
    return () => {}
  }
  const query = window.matchMedia('(prefers-color-scheme: light)')
  const update = () => paint(query.matches ? 'light' : 'dark')
  update()
  query.addEventListener('change', update)
  return () => query.removeEventListener('change', update)
}

export function paintCachedTheme(): void {
  const cached = localStorage.getItem(CACHE_KEY)
  follow(cached === 'light' || cached === 'system' ? cached : 'dark')
}

export function useAppliedTheme(theme: Theme | undefined): void {
  useEffect(() => {
    if (!theme) return
    localStorage.setItem(CACHE_KEY, theme)
    return follow(theme)
  }, [theme])
}
