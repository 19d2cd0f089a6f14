// Messages of the register area.
export const register = {
	areaTitle: 'Keurmerkregister',
} satisfies Record<string, string>
