import type { staff as nl } from '../nl/staff.ts'

export const staff: Record<keyof typeof nl, string> = {
	areaTitle: 'KiBG office',
}
