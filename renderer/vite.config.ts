// Builds the studio renderer into <repo>/out/renderer. The same build runs from file:// in Electron
// and over http from the `studio:web` bridge, hence the relative base. electron.vite.config.ts loads
// this file for `npm run studio`, so the two builds cannot drift.
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// Type-checked with the browser code (no Node imports allowed under renderer/), so paths come from
// URLs; Vite runs it on Node, where a decoded file URL pathname is a plain path.
const here = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname)

export default defineConfig({
  root: here('.'),
  base: './',
  plugins: [react()],
  build: {
    outDir: here('../out/renderer'),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // ffmpeg.wasm's files stay files: its multi-thread core's pthread worker (2 KB) would otherwise
    // be inlined as a data: URL, which cannot start a worker under COEP.
    assetsInlineLimit: (file) => (file.includes('@ffmpeg') ? false : undefined),
  },
})
