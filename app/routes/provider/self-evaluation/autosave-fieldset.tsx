// One evidence item as a fieldset that saves itself: debounced autosave to the resource route,
// a copy of unsaved input in localStorage (closing the browser loses nothing; it is restored and
// saved on the next visit), a visible saved-state indicator and a conflict that is shown, never
// resolved silently. Without JavaScript the fields simply belong to the page's form.
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react'
import { useRevalidator } from 'react-router'
import { formatDate } from '#app/i18n/format.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import type { AutosaveResponse } from './autosave.ts'
import { summariseAnswer } from './answer-fields.ts'
import { amsterdamDay, formatTime } from './time.ts'

type Current = Extract<AutosaveResponse, { reason: 'conflict' }>['current']
type Status =
	| { kind: 'idle' }
	| { kind: 'saved'; time: string; date?: string }
	| { kind: 'dirty' }
	| { kind: 'saving' }
	| { kind: 'error'; message?: string }
	| { kind: 'conflict'; current: Current }

const DEBOUNCE_MS = 800
const RETRY_MS = 5_000

interface Backup {
	baseVersion: number
	values: [string, string][]
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
	const inFlight = useRef(false)
	const storageKey = `keurmerk:zelfevaluatie:${roundId}:${evidenceKey}`
	// Issue 13: after a save the page's loaders run again, so the progress bar, the side navigation
	// and the "still needed" marks follow without a reload. Typed text is safe: the inputs are
	// uncontrolled, and the version below only ever moves forward.
	const revalidator = useRevalidator()
	const revalidate = useRef(revalidator.revalidate)
	revalidate.current = revalidator.revalidate

	const setVersion = useCallback((next: number) => {
		version.current = next
		setVersionValue(next)
	}, [])

	// A save through the page's form brings a new server version: adopt it. Never go back: a
	// revalidation that started before our latest autosave returned carries an older version.
	useEffect(() => setVersion(Math.max(version.current, serverVersion)), [serverVersion, setVersion])

	const collect = useCallback((): [string, string][] => {
		const element = fieldset.current
		if (!element) return []
		const values: [string, string][] = []
		for (const control of Array.from(element.elements) as HTMLInputElement[]) {
			if (!control.name?.startsWith(`${evidenceKey}:`) || control.name.endsWith(':version') || control.type === 'file')
				continue
			if ((control.type === 'checkbox' || control.type === 'radio') && !control.checked) continue
			values.push([control.name, control.value])
		}
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

	const save = useCallback(async () => {
		if (inFlight.current) return
		inFlight.current = true
		const editsAtStart = edits.current
		const body = new FormData()
		body.set('evidenceKey', evidenceKey)
		body.set(`${evidenceKey}:version`, String(version.current))
		for (const [name, value] of collect()) body.append(name, value)
		setStatus({ kind: 'saving' })
		try {
			// keepalive: a save started while the page goes away still arrives.
			const response = await fetch(endpoint, {
				method: 'POST',
				body,
				keepalive: true,
				headers: { Accept: 'application/json' },
			})
			const result = (await response.json()) as AutosaveResponse
			if (result.ok) {
				setVersion(result.version)
				if (edits.current === editsAtStart) {
					localStorage.removeItem(storageKey)
					setStatus({ kind: 'saved', time: result.savedTime })
					void revalidate.current()
				} else {
					setStatus({ kind: 'dirty' })
					timer.current = setTimeout(() => void save(), DEBOUNCE_MS)
				}
			} else if (result.reason === 'conflict') {
				setStatus({ kind: 'conflict', current: result.current })
			} else {
				setStatus({ kind: 'error', message: result.message })
			}
		} catch {
			// Offline or the server is away: the backup keeps the text; try again in a moment.
			setStatus({ kind: 'error' })
			timer.current = setTimeout(() => void save(), RETRY_MS)
		} finally {
			inFlight.current = false
		}
	}, [collect, endpoint, evidenceKey, setVersion, storageKey])

	const changed = useCallback(() => {
		if (!editable) return
		edits.current += 1
		const backup: Backup = { baseVersion: version.current, values: collect() }
		try {
			localStorage.setItem(storageKey, JSON.stringify(backup))
		} catch {
			// Storage full or blocked: autosave still works.
		}
		setStatus((current) => (current.kind === 'conflict' ? current : { kind: 'dirty' }))
		clearTimeout(timer.current)
		timer.current = setTimeout(() => {
			timer.current = undefined
			setStatus((current) => {
				if (current.kind !== 'conflict') void save()
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
			if (timer.current === undefined) return
			clearTimeout(timer.current)
			timer.current = undefined
			void saveRef.current()
		}
		window.addEventListener('pagehide', flush)
		return () => {
			window.removeEventListener('pagehide', flush)
			flush()
		}
	}, [])

	const takeTheirs = (current: Current) => {
		const values: [string, string][] = []
		if (current.text !== null) values.push([`${evidenceKey}:text`, current.text])
		if (current.url !== null) values.push([`${evidenceKey}:url`, current.url])
		if (current.number !== null) values.push([`${evidenceKey}:number`, String(current.number).replace('.', ',')])
		if (current.declared) values.push([`${evidenceKey}:declared`, 'on'])
		for (const element of current.checkedElements) values.push([`${evidenceKey}:checked`, element])
		apply(values)
		setVersion(current.version)
		localStorage.removeItem(storageKey)
		setStatus({ kind: 'idle' })
	}
	const keepMine = (current: Current) => {
		setVersion(current.version)
		void save()
	}

	return (
		<fieldset ref={fieldset} className={className} onChange={changed} disabled={!editable}>
			{children}
			<input type="hidden" form={formId} name={`${evidenceKey}:version`} value={versionValue} />
			{hydrated && editable ? (
				<div className="autosave" role="status" aria-live="polite" data-state={status.kind}>
					{status.kind === 'saved'
						? status.date
							? t('selfEvaluation.savedOn', { date: status.date, time: status.time })
							: t('selfEvaluation.savedAt', { time: status.time })
						: null}
					{status.kind === 'dirty' ? t('selfEvaluation.unsaved') : null}
					{status.kind === 'saving' ? t('selfEvaluation.saving') : null}
					{status.kind === 'error' ? (status.message ?? t('selfEvaluation.saveFailed')) : null}
					{status.kind === 'idle' ? t('selfEvaluation.autosaveHint') : null}
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
