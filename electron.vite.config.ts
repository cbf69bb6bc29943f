// electron-vite: main (the shell + the core's utilityProcess entry), preload, renderer.
import { defineConfig, type UserConfig } from 'electron-vite'
import { resolve } from 'node:path'
import { loadConfigFromFile, mergeConfig } from 'vite'

export default defineConfig(async ({ command, mode }): Promise<UserConfig> => {
  // The renderer has one build config, shared with `npm run build:web` and `studio:web`.
  const renderer = await loadConfigFromFile({ command, mode }, resolve('renderer/vite.config.ts'))
  if (!renderer) throw new Error('renderer/vite.config.ts did not load')
  return {
    main: {
      build: {
        // better-sqlite3 is a native module: it must load from node_modules, never be bundled.
        externalizeDeps: { include: ['better-sqlite3'] },
        rolldownOptions: {
          input: {
            index: resolve('electron/main/index.ts'),
            core: resolve('electron/core/utility-entry.ts'),
          },
        },
      },
    },
    preload: {
      build: {
        rolldownOptions: {
          input: { index: resolve('electron/preload/index.ts') },
          // Sandboxed preloads cannot be ES modules; .cjs keeps Node from reading it as ESM.
          output: { format: 'cjs', entryFileNames: '[name].cjs' },
        },
      },
    },
    renderer: mergeConfig(renderer.config, {
      build: { rolldownOptions: { input: resolve('renderer/index.html') } },
    }),
  }
})
