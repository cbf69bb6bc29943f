// Server administration from a shell on the server machine: `npm run admin -- <command>`.
//   users                         list accounts and their roles
//   roles <username> <role,…>     set a user's extra roles (moderator, admin; "none" clears them)
// Takes the same --data-dir / SPOOL_DATA_DIR settings as the server, and works while it runs
// (SQLite in WAL mode lets both open the database).
import { fileURLToPath } from 'node:url'
import { roleSchema, usernameSchema, type Role } from '../shared/accounts'
import { createAccountStore } from './src/accounts/account-store'
import { ConfigError, parseConfig } from './src/config'
import { openDatabase } from './src/db'

const USAGE = 'Usage: npm run admin -- [--data-dir DIR] users | roles <username> <role,role…|none>'

function fail(message: string): never {
  console.error(message)
  process.exit(2)
}

const flags: string[] = []
const words: string[] = []
const argv = process.argv.slice(2)
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i]!
  if (arg.startsWith('--')) {
    flags.push(arg)
    if (!arg.includes('=') && argv[i + 1] !== undefined) flags.push(argv[++i]!)
  } else words.push(arg)
}

let config
try {
  config = parseConfig(
    flags,
    process.env,
    process.cwd(),
    fileURLToPath(new URL('../out/web', import.meta.url)),
  )
} catch (error) {
  if (error instanceof ConfigError) fail(error.message)
  throw error
}

const database = openDatabase(config.database)
const accounts = createAccountStore(database.db)
try {
  const [command, ...rest] = words
  if (command === 'users') {
    for (const user of accounts.list())
      console.log(`${user.username}\t${user.roles.join(',')}\t${user.createdAt}`)
  } else if (command === 'roles' && rest.length === 2) {
    const username = usernameSchema.safeParse(rest[0])
    if (!username.success) fail(`"${rest[0]}" is not a valid username`)
    const names = rest[1] === 'none' ? [] : rest[1]!.split(',').map((r) => r.trim())
    const roles: Role[] = names.map((name) => {
      const role = roleSchema.safeParse(name)
      return role.success
        ? role.data
        : fail(`Unknown role "${name}" (known: ${roleSchema.options.join(', ')})`)
    })
    const user = accounts.findByUsername(username.data)
    if (!user) fail(`No account named "${username.data}"`)
    const updated = accounts.setRoles(user.id, roles, null, 'cli')!
    console.log(`${updated.username}: ${updated.roles.join(', ')}`)
  } else {
    fail(USAGE)
  }
} finally {
  database.close()
}
