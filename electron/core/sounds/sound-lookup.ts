// "Use this sound", step one: asks the server what the sound is (GET /api/reels/<sound id>): it must
// be a published reel; its title and creator come from the server's `sound`. If the link names a
// reel that itself reuses another reel's sound, the sound is that other (original) reel's, as the
// server says, and that is the reel whose audio is fetched and credited. Every failure is a sentence.
import { z } from 'zod'
import { reelSoundSchema } from '../../../shared/api/reel-item'
import { isReelId } from '../../../shared/reel/reel-id'
import { RpcError } from '../../../shared/rpc/envelope'

export interface SoundInfo {
  /** The reel the sound comes from (an original sound's own reel). */
  soundId: string
  title: string
  creator: string
  durationMs: number | null
}

const reelSchema = z.object({
  id: z.string(),
  status: z.string(),
  creator: z.object({ username: z.string().min(1) }),
  durationMs: z.number().nullable().optional(),
  // Servers from before sounds had no `sound`: the reel's audio is then its own original sound.
  sound: reelSoundSchema.nullable().optional(),
})

/** How messages name a server: its host (and port). */
export const host = (server: string) => new URL(server).host

const removedFrom = (server: string) =>
  new RpcError(
    'not_found',
    `The reel this sound comes from was removed from ${host(server)}, so its sound can't be used.`,
  )

async function fetchReel(server: string, reelId: string, token: string, signal: AbortSignal) {
  let response: Response
  try {
    response = await fetch(new URL(`/api/reels/${reelId}`, server), {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      signal: AbortSignal.any([signal, AbortSignal.timeout(15_000)]),
    })
  } catch {
    signal.throwIfAborted()
    throw new RpcError(
      'server_unreachable',
      `${host(server)} did not answer, so the sound could not be fetched. Check your connection and try again.`,
    )
  }
  if (response.status === 404)
    throw new RpcError(
      'not_found',
      `This sound is not on ${host(server)}: its reel was deleted or never published.`,
    )
  if (response.status === 410) throw removedFrom(server)
  if (response.status === 401)
    throw new RpcError(
      'sign_in_required',
      `${host(server)} no longer accepts the studio's sign-in. Sign in again.`,
    )
  if (!response.ok)
    throw new RpcError(
      'unavailable',
      `${host(server)} answered ${response.status} when asked for the sound. Try again later.`,
    )
  const reel = reelSchema.safeParse(await response.json().catch(() => null))
  if (!reel.success || reel.data.id !== reelId)
    throw new RpcError(
      'unavailable',
      `${host(server)} did not describe the sound's reel in a way the studio understands.`,
    )
  // Some servers answer a removed reel with 410, this one with its status.
  if (reel.data.status === 'removed') throw removedFrom(server)
  if (reel.data.status !== 'published')
    throw new RpcError('not_found', `The reel this sound comes from is not published on ${host(server)}.`)
  return reel.data
}

export async function lookUpSound(
  server: string,
  soundId: string,
  token: string,
  signal: AbortSignal,
): Promise<SoundInfo> {
  let reel = await fetchReel(server, soundId, token, signal)
  const named = reel.sound?.id
  if (named && named !== reel.id) {
    if (!isReelId(named))
      throw new RpcError('unavailable', `${host(server)} named a sound the studio cannot look up.`)
    reel = await fetchReel(server, named, token, signal)
  }
  const sound = reel.sound ?? { id: reel.id, title: 'Original sound', creator: reel.creator.username }
  return {
    soundId: reel.id,
    title: sound.title.trim().slice(0, 200) || 'Original sound',
    creator: (sound.creator ?? reel.creator.username).slice(0, 100),
    durationMs: reel.durationMs ?? null,
  }
}
