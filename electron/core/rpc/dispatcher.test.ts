import { describe, expect, it, vi } from 'vitest'
import { studioMethods } from '../../../shared/rpc/contract'
import { RpcError } from '../../../shared/rpc/envelope'
import { createDispatcher, joinHandlers, type HandlerMap } from './dispatcher'

const settings = {
  theme: 'dark',
  serverUrl: 'http://127.0.0.1:8080',
  uploadConcurrency: 2,
  encoder: 'auto',
  notifications: true,
} as const

const info = {
  name: 'Spool Studio',
  version: '1.0.0',
  platform: 'linux',
  transport: 'web-bridge',
  dataDir: '/tmp/x',
  schemaVersion: 1,
} as const

const notUsedHere = () => {
  throw new Error('not used by these tests')
}

// joinHandlers refuses a method handled twice, so overrides replace entries before joining.
function dispatcherWith(overrides: HandlerMap = {}) {
  // Every method of the contract gets a handler (joinHandlers refuses a gap); the tests only call
  // the two real ones.
  const unused = Object.fromEntries(Object.keys(studioMethods).map((name) => [name, notUsedHere]))
  const base: HandlerMap = {
    ...unused,
    'app.info': () => info,
    'settings.get': () => settings,
    'settings.set': (changes) => ({ ...settings, ...changes }),
    ...overrides,
  }
  const log = { error: vi.fn() }
  return { ...createDispatcher(joinHandlers({ all: base }), log), log }
}

const context = { transport: 'web-bridge' } as const

describe('joinHandlers', () => {
  it('refuses a method handled by two domains, naming both', () => {
    expect(() =>
      joinHandlers({
        app: { 'app.info': () => info, 'settings.get': () => settings },
        settings: { 'settings.get': () => settings, 'settings.set': () => settings },
      }),
    ).toThrow('Method "settings.get" is handled by both "app" and "settings"')
  })

  it('refuses to start when a contract method has no handler', () => {
    expect(() => joinHandlers({ app: { 'app.info': () => info } })).toThrow(
      'No handler for: settings.get, settings.set, library.list',
    )
  })

  it('refuses a handler for a method that is not in the contract', () => {
    const extra = { 'nope.nothing': () => null } as unknown as HandlerMap
    expect(() => joinHandlers({ app: { 'app.info': () => info }, extra })).toThrow(
      'Domain "extra" handles "nope.nothing", which is not in the contract',
    )
  })
})

describe('dispatch', () => {
  it('answers a valid request with the handler result', async () => {
    const { dispatch } = dispatcherWith()
    const response = await dispatch({ type: 'request', id: 7, method: 'settings.get', params: {} }, context)
    expect(response).toEqual({ type: 'response', id: 7, ok: true, result: settings })
  })

  it.each([
    ['not an object', 'hello'],
    ['null', null],
    ['no type', { id: 1, method: 'app.info', params: {} }],
    ['negative id', { type: 'request', id: -3, method: 'app.info', params: {} }],
    ['empty method', { type: 'request', id: 1, method: '', params: {} }],
  ])('answers a malformed envelope (%s) with bad_request', async (_name, raw) => {
    const { dispatch } = dispatcherWith()
    const response = await dispatch(raw, context)
    expect(response.ok).toBe(false)
    if (!response.ok) expect(response.error.code).toBe('bad_request')
  })

  it('keeps the id of a malformed envelope when it has a numeric one', async () => {
    const { dispatch } = dispatcherWith()
    const response = await dispatch({ type: 'request', id: 12, method: 42 }, context)
    expect(response).toMatchObject({ id: 12, ok: false, error: { code: 'bad_request' } })
  })

  it('answers an unknown method with unknown_method', async () => {
    const { dispatch } = dispatcherWith()
    const response = await dispatch(
      { type: 'request', id: 1, method: 'settings.delete', params: {} },
      context,
    )
    expect(response).toMatchObject({
      ok: false,
      error: { code: 'unknown_method', message: 'Unknown method "settings.delete"' },
    })
  })

  it('does not treat inherited object keys as methods', async () => {
    const { dispatch } = dispatcherWith()
    const response = await dispatch({ type: 'request', id: 1, method: 'constructor', params: {} }, context)
    expect(response).toMatchObject({ ok: false, error: { code: 'unknown_method' } })
  })

  it('answers invalid params with invalid_params and the issues, without calling the handler', async () => {
    const set = vi.fn(() => settings)
    const { dispatch } = dispatcherWith({ 'settings.set': set })
    const response = await dispatch(
      {
        type: 'request',
        id: 2,
        method: 'settings.set',
        params: { uploadConcurrency: 99, serverUrl: 'javascript:alert(1)' },
      },
      context,
    )
    expect(set).not.toHaveBeenCalled()
    expect(response.ok).toBe(false)
    if (response.ok) return
    expect(response.error.code).toBe('invalid_params')
    expect(response.error.issues?.map((issue) => issue.path).sort()).toEqual([
      'serverUrl',
      'uploadConcurrency',
    ])
  })

  it('rejects unknown keys in params (strict schemas)', async () => {
    const { dispatch } = dispatcherWith()
    const response = await dispatch(
      { type: 'request', id: 3, method: 'settings.set', params: { colour: 'red' } },
      context,
    )
    expect(response).toMatchObject({ ok: false, error: { code: 'invalid_params' } })
  })

  it('turns a throwing handler into internal with its message, and logs it', async () => {
    const { dispatch, log } = dispatcherWith({
      'settings.get': () => {
        throw new Error('disk on fire')
      },
    })
    const response = await dispatch({ type: 'request', id: 4, method: 'settings.get', params: {} }, context)
    expect(response).toEqual({
      type: 'response',
      id: 4,
      ok: false,
      error: { code: 'internal', message: 'disk on fire' },
    })
    expect(log.error).toHaveBeenCalledOnce()
  })

  it('passes an RpcError from a handler through with its code and issues', async () => {
    const { dispatch } = dispatcherWith({
      'settings.get': async () => {
        throw new RpcError('conflict', 'Someone else changed it', [{ path: 'theme', message: 'stale' }])
      },
    })
    const response = await dispatch({ type: 'request', id: 5, method: 'settings.get', params: {} }, context)
    expect(response).toEqual({
      type: 'response',
      id: 5,
      ok: false,
      error: {
        code: 'conflict',
        message: 'Someone else changed it',
        issues: [{ path: 'theme', message: 'stale' }],
      },
    })
  })

  it('refuses to send a result outside the contract (internal), and logs it', async () => {
    const { dispatch, log } = dispatcherWith({
      'settings.get': () => ({ ...settings, uploadConcurrency: 42 }),
    })
    const response = await dispatch({ type: 'request', id: 6, method: 'settings.get', params: {} }, context)
    expect(response).toMatchObject({ id: 6, ok: false, error: { code: 'internal' } })
    expect(log.error).toHaveBeenCalledOnce()
  })

  it('gives handlers the transport that asked', async () => {
    const { dispatch } = dispatcherWith({
      'app.info': (_params, ctx) => ({ ...info, transport: ctx.transport }),
    })
    const response = await dispatch(
      { type: 'request', id: 8, method: 'app.info', params: {} },
      { transport: 'electron' },
    )
    expect(response).toMatchObject({ ok: true, result: { transport: 'electron' } })
  })
})
