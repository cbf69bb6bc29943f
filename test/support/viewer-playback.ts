// Waits in the viewer app until a reel is the one on screen and really playing: not paused, past
// its first moments with a decoded frame, and its time still moving without a media error.
import type { Page } from 'playwright-core'

export async function waitUntilReelPlays(viewer: Page, reelId: string): Promise<void> {
  const selector = `.reel-card[data-active="true"][data-reel-id="${reelId}"] video`
  await viewer.waitForFunction(
    (css) => {
      const video = document.querySelector<HTMLVideoElement>(css)
      return !!video && !video.paused && video.currentTime > 0.4 && video.readyState >= 2
    },
    selector,
    { timeout: 30_000 },
  )
  const time = await viewer.evaluate(
    (css) => document.querySelector<HTMLVideoElement>(css)!.currentTime,
    selector,
  )
  await viewer.waitForFunction(
    ([css, before]) => {
      const video = document.querySelector<HTMLVideoElement>(css)
      return !!video && video.currentTime !== before && video.error === null
    },
    [selector, time] as const,
  )
}
