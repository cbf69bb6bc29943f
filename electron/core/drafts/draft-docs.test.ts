// Drafts against a real SQLite database: persistence across reopen, compaction, refusal of broken
// updates, and the caption mirrored into the library item.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { captionText, editMap, readDraftEdit } from '../../../shared/reel/draft-edit'
import { createCoreEvents } from '../core-events'
import { openStudioDb, type StudioDb } from '../db'
import { createReelStore } from '../library/reel-store'
import { COMPACT_AFTER_UPDATES, createDraftDocs } from './draft-docs'
import { createDraftUpdateStore } from './draft-update-store'

const REEL = '01J0000000000000000000000A'
let dataDir: string
let opened: StudioDb[] = []

function openDrafts() {
  const store = openStudioDb({ dataDir })
  opened.push(store)
  const reels = createReelStore(store.db)
  if (!reels.get(REEL)) {
    reels.insert({
      id: REEL,
      sourceName: 'clip.mp4',
      sourcePath: `${REEL}/source.mp4`,
      sha256: 'a'.repeat(64),
      sizeBytes: 1000,
      probe: {
        container: 'mp4',
        durationMs: 6000,
        width: 1080,
        height: 1920,
        rotation: 0,
        videoCodec: 'avc1.64001f',
        hasAudio: true,
        audioCodec: 'mp4a.40.2',
      },
    })
  }
  const events = createCoreEvents()
  const emitted: Array<{ name: string; payload: unknown }> = []
  events.subscribe((name, payload) => emitted.push({ name, payload }))
  const updates = createDraftUpdateStore(store.db)
  return {
    drafts: createDraftDocs({ updates, reels, events }),
    updates,
    reels,
    emitted,
    close: () => store.close(),
  }
}

/** A renderer-side doc that mirrors the core's and returns each local change as an update. */
function peerOf(state: { update: string }) {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Buffer.from(state.update, 'base64'))
  const edit = (change: (doc: Y.Doc) => void): Uint8Array => {
    let update: Uint8Array | null = null
    const onUpdate = (bytes: Uint8Array) => (update = bytes)
    doc.on('update', onUpdate)
    doc.transact(() => change(doc))
    doc.off('update', onUpdate)
    return update!
  }
  return { doc, edit }
}

const docOf = (state: { update: string }) => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Buffer.from(state.update, 'base64'))
  return doc
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'spool-drafts-'))
})
afterEach(() => {
  opened.splice(0).forEach((store) => store.db.open && store.close())
  opened = []
  rmSync(dataDir, { recursive: true, force: true })
})

describe('draft documents', () => {
  it('stores, announces and restores a change the core makes itself (use this sound)', () => {
    const first = openDrafts()
    const soundFile = {
      file: `${'b'.repeat(64)}.m4a`,
      name: 'Original sound.m4a',
      durationMs: 2000,
      codec: 'mp4a.40.2',
    }
    const soundOrigin = {
      file: soundFile.file,
      sourceReelId: '01JD8Z7Q3X4Y5Z6A7B8C9D0E1F',
      title: 'Original sound',
      creator: 'ana',
      server: 'http://127.0.0.1:8080',
    }
    first.drafts.change(REEL, { sound: 'replace', soundFile, soundOrigin })
    expect(first.emitted.filter((event) => event.name === 'draft.updated')).toHaveLength(1)
    expect(first.drafts.edit(REEL)).toMatchObject({ sound: 'replace', soundFile, soundOrigin })
    first.close()
    const second = openDrafts()
    expect(second.drafts.edit(REEL)).toMatchObject({ sound: 'replace', soundFile, soundOrigin })
  })

  it('starts empty, so every field reads as its default for the video', () => {
    const { drafts } = openDrafts()
    const edit = readDraftEdit(docOf(drafts.load(REEL)), 6000)
    expect(edit).toEqual({
      trimInMs: 0,
      trimOutMs: 6000,
      fit: 'fill',
      cropX: 0.5,
      cropY: 0.5,
      coverMs: null,
      sound: 'keep',
      soundFile: null,
      soundOrigin: null,
      caption: '',
    })
  })

  it('applies, persists and restores edits across a reopen of the database', () => {
    const first = openDrafts()
    const peer = peerOf(first.drafts.load(REEL))
    expect(
      first.drafts.apply(
        REEL,
        peer.edit((doc) => {
          editMap(doc).set('trimInMs', 500)
          editMap(doc).set('trimOutMs', 4500)
          editMap(doc).set('fit', 'fit-blur')
        }),
      ),
    ).toEqual({ changed: true })
    first.drafts.apply(
      REEL,
      peer.edit((doc) => captionText(doc).insert(0, 'Sunset #beach @mia')),
    )
    first.close()

    const second = openDrafts()
    const edit = readDraftEdit(docOf(second.drafts.load(REEL)), 6000)
    expect(edit).toMatchObject({
      trimInMs: 500,
      trimOutMs: 4500,
      fit: 'fit-blur',
      caption: 'Sunset #beach @mia',
    })
  })

  it('mirrors the caption into the library item and tells other windows', () => {
    const { drafts, reels, emitted } = openDrafts()
    const peer = peerOf(drafts.load(REEL))
    const update = peer.edit((doc) => captionText(doc).insert(0, 'Hello #world'))
    drafts.apply(REEL, update)
    expect(reels.get(REEL)!.caption).toBe('Hello #world')
    expect(emitted.map((event) => event.name)).toEqual(['library.changed', 'draft.updated'])
    // A repeat of the same update changes nothing and is not stored or announced again.
    expect(drafts.apply(REEL, update)).toEqual({ changed: false })
    expect(emitted).toHaveLength(2)
  })

  it('refuses broken updates with invalid_params and changes nothing', () => {
    const { drafts, updates } = openDrafts()
    const peer = peerOf(drafts.load(REEL))
    drafts.apply(
      REEL,
      peer.edit((doc) => captionText(doc).insert(0, 'Keep me')),
    )
    const before = drafts.load(REEL)
    const good = peer.edit((doc) => captionText(doc).insert(7, ' and more text here'))
    for (const broken of [
      new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]),
      good.subarray(0, Math.floor(good.length / 2)),
      new Uint8Array(64).fill(255),
    ]) {
      expect(() => drafts.apply(REEL, broken)).toThrow(
        expect.objectContaining({
          code: 'invalid_params',
          message: expect.stringMatching(/nothing was saved/),
        }),
      )
    }
    expect(drafts.load(REEL)).toEqual(before)
    expect(updates.count(REEL)).toBe(1)
  })

  it('compacts many updates into one snapshot on load, with the same state', () => {
    const first = openDrafts()
    const peer = peerOf(first.drafts.load(REEL))
    for (let index = 0; index < COMPACT_AFTER_UPDATES + 10; index += 1) {
      first.drafts.apply(
        REEL,
        peer.edit((doc) => {
          captionText(doc).insert(captionText(doc).length, String(index % 10))
          editMap(doc).set('coverMs', index * 10)
        }),
      )
    }
    const beforeState = first.drafts.load(REEL)
    expect(first.updates.count(REEL)).toBe(COMPACT_AFTER_UPDATES + 10)
    first.close()

    const second = openDrafts()
    const afterState = second.drafts.load(REEL)
    expect(second.updates.count(REEL)).toBe(1)
    expect(afterState.stateVector).toBe(beforeState.stateVector)
    expect(readDraftEdit(docOf(afterState), 6000)).toEqual(readDraftEdit(docOf(beforeState), 6000))
    const contents = (doc: Y.Doc) => ({ edit: editMap(doc).toJSON(), caption: captionText(doc).toString() })
    expect(contents(docOf(afterState))).toEqual(contents(peer.doc))
    // Edits continue on top of the snapshot.
    second.drafts.apply(
      REEL,
      peer.edit((doc) => editMap(doc).set('sound', 'mute')),
    )
    expect(second.updates.count(REEL)).toBe(2)
  })

  it('answers not_found for an item that is not in the library', () => {
    const { drafts } = openDrafts()
    expect(() => drafts.load('01J0000000000000000000000B')).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    )
  })
})
