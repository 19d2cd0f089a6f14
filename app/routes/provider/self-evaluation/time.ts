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

// Amsterdam's offset from UTC is whole hours, so one minute of UTC is one minute on the clock: the
// last minute's text serves every save within it (formatting itself was ~1 % of an autosave's CPU).
let lastMinute = Number.NaN
let lastText = ''

export function formatTime(value: Date | string): string {
	const ms = new Date(value).getTime()
	const minute = Math.floor(ms / 60_000)
	if (minute !== lastMinute) {
		lastText = timeFormat.format(ms) // an invalid date throws here, as before (NaN is never lastMinute)
		lastMinute = minute
	}
	return lastText
}

/** The Amsterdam calendar day of an instant, 'YYYY-MM-DD'. */
export function amsterdamDay(value: Date | string): string {
	return dayFormat.format(new Date(value))
}
