// The Dutch catalogue: the source of every message key. One file per area of the portal.
import { auth } from './auth.ts'
import { common } from './common.ts'
import { errors } from './errors.ts'
import { home } from './home.ts'
import { provider } from './provider.ts'
import { register } from './register.ts'
import { shell } from './shell.ts'
import { staff } from './staff.ts'
import { states } from './states.ts'

export const nl = { auth, common, errors, home, provider, register, shell, staff, states }
