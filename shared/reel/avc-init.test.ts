import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readAvcInit } from './avc-init'

describe('readAvcInit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spool-avc-init-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('reads the codec string, size and audio track of an ffmpeg fMP4 init segment', () => {
    // A real init segment from native ffmpeg (test media only), so the box walk meets real layout.
    execFileSync('ffmpeg', [
      ...['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=360x640:d=1:r=30'],
      ...['-f', 'lavfi', '-i', 'sine=d=1', '-c:v', 'libx264', '-profile:v', 'main', '-level', '3.1'],
      ...['-c:a', 'aac', '-shortest', '-f', 'hls', '-hls_segment_type', 'fmp4'],
      ...['-hls_fmp4_init_filename', 'init.mp4', join(dir, 'index.m3u8')],
    ])
    const info = readAvcInit(new Uint8Array(readFileSync(join(dir, 'init.mp4'))))
    expect(info).toEqual({ codecs: 'avc1.4d401f', width: 360, height: 640, audio: true })
  })

  it('answers null for bytes that are not an init segment', () => {
    expect(readAvcInit(new Uint8Array(64))).toBeNull()
    expect(readAvcInit(new TextEncoder().encode('#EXTM3U\n'))).toBeNull()
  })
})
