// Renders resources/icon.svg to the PNG sizes electron-builder and Linux desktops want, with
// Debian's Chromium. Run by hand when the icon changes; the PNGs are committed.
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const resources = fileURLToPath(new URL('../resources', import.meta.url))
const svg = readFileSync(join(resources, 'icon.svg'), 'utf8')
const browser = await chromium.launch({
  executablePath: process.env.SPOOL_CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
})
mkdirSync(join(resources, 'icons'), { recursive: true })
for (const size of [1024, 512, 256, 128, 64, 48, 32, 16]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } })
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
  )
  const target = size === 1024 ? join(resources, 'icon.png') : join(resources, 'icons', `${size}x${size}.png`)
  await page.screenshot({ path: target, omitBackground: true })
  await page.close()
}
await browser.close()
console.log('Icons written to resources/.')
