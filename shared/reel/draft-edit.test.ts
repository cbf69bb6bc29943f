import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { editMap, readDraftEdit } from './draft-edit'

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
