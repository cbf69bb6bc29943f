// "Use this sound" in the core: a sound from a reel on the creator's server is fetched into the
// library (sound-lookup.ts, rendition-download.ts) before the creator picks a video, then brought
// into the new draft by the same import as a sound file the creator picks (library/import-sound.ts,
// probe-audio.ts) and recorded in the draft with its origin, so the manifest can credit the reel.
// A fetch waits in a `.import-*` folder of the library: a failure or a cancel removes it, and the
// start-up sweep removes one a crash or quit left behind (the link can simply be opened again).
import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { FetchedSound, SoundFile, SoundOrigin } from '../../../shared/rpc/contract'
import { RpcError } from '../../../shared/rpc/envelope'
import type { AccountService } from '../account/account-service'
import type { CoreEvents } from '../core-events'
import type { DraftDocs } from '../drafts/draft-docs'
import { ensureFreeSpace, type FreeBytes } from '../library/disk-space'
import { asImportError } from '../library/import-file'
import { importSound } from '../library/import-sound'
import { TEMP_PREFIX } from '../library/library-folder'
import { probeAudio } from '../library/probe-audio'
import type { ReelStore } from '../library/reel-store'
import { downloadSoundRendition } from './rendition-download'
import { host, lookUpSound } from './sound-lookup'

export interface UsedSoundsOptions {
  library: string
  account: Pick<AccountService, 'session'>
  drafts: Pick<DraftDocs, 'change'>
  store: ReelStore
  events: CoreEvents
  freeBytes: FreeBytes
}

interface Fetched {
  sound: FetchedSound
  dir: string
  file: string
}

export function createUsedSounds(options: UsedSoundsOptions) {
  const { library, account, events } = options
  const running = new Map<string, AbortController>()
  const fetched = new Map<string, Fetched>()

  /** The studio's token for that server, or sign_in_required saying which server to sign in to. */
  async function tokenFor(server: string): Promise<string> {
    const session = await account.session()
    if (!session) throw new RpcError('sign_in_required', `Sign in to ${host(server)} to use this sound.`)
    if (new URL(session.serverUrl).origin !== server) {
      throw new RpcError(
        'sign_in_required',
        `This sound is on ${host(server)}, and the studio is signed in to ${host(session.serverUrl)}. ` +
          `Sign in to ${host(server)} to use it.`,
      )
    }
    return session.token
  }

  async function download(server: string, soundId: string, fetchId: string, signal: AbortSignal) {
    const token = await tokenFor(server)
    const info = await lookUpSound(server, soundId, token, signal)
    const dir = join(library, `${TEMP_PREFIX}sound-fetch-${fetchId}-${randomBytes(4).toString('hex')}`)
    try {
      await mkdir(dir, { recursive: true })
      const file = join(dir, 'sound.mp4')
      const bytes = await downloadSoundRendition({
        server,
        reelId: info.soundId,
        token,
        file,
        signal,
        beforeWrite: (expected) =>
          ensureFreeSpace(options.freeBytes, library, expected, 'download this sound'),
        onProgress: (progress) => events.emit('sound.fetchProgress', { fetchId, ...progress }),
      })
      const probe = await probeAudio(file)
      signal.throwIfAborted()
      const sound: FetchedSound = {
        fetchId,
        server,
        soundId: info.soundId,
        title: info.title,
        creator: info.creator,
        durationMs: probe.durationMs,
        codec: probe.codec,
        bytes,
      }
      fetched.set(fetchId, { sound, dir, file })
      return sound
    } catch (error) {
      await rm(dir, { recursive: true, force: true })
      throw error
    }
  }

  async function discard(fetchId: string): Promise<boolean> {
    const entry = fetched.get(fetchId)
    if (!entry) return false
    fetched.delete(fetchId)
    await rm(entry.dir, { recursive: true, force: true })
    return true
  }

  return {
    async fetch(input: { server: string; sound: string; fetchId: string }): Promise<FetchedSound> {
      if (running.has(input.fetchId) || fetched.has(input.fetchId))
        throw new RpcError('conflict', 'A sound with this fetch id is already being fetched')
      const controller = new AbortController()
      running.set(input.fetchId, controller)
      try {
        return await download(input.server, input.sound, input.fetchId, controller.signal)
      } catch (error) {
        if (controller.signal.aborted) throw new RpcError('cancelled', 'The sound download was cancelled.')
        throw asImportError(error, 'the sound')
      } finally {
        running.delete(input.fetchId)
      }
    },

    async cancel(fetchId: string): Promise<boolean> {
      const controller = running.get(fetchId)
      controller?.abort()
      return (await discard(fetchId)) || !!controller
    },

    /** The fetched sound becomes the draft's replacement sound, credited to its reel. */
    async useInDraft(
      reelId: string,
      fetchId: string,
    ): Promise<{ soundFile: SoundFile; origin: SoundOrigin }> {
      const entry = fetched.get(fetchId)
      if (!entry)
        throw new RpcError(
          'not_found',
          'The downloaded sound is no longer here (was the studio restarted?). Open the link again.',
        )
      const item = options.store.get(reelId)
      if (item && item.status !== 'draft' && item.status !== 'rejected')
        throw new RpcError('conflict', `This reel is ${item.status}; a sound can only go into a draft`)
      const { sound } = entry
      const soundFile = await importSound(
        { library, store: options.store, freeBytes: options.freeBytes },
        reelId,
        {
          fileName: `${sound.title}.m4a`,
          bytesTotal: sound.bytes,
          open: () => createReadStream(entry.file),
        },
      )
      const origin: SoundOrigin = {
        file: soundFile.file,
        sourceReelId: sound.soundId,
        title: sound.title,
        creator: sound.creator,
        server: sound.server,
      }
      options.drafts.change(reelId, { sound: 'replace', soundFile, soundOrigin: origin })
      await discard(fetchId)
      return { soundFile, origin }
    },

    /** On shutdown: running fetches stop and remove what they wrote. */
    cancelAll(): void {
      for (const controller of running.values()) controller.abort()
    },
  }
}

export type UsedSounds = ReturnType<typeof createUsedSounds>
