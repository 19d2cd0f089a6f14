// Messages of the provider area.
export const provider = {
	areaTitle: 'Mijn organisatie',
} satisfies Record<string, string>
