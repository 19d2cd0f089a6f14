// One evidence item as a fieldset that saves itself: debounced autosave to the resource route,
// a copy of unsaved input in localStorage (closing the browser loses nothing; it is restored and
// saved on the next visit), a visible saved-state indicator and a conflict that is shown, never
// resolved silently. Without JavaScript the fields simply belong to the page's form.
// Issue 15: every answer is classified (autosave-answer.ts); only what can succeed later is retried,
// with backoff, and each failure says why. A session that ended says so and offers a login in a
// new tab; the text is saved when the session is back.
import { type FocusEvent, type ReactNode, useCallback, useEffect, useRef, useState } from 'react'
import { useRevalidator } from 'react-router'
import { formatDate } from '#app/i18n/format.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { SESSION_CHANNEL, SIGN_IN_AGAIN_URL } from '#app/lib/session-channel.ts'
import type { AutosaveResponse } from './autosave.ts'
import {
	type AutosaveOutcome,
	classifyAutosaveAnswer,
	isRetryable,
	MAX_ATTEMPTS,
	retryDelayMs,
} from './autosave-answer.ts'
import { summariseAnswer } from './answer-fields.ts'
import { amsterdamDay, formatTime } from './time.ts'

type Current = Extract<AutosaveResponse, { reason: 'conflict' }>['current']
type Status =
	| { kind: 'idle' }
	| { kind: 'saved'; time: string; date?: string }
	| { kind: 'dirty' }
	| { kind: 'saving' }
	/** Not saved; `retryInSeconds` when a retry is planned, else it stopped (button to try again). */
	| { kind: 'error'; message: string; retryInSeconds?: number }
	/** The session ended: log in again (new tab), then the text is saved by itself. */
	| { kind: 'session' }
	| { kind: 'conflict'; current: Current }

const DEBOUNCE_MS = 800
/** Issue 17: reload the page's loaders (progress, side navigation) at most this often while typing. */
const REVALIDATE_EVERY_MS = 15_000
/** A keepalive request may carry at most 64 kB (Fetch standard); a larger body goes without it. */
const KEEPALIVE_LIMIT = 60_000

interface Backup {
	baseVersion: number
	values: [string, string][]
}

/**
 * One revalidation for the whole page (every fieldset shares it): after an acknowledged save the
 * page is stale; it is reloaded when the focus leaves the answer, on the way out, or at the latest
 * after REVALIDATE_EVERY_MS — never once per save (issue 17: that doubled the load in the rush).
 */
const staleness = {
	stale: false,
	timer: undefined as ReturnType<typeof setTimeout> | undefined,
	revalidate: (() => undefined) as () => unknown,
}
function markStale(revalidate: () => unknown) {
	staleness.stale = true
	staleness.revalidate = revalidate
	staleness.timer ??= setTimeout(refreshIfStale, REVALIDATE_EVERY_MS)
}
/** The session ended: a reload of the loaders now would be sent to the login page; forget it. */
function forgetStale() {
	clearTimeout(staleness.timer)
	staleness.timer = undefined
	staleness.stale = false
}
function refreshIfStale() {
	clearTimeout(staleness.timer)
	staleness.timer = undefined
	if (!staleness.stale) return
	staleness.stale = false
	void staleness.revalidate()
}

/** Every answer on the page: how to bring its autosave to rest (see settleAutosaves). */
const settlers = new Set<() => Promise<void>>()
/** Long enough for a slow save, short enough that a hung connection does not hold the page form. */
const SETTLE_LIMIT_MS = 15_000

/**
 * Issue 13: the page form and the autosaves are one person's saves and must not cross. Before the
 * form is sent, every answer's waiting save is sent and every save in flight is awaited (each on
 * the version the previous one returned), so the form then carries what is stored: no conflict
 * with oneself. A conflict with a colleague, a lost session or an error stays and is shown.
 */
export function settleAutosaves(): Promise<void> {
	const all = Promise.all([...settlers].map((settle) => settle().catch(() => undefined))).then(() => undefined)
	return Promise.race([all, new Promise<void>((resolve) => setTimeout(resolve, SETTLE_LIMIT_MS))])
}

export function AutosaveFieldset({
	evidenceKey,
	roundId,
	endpoint,
	version: serverVersion,
	savedAt,
	today,
	editable,
	formId,
	className,
	children,
}: {
	evidenceKey: string
	roundId: string
	endpoint: string
	version: number
	savedAt: string | null
	/** The server's Amsterdam day: an answer saved on another day shows its date too. */
	today: string
	editable: boolean
	formId: string
	className?: string
	children: ReactNode
}) {
	const t = useT()
	const locale = useLocale()
	const fieldset = useRef<HTMLFieldSetElement>(null)
	const version = useRef(serverVersion)
	const [versionValue, setVersionValue] = useState(serverVersion)
	const [hydrated, setHydrated] = useState(false)
	const [status, setStatus] = useState<Status>(
		savedAt
			? {
					kind: 'saved',
					time: formatTime(savedAt),
					date: amsterdamDay(savedAt) === today ? undefined : formatDate(savedAt, locale),
				}
			: { kind: 'idle' },
	)
	const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
	const edits = useRef(0)
	/** The count of edits the last acknowledged save contained. */
	const savedEdits = useRef(0)
	const inFlight = useRef(false)
	/** The save in flight, for settle() to wait on. */
	const running = useRef<Promise<void> | null>(null)
	/**
	 * The answer as last seen in the page. React detaches the fieldset before the unmount effects
	 * run, so the save sent on the way out (or one that follows a save still in flight) must not
	 * read the controls: it would find none and store an empty answer over the real one.
	 */
	const lastValues = useRef<[string, string][] | null>(null)
	const versionInput = useRef<HTMLInputElement>(null)
	const storageKey = `keurmerk:zelfevaluatie:${roundId}:${evidenceKey}`
	// Issue 13: after a save the page's loaders run again, so the progress bar, the side navigation
	// and the "still needed" marks follow without a reload — throttled (markStale above, issue 17).
	// Typed text is safe: the inputs are uncontrolled, and the version below only ever moves forward.
	const revalidator = useRevalidator()
	const revalidate = useRef(revalidator.revalidate)
	revalidate.current = revalidator.revalidate

	const setVersion = useCallback((next: number) => {
		version.current = next
		// The page form may be sent before React renders again (settleAutosaves): it reads the DOM.
		if (versionInput.current) versionInput.current.value = String(next)
		setVersionValue(next)
	}, [])

	// A save through the page's form brings a new server version: adopt it. Never go back: a
	// revalidation that started before our latest autosave returned carries an older version.
	useEffect(() => setVersion(Math.max(version.current, serverVersion)), [serverVersion, setVersion])

	const collect = useCallback((): [string, string][] => {
		const element = fieldset.current
		// Gone from the page (unmounted): what it last showed.
		if (!element) return lastValues.current ?? []
		const values: [string, string][] = []
		for (const control of Array.from(element.elements) as HTMLInputElement[]) {
			if (!control.name?.startsWith(`${evidenceKey}:`) || control.name.endsWith(':version') || control.type === 'file')
				continue
			if ((control.type === 'checkbox' || control.type === 'radio') && !control.checked) continue
			values.push([control.name, control.value])
		}
		lastValues.current = values
		return values
	}, [evidenceKey])

	const apply = useCallback(
		(values: [string, string][]) => {
			const element = fieldset.current
			if (!element) return
			for (const control of Array.from(element.elements) as HTMLInputElement[]) {
				if (
					!control.name?.startsWith(`${evidenceKey}:`) ||
					control.name.endsWith(':version') ||
					control.type === 'file'
				)
					continue
				if (control.type === 'checkbox')
					control.checked = values.some(([name, value]) => name === control.name && value === control.value)
				else control.value = values.find(([name]) => name === control.name)?.[1] ?? ''
			}
		},
		[evidenceKey],
	)

	const failures = useRef(0)
	/** A conflict, an ended session or a refusal: shown, and not sent again by settle(). */
	const halted = useRef(false)
	const retryTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
	const sessionEnded = useRef(false)

	const save = useCallback(
		async ({ leaving = false }: { leaving?: boolean } = {}) => {
			if (inFlight.current) return
			// Nothing was ever read from the page (no edit, no restore): nothing to save.
			if (!fieldset.current && lastValues.current === null) return
			inFlight.current = true
			let finished: () => void = () => undefined
			running.current = new Promise<void>((resolve) => {
				finished = resolve
			})
			clearTimeout(retryTimer.current)
			retryTimer.current = undefined
			const editsAtStart = edits.current
			// URL-encoded, not multipart: an answer is text only, and the server reads such a body
			// straight from its bytes (app/lib/url-encoded.ts) instead of through a multipart parser
			// (a save's cost at the deadline rush, issue 17). The size below counts a character as
			// three bytes, as encoded.
			const body = new URLSearchParams()
			body.set('evidenceKey', evidenceKey)
			body.set(`${evidenceKey}:version`, String(version.current))
			let size = 0
			for (const [name, value] of collect()) {
				body.append(name, value)
				size += name.length + value.length * 3
			}
			setStatus({ kind: 'saving' })
			let outcome: AutosaveOutcome
			try {
				// keepalive: a save started while the page goes away still arrives (small bodies only).
				const response = await fetch(endpoint, {
					method: 'POST',
					body,
					keepalive: leaving && size < KEEPALIVE_LIMIT,
					headers: { Accept: 'application/json' },
				})
				const contentType = response.headers.get('Content-Type')
				let json: unknown = null
				if (contentType?.includes('application/json')) json = await response.json().catch(() => null)
				else await response.body?.cancel().catch(() => undefined)
				outcome = classifyAutosaveAnswer({
					status: response.status,
					redirectedTo: response.redirected ? response.url : null,
					contentType,
					retryAfter: response.headers.get('Retry-After'),
					json,
				})
			} catch {
				// Offline or the server is away: the backup keeps the text.
				outcome = { kind: 'offline' }
			} finally {
				inFlight.current = false
				running.current = null
				finished()
			}
			if (outcome.kind !== 'session') sessionEnded.current = false
			halted.current = !isRetryable(outcome) && outcome.kind !== 'saved'
			if (isRetryable(outcome)) failures.current += 1
			else failures.current = 0
			switch (outcome.kind) {
				case 'saved':
					setVersion(outcome.version)
					savedEdits.current = editsAtStart
					if (edits.current === editsAtStart) {
						localStorage.removeItem(storageKey)
						setStatus({ kind: 'saved', time: outcome.savedTime })
						markStale(revalidate.current)
						// Already out of this answer (tabbed on while it saved): show the progress now.
						if (!fieldset.current?.contains(document.activeElement)) refreshIfStale()
					} else {
						setStatus({ kind: 'dirty' })
						timer.current = setTimeout(() => void save(), DEBOUNCE_MS)
					}
					return
				case 'conflict':
					setStatus({ kind: 'conflict', current: outcome.current })
					return
				case 'session':
					// Waits for a login (another tab says so, or this tab gets the focus back).
					sessionEnded.current = true
					forgetStale()
					setStatus({ kind: 'session' })
					return
				case 'refused':
					setStatus({ kind: 'error', message: outcome.message })
					return
				case 'too_large':
					setStatus({ kind: 'error', message: t('selfEvaluation.saveTooLarge') })
					return
				case 'rejected':
					setStatus({ kind: 'error', message: t('selfEvaluation.saveRejected', { status: outcome.status }) })
					return
			}
			if (failures.current >= MAX_ATTEMPTS) {
				setStatus({ kind: 'error', message: t('selfEvaluation.saveGaveUp') })
				return
			}
			const delay = retryDelayMs(outcome, failures.current)
			const seconds = Math.round(delay / 1000)
			const message =
				outcome.kind === 'throttled'
					? t('selfEvaluation.saveThrottled', { seconds })
					: outcome.kind === 'server'
						? t('selfEvaluation.saveServerError', { status: outcome.status, seconds })
						: t('selfEvaluation.saveOffline', { seconds })
			setStatus({ kind: 'error', message, retryInSeconds: seconds })
			retryTimer.current = setTimeout(() => void save(), delay)
		},
		[collect, endpoint, evidenceKey, setVersion, storageKey, t],
	)

	const changed = useCallback(() => {
		if (!editable) return
		edits.current += 1
		const backup: Backup = { baseVersion: version.current, values: collect() }
		try {
			localStorage.setItem(storageKey, JSON.stringify(backup))
		} catch {
			// Storage full or blocked: autosave still works.
		}
		// A new edit is a new attempt: the count of failures in a row starts again.
		failures.current = 0
		clearTimeout(retryTimer.current)
		retryTimer.current = undefined
		setStatus((current) => (current.kind === 'conflict' || current.kind === 'session' ? current : { kind: 'dirty' }))
		clearTimeout(timer.current)
		timer.current = setTimeout(() => {
			timer.current = undefined
			setStatus((current) => {
				// While the session is gone, typing keeps the backup; the save waits for the login.
				if (current.kind !== 'conflict' && current.kind !== 'session') void save()
				return current
			})
		}, DEBOUNCE_MS)
	}, [collect, editable, save, storageKey])

	// Restore what was typed but not saved (browser closed, connection lost) and save it now.
	useEffect(() => {
		setHydrated(true)
		if (!editable) return
		const raw = localStorage.getItem(storageKey)
		if (!raw) return
		try {
			const backup = JSON.parse(raw) as Backup
			const same = JSON.stringify([...backup.values].sort()) === JSON.stringify([...collect()].sort())
			if (same) {
				localStorage.removeItem(storageKey)
				return
			}
			apply(backup.values)
			version.current = backup.baseVersion
			edits.current += 1
			void save()
		} catch {
			localStorage.removeItem(storageKey)
		}
		// Only on arrival.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [])

	// Leaving the page (another norm, another tab closing) with a save still waiting: send it now.
	const saveRef = useRef(save)
	saveRef.current = save
	useEffect(() => {
		const flush = () => {
			refreshIfStale()
			if (timer.current === undefined) return
			clearTimeout(timer.current)
			timer.current = undefined
			void saveRef.current({ leaving: true })
		}
		window.addEventListener('pagehide', flush)
		return () => {
			window.removeEventListener('pagehide', flush)
			clearTimeout(retryTimer.current)
			flush()
		}
	}, [])

	// Before the page form is sent (settleAutosaves): send what waits, wait for what is in flight.
	useEffect(() => {
		const settle = async () => {
			for (let round = 0; round < 3; round++) {
				if (running.current) await running.current
				if (edits.current === savedEdits.current || halted.current) return
				clearTimeout(timer.current)
				timer.current = undefined
				await saveRef.current()
			}
		}
		settlers.add(settle)
		return () => {
			settlers.delete(settle)
		}
	}, [])

	// Issue 15: after the session ended, save as soon as it is back — /weer-ingelogd announces the
	// login on a BroadcastChannel; returning to this tab (focus, visible) or coming back online
	// tries as well. A refusal again simply shows the message again; nothing loops.
	useEffect(() => {
		const retry = () => {
			if (sessionEnded.current || retryTimer.current !== undefined) {
				if (document.visibilityState === 'hidden') return
				void saveRef.current()
			}
		}
		const visible = () => {
			if (document.visibilityState === 'visible') retry()
		}
		window.addEventListener('focus', retry)
		window.addEventListener('online', retry)
		document.addEventListener('visibilitychange', visible)
		const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(SESSION_CHANNEL)
		channel?.addEventListener('message', () => {
			if (sessionEnded.current) void saveRef.current()
		})
		return () => {
			window.removeEventListener('focus', retry)
			window.removeEventListener('online', retry)
			document.removeEventListener('visibilitychange', visible)
			channel?.close()
		}
	}, [])

	// Leaving the answer (tab, click elsewhere): the progress elsewhere on the page catches up now.
	const left = (event: FocusEvent<HTMLFieldSetElement>) => {
		if (!event.currentTarget.contains(event.relatedTarget as Node | null)) refreshIfStale()
	}

	const takeTheirs = (current: Current) => {
		const values: [string, string][] = []
		if (current.text !== null) values.push([`${evidenceKey}:text`, current.text])
		if (current.url !== null) values.push([`${evidenceKey}:url`, current.url])
		if (current.number !== null) values.push([`${evidenceKey}:number`, String(current.number).replace('.', ',')])
		if (current.declared) values.push([`${evidenceKey}:declared`, 'on'])
		for (const element of current.checkedElements) values.push([`${evidenceKey}:checked`, element])
		apply(values)
		lastValues.current = values
		setVersion(current.version)
		// What the page shows is what is stored: nothing left to save.
		savedEdits.current = edits.current
		halted.current = false
		localStorage.removeItem(storageKey)
		setStatus({ kind: 'idle' })
	}
	const keepMine = (current: Current) => {
		setVersion(current.version)
		halted.current = false
		void save()
	}

	return (
		<fieldset ref={fieldset} className={className} onChange={changed} onBlur={left} disabled={!editable}>
			{children}
			<input ref={versionInput} type="hidden" form={formId} name={`${evidenceKey}:version`} value={versionValue} />
			{hydrated && editable ? (
				<div
					className="autosave"
					role="status"
					aria-live="polite"
					data-state={status.kind === 'session' ? 'error' : status.kind}
				>
					{status.kind === 'saved'
						? status.date
							? t('selfEvaluation.savedOn', { date: status.date, time: status.time })
							: t('selfEvaluation.savedAt', { time: status.time })
						: null}
					{status.kind === 'dirty' ? t('selfEvaluation.unsaved') : null}
					{status.kind === 'saving' ? t('selfEvaluation.saving') : null}
					{status.kind === 'error' ? status.message : null}
					{status.kind === 'idle' ? t('selfEvaluation.autosaveHint') : null}
					{status.kind === 'error' && status.retryInSeconds === undefined ? (
						<>
							{' '}
							<button type="button" className="button button--small" onClick={() => void save()}>
								{t('selfEvaluation.saveAgain')}
							</button>
						</>
					) : null}
				</div>
			) : null}
			{status.kind === 'session' ? (
				<div className="panel panel--warning" role="alert">
					<p>
						<strong>{t('selfEvaluation.sessionEnded')}</strong>
					</p>
					<p>{t('selfEvaluation.sessionAfterLogin')}</p>
					<div className="button-row">
						<a className="button button--primary" href={SIGN_IN_AGAIN_URL} target="_blank" rel="noopener">
							{t('selfEvaluation.sessionLogin')}
						</a>
						<button type="button" className="button" onClick={() => void save()}>
							{t('selfEvaluation.saveAgain')}
						</button>
					</div>
				</div>
			) : null}
			{status.kind === 'conflict' ? (
				<div className="panel panel--warning" role="alert">
					<p>
						<strong>{t('selfEvaluation.conflict')}</strong>
					</p>
					<p>{t('selfEvaluation.conflictTheirs')}</p>
					<blockquote className="conflict__theirs">
						{summariseAnswer(status.current) || t('selfEvaluation.conflictEmpty')}
					</blockquote>
					<div className="button-row">
						<button type="button" className="button" onClick={() => takeTheirs(status.current)}>
							{t('selfEvaluation.conflictUseTheirs')}
						</button>
						<button type="button" className="button button--primary" onClick={() => keepMine(status.current)}>
							{t('selfEvaluation.conflictKeepMine')}
						</button>
					</div>
				</div>
			) : null}
		</fieldset>
	)
}
