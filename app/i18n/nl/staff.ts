// Messages of the staff area.
export const staff = {
	areaTitle: 'Bedrijfsbureau KiBG',
} satisfies Record<string, string>
