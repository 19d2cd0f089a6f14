// The conversation about one participation (issue 12 §4): provider and KiBG write messages, never
// edit or delete them. Pure rules: what a message may hold, and which messages a reader has not
// read yet. The service (app/services/conversation.server.ts) stores, mails and audits.

export type MessageSide = 'staff' | 'provider'

/** Longest message body, in characters (a letter's worth; a longer story goes in an attachment). */
export const MESSAGE_MAX_CHARS = 5000

/** Files one message may carry; together they travel in one request, under the upload cap. */
export const MESSAGE_MAX_ATTACHMENTS = 3

export function otherSide(side: MessageSide): MessageSide {
	return side === 'staff' ? 'provider' : 'staff'
}

/**
 * Whether `reader` (writing for `side`) has not read `message` yet: a message of the other side
 * written after the reader's marker. Own messages are never unread.
 */
export function isUnread(
	message: { side: MessageSide; createdAt: Date },
	side: MessageSide,
	readUpTo: Date | null | undefined,
): boolean {
	if (message.side === side) return false
	return !readUpTo || message.createdAt.getTime() > readUpTo.getTime()
}

export function unreadCount(
	messages: readonly { side: MessageSide; createdAt: Date }[],
	side: MessageSide,
	readUpTo: Date | null | undefined,
): number {
	return messages.filter((message) => isUnread(message, side, readUpTo)).length
}

/**
 * The moment a new message is written: now, but always after the thread's last message, so the
 * order of a thread is its order of writing and a read marker (the moment of the last message
 * read) separates read from unread exactly, also when the clock stands still (tests, demos).
 */
export function messageMoment(at: Date, lastMessageAt: Date | null | undefined): Date {
	if (lastMessageAt && at.getTime() <= lastMessageAt.getTime()) return new Date(lastMessageAt.getTime() + 1)
	return at
}

/** A short excerpt of a body, for lists: the first line, cut at a word within `max` characters. */
export function excerpt(body: string, max = 80): string {
	const line = body.trim().split(/\r?\n/, 1)[0] ?? ''
	if (line.length <= max) return line
	const cut = line.slice(0, max)
	const space = cut.lastIndexOf(' ')
	return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}
