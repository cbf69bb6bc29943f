import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { editMap, manifestSound, ORIGINAL_SOUND, readDraftEdit } from './draft-edit'

const SOUND = { file: `${'a'.repeat(64)}.mp3`, name: 'beat.mp3', durationMs: 8000, codec: 'mp3' }

describe('draft edit: sound', () => {
  it('reads Replace with its imported file, and keeps the file when the creator switches back', () => {
    const doc = new Y.Doc()
    editMap(doc).set('sound', 'replace')
    editMap(doc).set('soundFile', SOUND)
    expect(readDraftEdit(doc, 6000)).toMatchObject({ sound: 'replace', soundFile: SOUND })
    editMap(doc).set('sound', 'mute')
    expect(readDraftEdit(doc, 6000)).toMatchObject({ sound: 'mute', soundFile: SOUND })
  })

  it('plays the video’s own sound when a peer wrote Replace without a usable file', () => {
    const doc = new Y.Doc()
    editMap(doc).set('sound', 'replace')
    expect(readDraftEdit(doc, 6000)).toMatchObject({ sound: 'keep', soundFile: null })
    editMap(doc).set('soundFile', { ...SOUND, file: '../../etc/passwd' })
    expect(readDraftEdit(doc, 6000)).toMatchObject({ sound: 'keep', soundFile: null })
  })
})

describe('draft edit: a sound used from another reel', () => {
  const ORIGIN = {
    file: SOUND.file,
    sourceReelId: '01JD8Z7Q3X4Y5Z6A7B8C9D0E1F',
    title: 'Original sound',
    creator: 'ana',
    server: 'http://127.0.0.1:8080',
  }

  it('credits the source reel while the draft plays that sound, and only then', () => {
    const doc = new Y.Doc()
    editMap(doc).set('sound', 'replace')
    editMap(doc).set('soundFile', SOUND)
    editMap(doc).set('soundOrigin', ORIGIN)
    const edit = readDraftEdit(doc, 6000)
    expect(edit.soundOrigin).toEqual(ORIGIN)
    expect(manifestSound(edit, SOUND.file)).toEqual({
      title: 'Original sound',
      sourceReelId: ORIGIN.sourceReelId,
    })
    // An encode without the replacement (or of another file) is the reel's own sound.
    expect(manifestSound(edit, undefined)).toEqual(ORIGINAL_SOUND)
    expect(manifestSound(edit, `${'b'.repeat(64)}.mp3`)).toEqual(ORIGINAL_SOUND)
    editMap(doc).set('sound', 'keep')
    expect(manifestSound(readDraftEdit(doc, 6000), SOUND.file)).toEqual(ORIGINAL_SOUND)
  })

  it('drops an origin that names another file or is malformed (a peer’s bad write)', () => {
    const doc = new Y.Doc()
    editMap(doc).set('sound', 'replace')
    editMap(doc).set('soundFile', { ...SOUND, file: `${'c'.repeat(64)}.m4a` })
    editMap(doc).set('soundOrigin', ORIGIN)
    expect(readDraftEdit(doc, 6000).soundOrigin).toBeNull()
    editMap(doc).set('soundFile', SOUND)
    editMap(doc).set('soundOrigin', { ...ORIGIN, sourceReelId: 'not-a-reel' })
    expect(readDraftEdit(doc, 6000).soundOrigin).toBeNull()
    editMap(doc).set('soundOrigin', { ...ORIGIN, server: 'javascript:alert(1)' })
    expect(readDraftEdit(doc, 6000).soundOrigin).toBeNull()
  })
})
