// The one way a check step says "refuse this package": throw a PackageRejection. The package check
// turns it into its result; any other error is ours (a bug or an I/O failure), not the uploader's.
import { PACKAGE_REASONS, type PackageReason } from '../../reel/package-reasons'

export { PACKAGE_REASONS, PACKAGE_REASON_CODES, type PackageReason } from '../../reel/package-reasons'

export class PackageRejection extends Error {
  constructor(
    readonly reason: PackageReason,
    detail?: string,
    readonly path?: string,
  ) {
    super(detail ?? PACKAGE_REASONS[reason])
    this.name = 'PackageRejection'
  }
}

export function reject(reason: PackageReason, detail?: string, path?: string): never {
  throw new PackageRejection(reason, detail, path)
}
