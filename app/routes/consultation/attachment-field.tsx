// The optional attachment of a reaction: the current file (a link to download it) with a choice to
// remove it, and a file input under the portal's upload rules (PDF, Word, Excel, ODT; 20 MB).
import { href } from 'react-router'
import { CheckboxField, InputField } from '#app/components/forms.tsx'
import { useT } from '#app/i18n/react.tsx'
import { UPLOAD_ACCEPT } from '#app/lib/upload-limits.ts'

export function ReactionAttachmentField({
	name,
	removeName,
	year,
	current,
	errors,
}: {
	name: string
	removeName: string
	year: number
	current: { id: string; name: string } | null
	errors?: string[]
}) {
	const t = useT()
	return (
		<div className="stack">
			{current ? (
				<>
					<p>
						{t('consultation.attachmentCurrent')}{' '}
						<a href={href('/consultatie/:year/bijlage/:fileId', { year: String(year), fileId: current.id })}>
							{current.name}
						</a>
					</p>
					<CheckboxField id={`field-${name}-remove`} name={removeName} label={t('consultation.attachmentRemove')} />
				</>
			) : null}
			<InputField
				id={`field-${name}`}
				name={name}
				type="file"
				accept={UPLOAD_ACCEPT}
				label={current ? t('consultation.attachmentReplace') : t('consultation.attachment')}
				hint={t('consultation.attachmentHint')}
				errors={errors}
			/>
		</div>
	)
}
