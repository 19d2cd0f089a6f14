// Pure helpers of the benches' markdown (no I/O, so the unit project can test them).
//
// A bench writes its tables anew on every run, from every results file; the reading of the numbers
// under them is written by hand after a quiet run. The reading lives in the same file, from its
// "## Reading" heading to the end, and each run keeps it, so nobody has to append it again.

/** The heading that starts the hand-written part: "## Reading", "## Reading (…)", "## Reading the numbers". */
const READING = /^## Reading\b.*$/m

/** The hand-written reading of a bench's markdown, from its heading to the end ('' when there is none). */
export function readingOf(markdown: string): string {
	const match = READING.exec(markdown)
	return match ? markdown.slice(match.index).trimEnd() : ''
}

/**
 * The generated markdown with the previous file's reading after it. A generated part that has a
 * reading of its own (a default) keeps its own only when the previous file had none.
 */
export function keepReading(generated: string, previous: string | null): string {
	const kept = readingOf(previous ?? '')
	if (!kept) return `${generated.trimEnd()}\n`
	const own = READING.exec(generated)
	const tables = own ? generated.slice(0, own.index) : generated
	return `${tables.trimEnd()}\n\n${kept}\n`
}
