// Autosave of one indicator value (the self-evaluation's AutosaveFieldset posts here): 200 saved;
// 409 with the stored value when the version was stale (a colleague saved meanwhile) or the
// delivery cannot be edited; 400 for bad input. The answer has the self-evaluation's shape.
import type { Route } from './+types/autosave'
import { parseIndicatorInput } from '#app/domain/benchmark-indicators.ts'
import { isAppError } from '#app/domain/errors.ts'
import { translateError } from '#app/i18n/errors.ts'
import { translate } from '#app/i18n/translate.ts'
import { notFound } from '#app/lib/http.server.ts'
import { requireProviderMember } from '#app/lib/permissions.server.ts'
import { saveValues } from '#app/services/benchmark-delivery.server.ts'
import type { AutosaveResponse } from '../self-evaluation/autosave.ts'
import { formatTime } from '../self-evaluation/time.ts'
import { actorOf, requireDelivery, valueFieldName, valueProblemText, versionFieldName } from './context.server.ts'
import { readForm } from '#app/lib/forms.ts'

function reply(body: AutosaveResponse, status = 200): Response {
	return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } })
}

export async function loader({ request, params }: Route.LoaderArgs) {
	await requireProviderMember(request, params.providerId)
	notFound()
}

export async function action({ request, params }: Route.ActionArgs) {
	const { user, locale, year, providerId, indicators } = await requireDelivery(request, params)
	const formData = await readForm(request)
	const indicator = indicators.find((candidate) => candidate.code === formData.get('evidenceKey'))
	if (!indicator)
		return reply({ ok: false, reason: 'invalid', message: translate(locale, 'benchmark.unknownIndicator') }, 400)
	const rawVersion = formData.get(versionFieldName(indicator.code))
	const raw = formData.get(valueFieldName(indicator.code))
	const expectedVersion = Number(rawVersion)
	if (typeof rawVersion !== 'string' || !Number.isInteger(expectedVersion) || expectedVersion < 0)
		return reply({ ok: false, reason: 'invalid', message: translate(locale, 'benchmark.versionMissing') }, 400)
	const parsed = parseIndicatorInput(indicator, typeof raw === 'string' ? raw.slice(0, 40) : '')
	if (!parsed.ok)
		return reply({ ok: false, reason: 'invalid', message: valueProblemText(parsed.problem, indicator, locale) }, 400)
	try {
		const [result] = await saveValues(actorOf(user), {
			providerId,
			year,
			values: [{ code: indicator.code, expectedVersion, value: parsed.value }],
		})
		if (!result) notFound()
		if (result.ok) return reply({ ok: true, version: result.version, savedTime: formatTime(result.savedAt) })
		return reply(
			{
				ok: false,
				reason: 'conflict',
				current: {
					text: null,
					number: result.current.value,
					url: null,
					checkedElements: [],
					declared: null,
					version: result.current.version,
				},
			},
			409,
		)
	} catch (error) {
		if (isAppError(error) && error.status !== 404)
			return reply({ ok: false, reason: 'frozen', message: translateError(error, locale) }, 409)
		throw error
	}
}
