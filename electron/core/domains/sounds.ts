// sound.* — "use this sound": fetch another reel's sound from the signed-in server, cancel that,
// and make it a draft's replacement sound.
import type { HandlerMap } from '../rpc/dispatcher'
import type { UsedSounds } from '../sounds/used-sounds'

export function soundHandlers(sounds: UsedSounds): HandlerMap {
  return {
    'sound.fetch': (input) => sounds.fetch(input),
    'sound.cancelFetch': async ({ fetchId }) => ({ cancelled: await sounds.cancel(fetchId) }),
    'sound.useInDraft': ({ id, fetchId }) => sounds.useInDraft(id, fetchId),
  }
}
