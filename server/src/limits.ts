// What the server accepts from uploaders. Defaults come from REEL-PACKAGE.md; clients read the
// public part from GET /api/limits before they upload, the package check enforces all of it.

export interface Limits {
  maxPackageBytes: number
  maxDurationMs: number
  minDurationMs: number
  maxCaptionLength: number
  /** The tus chunk size clients should use. */
  chunkBytes: number
  maxPackageEntries: number
  /** Per playlist or manifest. */
  maxTextFileBytes: number
}

export const defaultLimits: Readonly<Limits> = {
  maxPackageBytes: 250_000_000,
  maxDurationMs: 90_000,
  minDurationMs: 1_000,
  maxCaptionLength: 2_200,
  chunkBytes: 8 * 1024 * 1024,
  maxPackageEntries: 300,
  maxTextFileBytes: 2_000_000,
}

/** The part of the limits that API.md promises to clients. */
export function publicLimits(limits: Limits) {
  const { maxPackageBytes, maxDurationMs, minDurationMs, maxCaptionLength, chunkBytes } = limits
  return { maxPackageBytes, maxDurationMs, minDurationMs, maxCaptionLength, chunkBytes }
}
