// The "use this sound" flow's steps for one link: fetch the sound through the core (asking for a
// sign-in to that server when needed), then import the video the creator picks — by the Library's
// own import — and make the sound the new draft's replacement. Each failure keeps what is done (a
// downloaded sound, an imported video) and says what to do; leaving the flow removes the download.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { UseSoundLink } from '../../../shared/api/studio-links'
import type { FetchedSound, SoundFetchProgress } from '../../../shared/rpc/contract'
import { messageOf, RpcError } from '../../../shared/rpc/envelope'
import { useAccount } from '../account/use-account'
import { importName, sendImport, type ImportInput } from '../library/send-import'
import { useConnection, useStudio } from '../rpc/studio-context'
import { hrefFor } from '../shell/use-route'

export type UseSoundState =
  | { phase: 'fetching'; progress: SoundFetchProgress | null }
  | { phase: 'sign-in'; message: string }
  | { phase: 'ready'; sound: FetchedSound }
  | { phase: 'importing'; sound: FetchedSound; fileName: string; bytesDone: number; bytesTotal: number }
  | { phase: 'failed'; message: string; sound: FetchedSound | null; retry: Retry }

/** What "Try again" does after a failure: fetch again, pick another video, or attach the sound again. */
type Retry = { step: 'fetch' } | { step: 'pick' } | { step: 'attach'; itemId: string }

const newId = () => crypto.randomUUID().replaceAll('-', '')
export function useSoundFlow(link: UseSoundLink, onDone: () => void) {
  const client = useStudio()
  const { state: coreState } = useConnection()
  const account = useAccount()
  const [state, setState] = useState<UseSoundState>({ phase: 'fetching', progress: null })
  const fetchId = useRef<string | null>(null)
  const importId = useRef<string | null>(null)

  /** Starts a fetch; its outcome (and progress) arrive as state. Callers show 'fetching' themselves. */
  const startFetch = useCallback(() => {
    const id = newId()
    fetchId.current = id
    client.call('sound.fetch', { server: link.server, sound: link.sound, fetchId: id }).then(
      (sound) => fetchId.current === id && setState({ phase: 'ready', sound }),
      (error: unknown) => {
        if (fetchId.current !== id || (error instanceof RpcError && error.code === 'cancelled')) return
        if (error instanceof RpcError && error.code === 'sign_in_required')
          setState({ phase: 'sign-in', message: error.message })
        else setState({ phase: 'failed', message: messageOf(error), sound: null, retry: { step: 'fetch' } })
      },
    )
  }, [client, link])

  // Once, as soon as the core is reachable (the flow may open before the bridge connects).
  const started = useRef(false)
  useEffect(() => {
    if (coreState !== 'connected' || started.current) return
    started.current = true
    startFetch()
  }, [coreState, startFetch])

  // Unmounted (closed, or replaced by a newer link): a fetch no draft took goes. Reset so that a
  // remount (React's StrictMode does one) starts over.
  useEffect(
    () => () => {
      const id = fetchId.current
      fetchId.current = null
      started.current = false
      if (id) void client.call('sound.cancelFetch', { fetchId: id }).catch(() => undefined)
    },
    [client],
  )

  // Signed in to the sound's server (from the sign-in the flow offered, or the rail): go on.
  const signedInThere = !!account?.username && sameOrigin(account.serverUrl, link.server)
  const waitingForSignIn = state.phase === 'sign-in'
  useEffect(() => {
    if (signedInThere && waitingForSignIn) startFetch()
  }, [signedInThere, waitingForSignIn, startFetch])

  useEffect(
    () =>
      client.on('sound.fetchProgress', (progress) => {
        if (progress.fetchId === fetchId.current) setState({ phase: 'fetching', progress })
      }),
    [client],
  )
  useEffect(
    () =>
      client.on('library.importProgress', (progress) => {
        if (progress.importId !== importId.current || progress.phase !== 'copying') return
        setState((current) =>
          current.phase === 'importing'
            ? { ...current, bytesDone: progress.bytesDone, bytesTotal: progress.bytesTotal }
            : current,
        )
      }),
    [client],
  )

  const attach = useCallback(
    (sound: FetchedSound, itemId: string) => {
      client.call('sound.useInDraft', { id: itemId, fetchId: sound.fetchId }).then(
        () => {
          fetchId.current = null
          window.location.hash = hrefFor('create', itemId)
          onDone()
        },
        (error: unknown) =>
          setState({
            phase: 'failed',
            message: `The video is in your Library, but the sound could not be added to it: ${messageOf(error)}`,
            sound,
            retry: { step: 'attach', itemId },
          }),
      )
    },
    [client, onDone],
  )

  const chooseVideo = useCallback(
    (input: ImportInput) => {
      if (state.phase !== 'ready') return
      const { sound } = state
      const id = newId()
      importId.current = id
      const bytesTotal = input.kind === 'file' ? input.file.size : 0
      setState({ phase: 'importing', sound, fileName: importName(input), bytesDone: 0, bytesTotal })
      sendImport(client, input, id).then(
        (item) => attach(sound, item.id),
        (error: unknown) => {
          // The sound stays downloaded: pick another video.
          setState({ phase: 'failed', message: messageOf(error), sound, retry: { step: 'pick' } })
        },
      )
    },
    [client, state, attach],
  )

  const retry = useCallback(() => {
    if (state.phase !== 'failed') return
    const { sound, retry: next } = state
    if (next.step === 'fetch' || !sound) {
      setState({ phase: 'fetching', progress: null })
      startFetch()
    } else if (next.step === 'pick') setState({ phase: 'ready', sound })
    else {
      setState({ phase: 'importing', sound, fileName: 'the video', bytesDone: 0, bytesTotal: 0 })
      attach(sound, next.itemId)
    }
  }, [state, startFetch, attach])

  // Just signed in there: the fetch has started again; show that rather than the sign-in prompt.
  const shown: UseSoundState =
    waitingForSignIn && signedInThere ? { phase: 'fetching', progress: null } : state
  // Leaving unmounts the flow, whose cleanup stops the download or removes the unused sound.
  return { state: shown, chooseVideo, retry, leave: onDone }
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin
  } catch {
    return false
  }
}
