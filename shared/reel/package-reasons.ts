// Why the server refused a reel package: stable snake_case codes (the uploader and outside tools
// branch on them, so never rename one) with the sentence the studio shows for each.
export const PACKAGE_REASONS = {
  not_a_tar: 'The package is not a tar file.',
  tar_truncated: 'The package ends in the middle of a file: the upload is incomplete.',
  unsafe_path: 'A path in the package is not allowed (absolute, "..", empty or odd segment, or too deep).',
  duplicate_path: 'A path appears twice in the package.',
  forbidden_entry_type: 'The package holds a link, device or other entry that is not a regular file.',
  manifest_not_first: 'manifest.json must be the first entry of the package.',
  manifest_invalid: 'manifest.json is not valid JSON or does not follow the spool-reel/1 schema.',
  too_many_entries: 'The package has too many entries.',
  package_too_large: 'The package is larger than the server accepts.',
  file_too_large: 'A playlist or the manifest is larger than the server accepts.',
  file_missing: 'A file the package needs is missing.',
  file_unlisted: 'The package holds a file that manifest.json does not list.',
  size_mismatch: 'A file does not have the size manifest.json gives for it.',
  checksum_mismatch: 'A file does not have the sha256 manifest.json gives for it.',
  master_playlist_invalid: 'master.m3u8 does not match the renditions in manifest.json.',
  media_playlist_invalid: 'A rendition playlist is not a complete fMP4 VOD playlist.',
  playlist_outside_folder: 'A playlist refers to a file outside its own rendition folder.',
  init_segment_invalid: 'An init segment is not an fMP4 init segment (ftyp + moov).',
  codec_mismatch: 'A stream does not have the codec or picture size manifest.json declares.',
  media_segment_invalid: 'A media segment is not an fMP4 fragment (moof + mdat).',
  poster_invalid: 'The poster is not a JPEG with the shape of the video.',
  duration_mismatch: 'The playlists and manifest.json disagree about the duration.',
  duration_out_of_range: 'The reel is shorter or longer than the server accepts.',
  caption_too_long: 'The caption is too long.',
  reel_id_taken: 'Another reel already uses this reel id.',
  dimensions_invalid: 'The video must be portrait or square, at most 1920 pixels on its long side.',
  internal_error: 'The server could not finish checking the package; try the upload again later.',
} as const satisfies Record<string, string>

export type PackageReason = keyof typeof PACKAGE_REASONS
export const PACKAGE_REASON_CODES = Object.keys(PACKAGE_REASONS) as PackageReason[]

export function isPackageReason(value: string): value is PackageReason {
  return Object.hasOwn(PACKAGE_REASONS, value)
}
