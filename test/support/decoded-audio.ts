// What a published reel sounds like, checked with native ffmpeg: its first audio track decoded to
// mono PCM, and a pure tone's frequency (the test clips carry 440 Hz, replacement sounds 1000 Hz).
import { spawn } from 'node:child_process'

export const SAMPLE_RATE = 44_100

/** Decodes a stream's first audio track to mono 16-bit PCM with native ffmpeg. */
export function decodeAudio(url: string): Promise<Int16Array> {
  return new Promise((resolve, reject) => {
    const args = ['-hide_banner', '-loglevel', 'error', '-i', url, '-map', '0:a:0']
    args.push('-ac', '1', '-ar', String(SAMPLE_RATE), '-f', 's16le', '-')
    const child = spawn('ffmpeg', args, { stdio: ['ignore', 'pipe', 'pipe'] })
    const chunks: Buffer[] = []
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`ffmpeg exited ${code}: ${stderr}`))
      const bytes = Buffer.concat(chunks)
      resolve(new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length >> 1))
    })
  })
}

/** A pure tone's frequency from its upward zero crossings, over the middle of the signal. */
export function toneFrequency(samples: Int16Array): number {
  const middle = samples.subarray(Math.floor(samples.length * 0.1), Math.floor(samples.length * 0.9))
  let crossings = 0
  for (let i = 1; i < middle.length; i++) if (middle[i - 1]! < 0 && middle[i]! >= 0) crossings++
  return crossings / (middle.length / SAMPLE_RATE)
}
