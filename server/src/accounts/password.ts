// Password hashing with scrypt (memory-hard, in node:crypto, no native add-on to build).
// Parameters are stored with each hash so they can be raised later without breaking old logins.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

const DEFAULTS = { N: 2 ** 15, r: 8, p: 1 } // ~32 MiB and ~60 ms per hash on this class of machine
const KEY_LENGTH = 32

function derive(
  password: string,
  salt: Buffer,
  params: { N: number; r: number; p: number },
): Promise<Buffer> {
  // maxmem must exceed 128·N·r, or node refuses the default parameters.
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r }
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  )
}

export async function hashPassword(password: string, params = DEFAULTS): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, params)
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  )
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, key] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !key) return false
  const expected = Buffer.from(key, 'base64url')
  const actual = await derive(password, Buffer.from(salt, 'base64url'), {
    N: Number(N),
    r: Number(r),
    p: Number(p),
  })
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

/** A hash of a random password, verified against when the account does not exist, so a login for
 * an unknown name takes as long as one for a known name. */
export const decoyHash = hashPassword(randomBytes(24).toString('base64url'))
