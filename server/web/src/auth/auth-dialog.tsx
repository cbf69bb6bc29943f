// Sign up and log in, in one Radix dialog with a tab for each. Fields are checked with the same
// zod schemas the server uses, so a message appears before the request and says the same thing.
import * as Dialog from '@radix-ui/react-dialog'
import { useId, useState, type FormEvent } from 'react'
import { passwordSchema, usernameSchema } from '../../../../shared/accounts'
import { signIn } from '../session/session-store'
import { CentredDialog } from '../components/centred-dialog'
import { FormError, SubmitButton } from '../components/form-parts'
import { authErrorMessage } from './auth-errors'
import { askToSignIn, useSignInPrompt } from './sign-in-prompt'

export type AuthMode = 'login' | 'register'

interface FieldErrors {
  username?: string
  password?: string
}

function check(mode: AuthMode, username: string, password: string): FieldErrors {
  const errors: FieldErrors = {}
  if (mode === 'register') {
    const name = usernameSchema.safeParse(username)
    if (!name.success) errors.username = name.error.issues[0]?.message
    const pass = passwordSchema.safeParse(password)
    if (!pass.success) errors.password = pass.error.issues[0]?.message
  } else {
    // Log-in only needs something: an older password may predate today's rules.
    if (username.trim() === '') errors.username = 'Enter your username'
    if (password === '') errors.password = 'Enter your password'
  }
  return errors
}

/** The app's one sign-in dialog, opened through askToSignIn() (auth/sign-in-prompt.ts). */
export function SignInDialog() {
  const prompt = useSignInPrompt()
  return (
    <AuthDialog
      mode={prompt?.mode ?? null}
      reason={prompt?.reason}
      onModeChange={(mode) => askToSignIn(mode ? { mode, reason: prompt?.reason } : null)}
    />
  )
}

export function AuthDialog(props: {
  mode: AuthMode | null
  onModeChange: (mode: AuthMode | null) => void
  reason?: string
}) {
  return (
    <CentredDialog
      open={props.mode !== null}
      onClose={() => props.onModeChange(null)}
      className="auth-dialog"
    >
      {props.mode && (
        <AuthForm
          key={props.mode}
          mode={props.mode}
          onModeChange={props.onModeChange}
          reason={props.reason}
        />
      )}
    </CentredDialog>
  )
}

function AuthForm({
  mode,
  onModeChange,
  reason,
}: {
  mode: AuthMode
  onModeChange: (mode: AuthMode | null) => void
  reason?: string
}) {
  const id = useId()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [submitted, setSubmitted] = useState(false)
  const [busy, setBusy] = useState(false)
  const [serverError, setServerError] = useState<string | null>(null)
  const errors = submitted ? check(mode, username, password) : {}

  async function submit(event: FormEvent) {
    event.preventDefault()
    setSubmitted(true)
    setServerError(null)
    const found = check(mode, username, password)
    if (found.username || found.password) return
    setBusy(true)
    try {
      await signIn(mode, username, password)
      onModeChange(null)
    } catch (error) {
      setServerError(authErrorMessage(error))
      setBusy(false)
    }
  }

  const register = mode === 'register'
  return (
    <>
      <Dialog.Title className="dialog-title">
        {register ? 'Create your account' : 'Welcome back'}
      </Dialog.Title>
      <Dialog.Description className="dialog-text">
        {reason ??
          (register
            ? 'Sign up to like, comment and follow creators on this Spool server.'
            : 'Log in to like, comment and follow creators.')}
      </Dialog.Description>
      <div className="auth-tabs" role="tablist" aria-label="Account">
        {(['login', 'register'] as const).map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            className="auth-tab"
            aria-selected={tab === mode}
            onClick={() => onModeChange(tab)}
          >
            {tab === 'login' ? 'Log in' : 'Sign up'}
          </button>
        ))}
      </div>
      <form className="auth-form" onSubmit={(event) => void submit(event)} noValidate>
        <Field
          id={`${id}-username`}
          label="Username"
          value={username}
          onChange={setUsername}
          error={errors.username}
          autoComplete="username"
          hint={register ? '3–30 characters: letters, digits, "_" or "."' : undefined}
        />
        <Field
          id={`${id}-password`}
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          error={errors.password}
          autoComplete={register ? 'new-password' : 'current-password'}
          hint={register ? 'At least 10 characters' : undefined}
        />
        <FormError message={serverError} />
        <SubmitButton busy={busy}>{register ? 'Sign up' : 'Log in'}</SubmitButton>
      </form>
    </>
  )
}

function Field(props: {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  error: string | undefined
  hint: string | undefined
  type?: string
  autoComplete: string
}) {
  const describedBy = props.error ? `${props.id}-error` : props.hint ? `${props.id}-hint` : undefined
  return (
    <div className={`field ${props.error ? 'has-error' : ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        autoComplete={props.autoComplete}
        autoCapitalize="none"
        spellCheck={false}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy}
      />
      {props.error ? (
        <p className="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : (
        props.hint && (
          <p className="field-hint" id={`${props.id}-hint`}>
            {props.hint}
          </p>
        )
      )}
    </div>
  )
}
