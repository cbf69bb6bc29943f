// Builds the viewer web app into <repo>/out/web, which the server serves (scripts/build-web.ts).
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// This file is type-checked with the browser code (no Node types), so paths come from URLs.
// Vite runs it on Node, where file URLs are plain POSIX paths once decoded.
const here = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname)

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: here('../../out/web'),
    emptyOutDir: true,
    assetsDir: 'assets',
  },
})
