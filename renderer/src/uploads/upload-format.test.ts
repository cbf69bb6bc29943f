import { describe, expect, it } from 'vitest'
import { formatBytesOf, formatRemaining, formatSpeed, uploadStateText } from './upload-format'

describe('upload formatting', () => {
  it('reads speeds as people expect', () => {
    expect(formatSpeed(3.1 * 1024 * 1024)).toBe('3.1 MB/s')
    expect(formatSpeed(200 * 1024)).toBe('200 KB/s')
    expect(formatSpeed(10)).toBe('1 KB/s')
  })

  it('reads time left in seconds, minutes, then hours', () => {
    expect(formatRemaining(12_400)).toBe('13 s left')
    expect(formatRemaining(0)).toBe('1 s left')
    expect(formatRemaining(200_000)).toBe('3 min 20 s left')
    expect(formatRemaining(3_900_000)).toBe('1 h 5 min left')
  })

  it('shows progress in the unit of the whole', () => {
    expect(formatBytesOf(1.5 * 1024 * 1024, 3.25 * 1024 * 1024)).toBe('1.5 of 3.3 MB')
    expect(formatBytesOf(100 * 1024, 500 * 1024)).toBe('100 of 500 KB')
  })

  it('says why a queued reel waits', () => {
    const queued = { state: 'queued' as const, nextAttemptAt: null }
    expect(uploadStateText(queued, 'signed-out').text).toBe('Waiting for sign-in')
    expect(uploadStateText(queued, 'offline').text).toBe('Waiting for the server')
    expect(uploadStateText({ ...queued, nextAttemptAt: '2030-01-01T00:00:00Z' }, 'online').text).toBe(
      'Retrying soon',
    )
    expect(uploadStateText(queued, 'online')).toEqual({ text: 'Waiting to upload', tone: 'idle' })
    expect(uploadStateText({ state: 'rejected', nextAttemptAt: null }, 'online').tone).toBe('error')
  })
})
