import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from './password'

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple')
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/)
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true)
    expect(await verifyPassword('correct horse battery stapl', stored)).toBe(false)
  })

  it('salts every hash, and keeps its parameters with it', async () => {
    const a = await hashPassword('same password', { N: 1024, r: 8, p: 1 })
    const b = await hashPassword('same password', { N: 1024, r: 8, p: 1 })
    expect(a).not.toBe(b)
    expect(await verifyPassword('same password', a)).toBe(true)
  })

  it('treats visually identical Unicode passwords as the same', async () => {
    const stored = await hashPassword('caf\u00e9 au lait!', { N: 1024, r: 8, p: 1 })
    expect(await verifyPassword('cafe\u0301 au lait!', stored)).toBe(true)
  })

  it('rejects malformed stored hashes', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false)
    expect(await verifyPassword('x', 'bcrypt$1$2$3$aa$bb')).toBe(false)
  })
})
