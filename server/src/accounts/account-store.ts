// Users and their roles in the server database. Every account may watch and create reels; the
// stored roles are the extra ones (moderator, admin). The first account on a new server is the
// admin, decided inside the insert's transaction so two racing sign-ups cannot both win.
import type Database from 'better-sqlite3'
import { ulid } from 'ulid'
import type { PublicUser, Role } from '../../../shared/accounts'

interface UserRow {
  id: string
  username: string
  password_hash: string
  roles: string
  created_at: number
}

export interface StoredUser extends PublicUser {
  passwordHash: string
}

const IMPLICIT_ROLES: Role[] = ['viewer', 'creator']

function toUser(row: UserRow): StoredUser {
  const stored = JSON.parse(row.roles) as Role[]
  return {
    id: row.id,
    username: row.username,
    roles: [...IMPLICIT_ROLES, ...stored.filter((role) => !IMPLICIT_ROLES.includes(role))],
    createdAt: new Date(row.created_at).toISOString(),
    passwordHash: row.password_hash,
  }
}

export function publicUser(user: StoredUser): PublicUser {
  return { id: user.id, username: user.username, roles: user.roles, createdAt: user.createdAt }
}

export class UsernameTakenError extends Error {
  override name = 'UsernameTakenError'
}

export function createAccountStore(db: Database.Database, now: () => number = Date.now) {
  const byName = db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?')
  const byId = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?')
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM users')
  const insert = db.prepare(
    'INSERT INTO users (id, username, password_hash, roles, created_at) VALUES (?, ?, ?, ?, ?)',
  )
  const updateRoles = db.prepare('UPDATE users SET roles = ? WHERE id = ?')
  const updatePassword = db.prepare('UPDATE users SET password_hash = ? WHERE id = ?')
  const logRoles = db.prepare(
    'INSERT INTO role_changes (user_id, roles, changed_by, via, changed_at) VALUES (?, ?, ?, ?, ?)',
  )
  const list = db.prepare<[], UserRow>('SELECT * FROM users ORDER BY created_at, id')

  const create = db.transaction((username: string, passwordHash: string): StoredUser => {
    if (byName.get(username)) throw new UsernameTakenError(`The username "${username}" is taken`)
    const roles: Role[] = count.get()!.n === 0 ? ['admin'] : []
    const id = ulid()
    insert.run(id, username, passwordHash, JSON.stringify(roles), now())
    return toUser(byId.get(id)!)
  })

  return {
    create,
    findByUsername(username: string): StoredUser | undefined {
      const row = byName.get(username)
      return row && toUser(row)
    },
    findById(id: string): StoredUser | undefined {
      const row = byId.get(id)
      return row && toUser(row)
    },
    list(): StoredUser[] {
      return list.all().map(toUser)
    },
    /** Sets the extra roles (viewer and creator are implicit) and records who did it. */
    setRoles: db.transaction(
      (
        userId: string,
        roles: Role[],
        changedBy: string | null,
        via: 'api' | 'cli',
      ): StoredUser | undefined => {
        const extra = [...new Set(roles.filter((role) => !IMPLICIT_ROLES.includes(role)))].sort()
        if (updateRoles.run(JSON.stringify(extra), userId).changes === 0) return undefined
        logRoles.run(userId, JSON.stringify(extra), changedBy, via, now())
        return toUser(byId.get(userId)!)
      },
    ),
    setPasswordHash(userId: string, passwordHash: string): void {
      updatePassword.run(passwordHash, userId)
    },
  }
}

export type AccountStore = ReturnType<typeof createAccountStore>
