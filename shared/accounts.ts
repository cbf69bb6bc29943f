// Account fields as every client and the server validate them.
import { z } from 'zod'

export const roles = ['viewer', 'creator', 'moderator', 'admin'] as const
export type Role = (typeof roles)[number]
export const roleSchema = z.enum(roles)

// Lower-case only so that @mentions and /@username links have one spelling.
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_.]{3,30}$/, 'Use 3–30 characters: letters, digits, "_" or "."')
  .refine(
    (name) => !name.startsWith('.') && !name.endsWith('.') && !name.includes('..'),
    'Dots cannot start, end or repeat',
  )

export const passwordSchema = z
  .string()
  .min(10, 'Use at least 10 characters')
  .max(256, 'Use at most 256 characters')

export const credentialsSchema = z.object({ username: usernameSchema, password: passwordSchema })
export type Credentials = z.infer<typeof credentialsSchema>

export const publicUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  roles: z.array(roleSchema),
  createdAt: z.string(),
})
export type PublicUser = z.infer<typeof publicUserSchema>
