// A document upload (add or replace). Works as a plain multipart form; with JavaScript a file
// over the limit is caught before 20 MB travel to the server (which checks again).
import { useState } from 'react'
import { Form } from 'react-router'
import { InputField, SubmitButton } from '#app/components/forms.tsx'
import { useT } from '#app/i18n/react.tsx'
import { MAX_UPLOAD_BYTES, UPLOAD_ACCEPT } from '#app/lib/upload-limits.ts'

export function UploadForm({
	action,
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
	action: string
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
	const [tooLarge, setTooLarge] = useState(false)
	return (
		<Form
			method="post"
			encType="multipart/form-data"
			action={action}
			className="form form--inline"
			onSubmit={(event) => {
				const file = (event.currentTarget.elements.namedItem('file') as HTMLInputElement | null)?.files?.[0]
				if (file && file.size > MAX_UPLOAD_BYTES) {
					event.preventDefault()
					setTooLarge(true)
				}
			}}
		>
			<input type="hidden" name="evidenceKey" value={evidenceKey} />
			{replaces ? <input type="hidden" name="replaces" value={replaces} /> : null}
			<InputField
				id={inputId}
				name="file"
				type="file"
				required
				accept={UPLOAD_ACCEPT}
				label={label}
				hint={hint}
				errors={tooLarge ? [t('selfEvaluation.uploadTooLarge')] : error ? [error] : undefined}
				onChange={() => setTooLarge(false)}
				aria-describedby={missing}
				aria-invalid={missing ? true : undefined}
			/>
			<SubmitButton className={small ? 'button button--small' : 'button'}>{button}</SubmitButton>
		</Form>
	)
}
