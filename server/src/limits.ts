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
  /** Per user: uploads started and not yet complete (a quota, so one account cannot fill the disk). */
  maxUnfinishedUploads: number
  /** Per user: the declared sizes of those uploads, added up. */
  maxUnfinishedBytes: number
  /** An upload not completed within this time is deleted, and its reel id claim released. */
  uploadExpiryMs: number
}

export const defaultLimits: Readonly<Limits> = {
  maxPackageBytes: 250_000_000,
  maxDurationMs: 90_000,
  minDurationMs: 1_000,
  maxCaptionLength: 2_200,
  chunkBytes: 8 * 1024 * 1024,
  maxPackageEntries: 300,
  maxTextFileBytes: 2_000_000,
  maxUnfinishedUploads: 5,
  maxUnfinishedBytes: 1_000_000_000,
  uploadExpiryMs: 24 * 3600_000,
}

/** The part of the limits that API.md promises to clients. */
export function publicLimits(limits: Limits) {
  const { maxPackageBytes, maxDurationMs, minDurationMs, maxCaptionLength, chunkBytes } = limits
  return { maxPackageBytes, maxDurationMs, minDurationMs, maxCaptionLength, chunkBytes }
}
