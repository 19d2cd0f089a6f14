// /aanbieder/:providerId/gegevens: the organisation's details. Every member may correct them; the
// KvK number is fixed. A save over someone else's newer save is refused with a conflict message.
import { data, Form, href } from 'react-router'
import type { Route } from './+types/profile'
import { profileSchema } from '#app/services/provider-forms.ts'
import { ErrorSummary, SubmitButton } from '#app/components/forms.tsx'
import { OrganisationFields } from '#app/components/provider/organisation-fields.tsx'
import { ProviderErrorBoundary } from '#app/components/provider/ui.tsx'
import { DateTime } from '#app/components/date-time.tsx'
import { useT } from '#app/i18n/react.tsx'
import { formFailure, parseForm, readForm } from '#app/lib/forms.ts'
import { clientIp } from '#app/lib/http.server.ts'
import { requireProviderMember } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { providerProfile, updateProviderProfile } from '#app/services/provider-profile.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	await requireProviderMember(request, params.providerId)
	return { profile: await providerProfile(params.providerId) }
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const { user } = await requireProviderMember(request, params.providerId)
	const form = parseForm(profileSchema, await readForm(request))
	if (!form.success) return data(form, { status: 400 })
	const result = await updateProviderProfile(params.providerId, form.data, {
		type: 'provider',
		userId: user.id,
		ip: clientIp(request, context),
	})
	if (!result.ok) {
		const values = Object.fromEntries(
			Object.entries(form.data).map(([key, value]) => [
				key,
				typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value ?? ''),
			]),
		)
		return data(formFailure({ formErrors: ['provider.errorProfileConflict'], values }), { status: 409 })
	}
	return redirectWithToast(href('/aanbieder/:providerId/gegevens', { providerId: params.providerId }), {
		type: 'success',
		key: 'provider.profileSavedToast',
	})
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.profile'])

export default function Profile({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const { profile } = loaderData
	const errors = actionData && !actionData.success ? actionData : undefined
	return (
		<div className="narrow stack">
			<h1>{t('provider.profileTitle')}</h1>
			<p>
				{t('provider.fieldKvk')}: <strong>{profile.kvkNumber}</strong> · {t('provider.profileKvkFixed')}
			</p>
			<p className="field__hint">
				{t('provider.profileUpdatedAt')} <DateTime value={profile.updatedAt} />
			</p>
			<ErrorSummary fieldErrors={errors?.fieldErrors} formErrors={errors?.formErrors} />
			{/* Keyed by version: after a save the fields show what is stored (uncontrolled inputs keep their DOM value otherwise). */}
			<Form key={profile.version} method="post" className="form" noValidate>
				{/* After a conflict the form reloads the stored version: the user's text stays in the fields. */}
				<input type="hidden" name="version" value={profile.version} />
				<OrganisationFields stored={profile} values={errors?.values} fieldErrors={errors?.fieldErrors} />
				<SubmitButton pendingText={t('common.saving')}>{t('common.save')}</SubmitButton>
			</Form>
		</div>
	)
}

export const ErrorBoundary = ProviderErrorBoundary
