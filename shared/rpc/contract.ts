// The studio's one RPC contract: every method the renderer may call on the core, and every event the
// core may push, with the zod schemas that give both the TypeScript types and the runtime checks.
// A new method is one entry here and one handler in the core.
import { z } from 'zod'

export const themeSchema = z.enum(['dark', 'light', 'system'])

export const settingsSchema = z.object({
  theme: themeSchema,
  // Only http(s) with a real host: z.string().url() alone accepts "javascript:…" and "mailto:…".
  serverUrl: z.url({ protocol: /^https?$/, hostname: z.regexes.hostname }).max(2048),
  uploadConcurrency: z.number().int().min(1).max(8),
  encoder: z.enum(['auto', 'webcodecs', 'ffmpeg-wasm']),
  notifications: z.boolean(),
})
export type Settings = z.infer<typeof settingsSchema>

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  transport: z.enum(['electron', 'web-bridge']),
  dataDir: z.string(),
  schemaVersion: z.number().int(),
})
export type AppInfo = z.infer<typeof appInfoSchema>

const empty = z.object({}).strict()

function method<P extends z.ZodType, R extends z.ZodType>(params: P, result: R) {
  return { params, result }
}

export const studioMethods = {
  'app.info': method(empty, appInfoSchema),
  'settings.get': method(empty, settingsSchema),
  'settings.set': method(settingsSchema.partial().strict(), settingsSchema),
} as const

export const studioEvents = {
  'settings.changed': settingsSchema,
} as const

export type StudioMethods = typeof studioMethods
export type MethodName = keyof StudioMethods
export type MethodParams<M extends MethodName> = z.input<StudioMethods[M]['params']>
export type MethodResult<M extends MethodName> = z.output<StudioMethods[M]['result']>

export type StudioEvents = typeof studioEvents
export type EventName = keyof StudioEvents
export type EventPayload<E extends EventName> = z.output<StudioEvents[E]>

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(studioMethods, name)
}
