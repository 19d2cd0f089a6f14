// Times on the self-evaluation screens, always in Amsterdam time whatever the browser's zone.
// One formatter each: building an Intl.DateTimeFormat costs far more than formatting with it, and
// every autosave formats its time (issue 17, a CPU profile).
const timeFormat = new Intl.DateTimeFormat('nl-NL', {
	timeZone: 'Europe/Amsterdam',
	hour: '2-digit',
	minute: '2-digit',
})
const dayFormat = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Europe/Amsterdam',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
})

export function formatTime(value: Date | string): string {
	return timeFormat.format(new Date(value))
}

/** The Amsterdam calendar day of an instant, 'YYYY-MM-DD'. */
export function amsterdamDay(value: Date | string): string {
	return dayFormat.format(new Date(value))
}
