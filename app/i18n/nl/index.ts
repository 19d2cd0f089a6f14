// The Dutch catalogue: the source of every message key. One file per area of the portal.
import { auth } from './auth.ts'
import { common } from './common.ts'
import { errors } from './errors.ts'
import { home } from './home.ts'
import { shell } from './shell.ts'
import { states } from './states.ts'

export const nl = { auth, common, errors, home, shell, states }
