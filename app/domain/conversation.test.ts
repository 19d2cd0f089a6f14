import { describe, expect, test } from 'vitest'
import { excerpt, isUnread, messageMoment, otherSide, unreadCount } from './conversation.ts'

const at = (iso: string) => new Date(iso)

describe('the conversation rules', () => {
	test('a message of the other side after the marker is unread; own messages never are', () => {
		const marker = at('2031-03-01T10:00:00Z')
		expect(isUnread({ side: 'staff', createdAt: at('2031-03-01T10:00:00.001Z') }, 'provider', marker)).toBe(true)
		expect(isUnread({ side: 'staff', createdAt: marker }, 'provider', marker)).toBe(false)
		expect(isUnread({ side: 'provider', createdAt: at('2031-03-02T10:00:00Z') }, 'provider', marker)).toBe(false)
		expect(isUnread({ side: 'provider', createdAt: at('2031-03-02T10:00:00Z') }, 'staff', null)).toBe(true)
	})

	test('counts only the other side', () => {
		const messages = [
			{ side: 'provider' as const, createdAt: at('2031-03-01T09:00:00Z') },
			{ side: 'staff' as const, createdAt: at('2031-03-01T10:00:00Z') },
			{ side: 'provider' as const, createdAt: at('2031-03-01T11:00:00Z') },
		]
		expect(unreadCount(messages, 'staff', null)).toBe(2)
		expect(unreadCount(messages, 'staff', at('2031-03-01T10:00:00Z'))).toBe(1)
		expect(unreadCount(messages, 'provider', null)).toBe(1)
		expect(unreadCount(messages, 'provider', at('2031-03-01T11:00:00Z'))).toBe(0)
	})

	test('a new message always comes after the last one, also on a clock that stands still', () => {
		const last = at('2031-03-01T10:00:00Z')
		expect(messageMoment(last, last).getTime()).toBe(last.getTime() + 1)
		expect(messageMoment(at('2031-03-01T09:00:00Z'), last).getTime()).toBe(last.getTime() + 1)
		expect(messageMoment(at('2031-03-01T11:00:00Z'), last)).toEqual(at('2031-03-01T11:00:00Z'))
		expect(messageMoment(last, null)).toEqual(last)
	})

	test('excerpt: the first line, cut at a word', () => {
		expect(excerpt('Kort bericht\nmet een tweede regel')).toBe('Kort bericht')
		const long = 'woord '.repeat(30)
		const cut = excerpt(long, 40)
		expect(cut.endsWith('…')).toBe(true)
		expect(cut.length).toBeLessThanOrEqual(41)
		expect(otherSide('staff')).toBe('provider')
	})
})
