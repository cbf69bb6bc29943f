// The codec strings a reel may declare (RFC 6381, as used by HLS CODECS): exactly one H.264 video
// stream written as `avc1.PPCCLL` (profile, constraint flags, level in hex, from the avcC box) and
// optionally AAC-LC audio, `mp4a.40.2`. Nothing else plays everywhere the viewer app runs.

export interface AvcCodec {
  profile: number
  constraints: number
  level: number
}

export interface ReelCodecs {
  video: AvcCodec
  audio: boolean
}

const AVC1 = /^avc1\.([0-9A-Fa-f]{2})([0-9A-Fa-f]{2})([0-9A-Fa-f]{2})$/
export const AAC_LC = 'mp4a.40.2'

/** Parses a CODECS list such as `avc1.64001f,mp4a.40.2`; null when it is not one we accept. */
export function parseReelCodecs(codecs: string): ReelCodecs | null {
  let video: AvcCodec | null = null
  let audio = false
  for (const part of codecs.split(',').map((item) => item.trim())) {
    const avc = AVC1.exec(part)
    if (avc && !video) {
      video = {
        profile: parseInt(avc[1]!, 16),
        constraints: parseInt(avc[2]!, 16),
        level: parseInt(avc[3]!, 16),
      }
    } else if (part === AAC_LC && !audio) {
      audio = true
    } else {
      return null
    }
  }
  return video ? { video, audio } : null
}

/** The `avc1.PPCCLL` string for an avcC record's profile, constraint flags and level. */
export function avcCodecString(codec: AvcCodec): string {
  const hex = (value: number) => value.toString(16).padStart(2, '0')
  return `avc1.${hex(codec.profile)}${hex(codec.constraints)}${hex(codec.level)}`
}

/** True when two CODECS lists name the same streams (order, case of the hex digits and spaces aside). */
export function sameReelCodecs(a: string, b: string): boolean {
  const left = parseReelCodecs(a)
  const right = parseReelCodecs(b)
  return (
    left !== null &&
    right !== null &&
    left.audio === right.audio &&
    avcCodecString(left.video) === avcCodecString(right.video)
  )
}
