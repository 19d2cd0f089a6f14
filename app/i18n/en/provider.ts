import type { provider as nl } from '../nl/provider.ts'

export const provider: Record<keyof typeof nl, string> = {
	areaTitle: 'My organisation',
}
