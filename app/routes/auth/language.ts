import { redirect } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/language'
import { locales } from '#app/i18n/catalogue.ts'
import { parseForm, readForm } from '#app/lib/forms.ts'
import { safeRedirectPath } from '#app/lib/http.server.ts'
import { serializeLocaleCookie } from '#app/lib/locale.server.ts'
import { getOptionalUser } from '#app/lib/permissions.server.ts'
import { setUserLocale } from '#app/services/users.server.ts'

const schema = z.object({ locale: z.enum(locales), redirectTo: z.string().optional() })

export async function loader() {
	return redirect('/')
}

// Works without JavaScript: a plain form post that sets a cookie (and the account's preference).
export async function action({ request }: Route.ActionArgs) {
	const form = parseForm(schema, await readForm(request))
	if (!form.success) throw new Response('Ongeldige taal', { status: 400 })
	const user = await getOptionalUser(request)
	if (user) await setUserLocale(user.id, form.data.locale)
	return redirect(safeRedirectPath(form.data.redirectTo), {
		headers: { 'Set-Cookie': await serializeLocaleCookie(form.data.locale) },
	})
}
