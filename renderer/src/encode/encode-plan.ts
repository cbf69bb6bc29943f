// What ffmpeg is asked to do for one encode job: the 9:16 renditions (720p and 360p), the filter that
// frames the source into 9:16 (fit with black bars, or fill by a centre crop), and the arguments
// of the one ffmpeg run that makes the whole ladder and the poster. Pure, so it is tested without
// a browser.
import type { EncodeOptions, MediaProbe } from '../../../shared/rpc/contract'

/** The server refuses reels longer than this (its default setting). */
export const MAX_REEL_MS = 90_000

export interface RenditionPlan {
  name: string
  width: number
  height: number
  /** x264 rate cap: keeps BANDWIDTH predictable for players on slow networks. */
  maxrateKbps: number
  audioKbps: number
}

export const RENDITIONS: readonly RenditionPlan[] = [
  { name: '720p', width: 720, height: 1280, maxrateKbps: 2500, audioKbps: 128 },
  { name: '360p', width: 360, height: 640, maxrateKbps: 700, audioKbps: 64 },
]

export const POSTER = { width: 720, height: 1280 }

/** Default edit for a draft: the whole clip, capped at what the server takes, cover at 1 s. */
export function defaultEncodeOptions(probe: MediaProbe): EncodeOptions {
  const trimEndMs = Math.min(probe.durationMs, MAX_REEL_MS)
  return { frame: 'fill', trimStartMs: 0, trimEndMs, coverMs: Math.min(1000, trimEndMs >> 1), caption: '' }
}

type Framing = Pick<EncodeOptions, 'frame' | 'cropX' | 'cropY'>

/**
 * ffmpeg autorotates by the display matrix first, so this works on the displayed picture, as the
 * editor's preview does. Fill crops a 9:16 window centred on cropX/cropY where it can be (the same
 * arithmetic as the preview's cropWindow); fit-blur puts the whole picture over a blurred,
 * filled copy of itself.
 */
export function frameFilter(framing: Framing, width: number, height: number): string {
  const cover = `scale=${width}:${height}:force_original_aspect_ratio=increase`
  const contain = `scale=${width}:${height}:force_original_aspect_ratio=decrease`
  if (framing.frame === 'fit') return `${contain},pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2:black,setsar=1`
  if (framing.frame === 'fit-blur') {
    return (
      `split=2[bg][fg];[bg]${cover},crop=${width}:${height},boxblur=20:2[blurred];` +
      `[fg]${contain}[picture];[blurred][picture]overlay=(W-w)/2:(H-h)/2,setsar=1`
    )
  }
  const cx = (framing.cropX ?? 0.5).toFixed(4)
  const cy = (framing.cropY ?? 0.5).toFixed(4)
  // Quoted so the commas inside clip() are not read as filter separators.
  return `${cover},crop=${width}:${height}:'clip(${cx}*iw-ow/2,0,iw-ow)':'clip(${cy}*ih-oh/2,0,ih-oh)',setsar=1`
}

const seconds = (ms: number) => (ms / 1000).toFixed(3)

/**
 * Where the reel's sound comes from: the source's own track, a replacement file (the second input),
 * or none (muted, or a source without sound).
 */
export function audioSource(
  options: Pick<EncodeOptions, 'muted' | 'soundFile'>,
  hasAudio: boolean,
): 'source' | 'replacement' | null {
  if (options.muted) return null
  if (options.soundFile) return 'replacement'
  return hasAudio ? 'source' : null
}

/**
 * The whole ladder from ONE ffmpeg run, so the source is decoded once: the picture is framed once at
 * the top rung's size, then split to every rung (the smaller ones scale it down, as the WebCodecs
 * path does) and to the poster, each an output of its own; the sound is decoded once and encoded
 * per rung. Keyframes exactly every 2 s and no scene-cut keyframes make every segment 2 s and start
 * with an IDR (independent segments). `-threads 1` per encoder: the single-thread core has no
 * threads, and `-threads` auto crashes the multi-thread one (ffmpeg-core.ts raises it there).
 *
 * The input is cut at the trim, so the poster's time is counted from the trim's in point (and kept
 * inside the trimmed part). A replacement sound starts with the reel and is cut at its out point; a
 * sound shorter than the reel loops (`-stream_loop -1`), so the reel never falls silent.
 */
export function ladderArgs(
  input: string,
  options: EncodeOptions,
  hasAudio: boolean,
  soundInput = 'sound',
): string[] {
  const args = ['-hide_banner', '-nostdin', '-y']
  const lengthMs = options.trimEndMs - options.trimStartMs
  const audio = audioSource(options, hasAudio)
  args.push('-ss', seconds(options.trimStartMs), '-t', seconds(lengthMs), '-i', input)
  if (audio === 'replacement') args.push('-stream_loop', '-1', '-t', seconds(lengthMs), '-i', soundInput)
  const [top] = RENDITIONS
  const branches = RENDITIONS.map((_, index) => `[framed${index}]`).join('')
  const coverAt = Math.min(Math.max(options.coverMs - options.trimStartMs, 0), lengthMs - 1)
  const graph = [
    `[0:v]${frameFilter(options, top!.width, top!.height)},split=${RENDITIONS.length + 1}${branches}[cover]`,
    ...RENDITIONS.map(({ width, height }, index) => `[framed${index}]scale=${width}:${height}[rung${index}]`),
    `[cover]trim=start=${seconds(coverAt)},scale=${POSTER.width}:${POSTER.height}[poster]`,
  ]
  args.push('-filter_complex', graph.join(';'))
  for (const [index, rendition] of RENDITIONS.entries()) {
    args.push('-map', `[rung${index}]`)
    args.push('-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-profile:v', 'high')
    args.push('-maxrate', `${rendition.maxrateKbps}k`, '-bufsize', `${rendition.maxrateKbps * 2}k`)
    args.push('-pix_fmt', 'yuv420p', '-threads', '1')
    args.push('-force_key_frames', 'expr:gte(t,n_forced*2)', '-sc_threshold', '0')
    // Muted in the editor: the reel simply has no audio track.
    if (audio) {
      args.push('-map', audio === 'source' ? '0:a:0' : '1:a:0')
      args.push('-c:a', 'aac', '-b:a', `${rendition.audioKbps}k`, '-ac', '2', '-ar', '48000')
    }
    args.push('-f', 'hls', '-hls_time', '2', '-hls_playlist_type', 'vod', '-hls_segment_type', 'fmp4')
    args.push('-hls_fmp4_init_filename', 'init.mp4')
    args.push('-hls_segment_filename', `${rendition.name}/seg%03d.m4s`, `${rendition.name}/index.m3u8`)
  }
  args.push('-map', '[poster]', '-frames:v', '1', '-q:v', '3', 'poster.jpg')
  return args
}
