// account.* — sign in to a Spool server from the studio, sign out, and who is signed in.
import type { AccountService } from '../account/account-service'
import type { HandlerMap } from '../rpc/dispatcher'

export function accountHandlers(account: AccountService): HandlerMap {
  return {
    'account.get': () => account.get(),
    'account.login': (input) => account.login(input),
    'account.logout': () => account.logout(),
  }
}
