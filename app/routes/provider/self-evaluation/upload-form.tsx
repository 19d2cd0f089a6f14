// A document upload (add, or replace one document). Without JavaScript it is a plain multipart
// form post to the norm page. With JavaScript (issue 13) the file travels by XMLHttpRequest to the
// upload resource route, so a progress bar shows how far it is; afterwards the page's data is
// revalidated (the new document appears, progress follows) and the chosen file is cleared, so the
// form does not invite a second upload. A file over the limit is caught before it travels.
//
// The file control is the real <input type="file"> with its <label>: it lies transparently over
// the styled "choose a file" button, so mouse, keyboard and screen readers all reach the input.
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { Form, useRevalidator } from 'react-router'
import { SubmitButton } from '#app/components/forms.tsx'
import { useT } from '#app/i18n/react.tsx'
import { MAX_UPLOAD_BYTES, UPLOAD_ACCEPT } from '#app/lib/upload-limits.ts'
import type { UploadResponse } from './upload.ts'

type Sending =
	{ state: 'idle' } | { state: 'sending'; percent: number } | { state: 'done' } | { state: 'failed'; message: string }

export function UploadForm({
	action,
	endpoint,
	evidenceKey,
	inputId,
	label,
	hint,
	button,
	replaces,
	error,
	missing,
	small = false,
}: {
	/** The norm page (plain form post, without JavaScript). */
	action: string
	/** The upload resource route (JSON, with JavaScript). */
	endpoint: string
	evidenceKey: string
	inputId: string
	label: string
	hint?: string
	button: string
	replaces?: string
	error?: string
	/** The id of a "still needed" note about this upload (issue 13): marks the input invalid. */
	missing?: string
	small?: boolean
}) {
	const t = useT()
	const revalidator = useRevalidator()
	const [hydrated, setHydrated] = useState(false)
	const [fileName, setFileName] = useState<string | null>(null)
	const [tooLarge, setTooLarge] = useState(false)
	const [sending, setSending] = useState<Sending>({ state: 'idle' })
	const request = useRef<XMLHttpRequest | null>(null)
	useEffect(() => {
		setHydrated(true)
		return () => request.current?.abort()
	}, [])

	const errorText = tooLarge
		? t('selfEvaluation.uploadTooLarge')
		: sending.state === 'failed'
			? sending.message
			: sending.state === 'idle'
				? error
				: undefined
	const hintId = hint ? `${inputId}-hint` : undefined
	const errorId = errorText ? `${inputId}-error` : undefined
	const statusId = `${inputId}-status`

	const send = (form: HTMLFormElement) => {
		const file = (form.elements.namedItem('file') as HTMLInputElement | null)?.files?.[0]
		if (!file) return
		if (file.size > MAX_UPLOAD_BYTES) {
			setTooLarge(true)
			return
		}
		const body = new FormData(form)
		const xhr = new XMLHttpRequest()
		request.current = xhr
		xhr.open('POST', endpoint)
		xhr.setRequestHeader('Accept', 'application/json')
		xhr.upload.onprogress = (event) => {
			if (event.lengthComputable)
				setSending({ state: 'sending', percent: Math.min(99, Math.round((event.loaded / event.total) * 100)) })
		}
		xhr.onload = () => {
			let result: UploadResponse | null = null
			try {
				result = JSON.parse(xhr.responseText) as UploadResponse
			} catch {
				// Not our JSON (a sign-in page after the session ended, a proxy error): a plain failure.
			}
			if (result?.ok) {
				setSending({ state: 'done' })
				form.reset()
				setFileName(null)
				void revalidator.revalidate()
			} else {
				setSending({ state: 'failed', message: result?.message ?? t('selfEvaluation.uploadFailed') })
			}
		}
		xhr.onerror = () => setSending({ state: 'failed', message: t('selfEvaluation.uploadFailed') })
		setSending({ state: 'sending', percent: 0 })
		xhr.send(body)
	}

	const onSubmit = (event: FormEvent<HTMLFormElement>) => {
		const file = (event.currentTarget.elements.namedItem('file') as HTMLInputElement | null)?.files?.[0]
		if (file && file.size > MAX_UPLOAD_BYTES) {
			event.preventDefault()
			setTooLarge(true)
			return
		}
		if (!hydrated || !file) return // the browser's own required check, or the plain post
		event.preventDefault()
		send(event.currentTarget)
	}

	return (
		<Form
			method="post"
			encType="multipart/form-data"
			action={action}
			className={`upload${small ? ' upload--small' : ''}`}
			onSubmit={onSubmit}
		>
			<input type="hidden" name="evidenceKey" value={evidenceKey} />
			{replaces ? <input type="hidden" name="replaces" value={replaces} /> : null}
			<div className={`field${errorText ? ' field--invalid' : ''}`}>
				<label htmlFor={inputId} className={small ? 'visually-hidden' : 'field__label'}>
					{label}
				</label>
				{hint ? (
					<p id={hintId} className="field__hint">
						{hint}
					</p>
				) : null}
				{errorText ? (
					<p id={errorId} className="field__error">
						{errorText}
					</p>
				) : null}
				<div className="file-picker">
					<span className={`button${small ? ' button--small' : ''} file-picker__button`} aria-hidden="true">
						{small && hydrated ? button : t('selfEvaluation.chooseFile')}
					</span>
					{small ? null : (
						<span className="file-picker__name" aria-hidden="true">
							{fileName ?? t('selfEvaluation.noFileChosen')}
						</span>
					)}
					<input
						id={inputId}
						name="file"
						type="file"
						required
						accept={UPLOAD_ACCEPT}
						className="file-picker__input"
						aria-describedby={[hintId, errorId, missing, statusId].filter(Boolean).join(' ') || undefined}
						aria-invalid={errorText || missing ? true : undefined}
						disabled={sending.state === 'sending'}
						onChange={(event) => {
							setTooLarge(false)
							setSending({ state: 'idle' })
							const file = event.currentTarget.files?.[0]
							setFileName(file?.name ?? null)
							// Replacing is one control: choosing the file starts the upload.
							if (small && hydrated && file) send(event.currentTarget.form as HTMLFormElement)
						}}
					/>
				</div>
			</div>
			{small && hydrated ? null : (
				<SubmitButton className={`button${small ? ' button--small' : ''} upload__submit`}>{button}</SubmitButton>
			)}
			<div id={statusId} className="upload__status" role="status" aria-live="polite">
				{sending.state === 'sending' ? (
					<span className="progress">
						<progress
							className="progress__bar"
							max={100}
							value={sending.percent}
							aria-label={t('selfEvaluation.uploadProgress')}
						/>
						<span>{t('selfEvaluation.uploadPercent', { percent: sending.percent })}</span>
					</span>
				) : null}
				{sending.state === 'done' ? t('selfEvaluation.toastUploaded') : null}
			</div>
		</Form>
	)
}
