// The delivery template, XLSX or CSV, with the year's indicators (and the values stored so far, so a
// carrier can complete a half-filled delivery in a spreadsheet).
import { downloadResponse } from '#app/lib/download.ts'
import type { Route } from './+types/template'
import { indicatorLabel } from '#app/i18n/benchmark-report.ts'
import { translate } from '#app/i18n/translate.ts'
import { deliveryTemplateCsv, deliveryTemplateXlsx, type TemplateLabels } from '#app/lib/spreadsheet.server.ts'
import { rangeText, requireDelivery, unitText } from './context.server.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	const { locale, year, indicators, values } = await requireDelivery(request, params)
	const format = new URL(request.url).pathname.endsWith('.csv') ? 'csv' : 'xlsx'
	const labels: TemplateLabels = {
		label: (indicator) => indicatorLabel(indicator, locale),
		unit: (indicator) => unitText(indicator, locale),
		range: (indicator) => rangeText(indicator, locale),
		headers: {
			code: 'code',
			label: translate(locale, 'benchmark.templateLabel'),
			unit: translate(locale, 'benchmark.templateUnit'),
			range: translate(locale, 'benchmark.templateRange'),
			value: 'waarde',
		},
	}
	const stored = Object.fromEntries(Object.entries(values).map(([code, entry]) => [code, entry.value]))
	const name = `spiegelrapportage-${year}-indicatoren.${format}`
	if (format === 'csv')
		return downloadResponse(deliveryTemplateCsv(indicators, stored, labels), {
			name,
			type: 'text/csv; charset=utf-8',
		})
	const bytes = await deliveryTemplateXlsx(indicators, stored, labels)
	return downloadResponse(new Uint8Array(bytes), {
		name,
		type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	})
}
