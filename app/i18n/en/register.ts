import type { register as nl } from '../nl/register.ts'

export const register: Record<keyof typeof nl, string> = {
	areaTitle: 'Quality mark register',
}
