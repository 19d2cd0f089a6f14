// Times on the self-evaluation screens, always in Amsterdam time whatever the browser's zone.
export function formatTime(value: Date | string): string {
	return new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' }).format(
		new Date(value),
	)
}

/** The Amsterdam calendar day of an instant, 'YYYY-MM-DD'. */
export function amsterdamDay(value: Date | string): string {
	return new Intl.DateTimeFormat('en-CA', {
		timeZone: 'Europe/Amsterdam',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
	}).format(new Date(value))
}
