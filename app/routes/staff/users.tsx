import { data, Form } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/users'
import { DateTime, StaffErrorBoundary } from './ui.tsx'
import { DataTable, type DataTableColumn } from '#app/components/data-table/data-table.tsx'
import { filterValues, parseTableQuery } from '#app/lib/table-query.ts'
import { CheckboxField, ErrorSummary, InputField, SelectField, SubmitButton } from '#app/components/forms.tsx'
import { useT } from '#app/i18n/react.tsx'
import type { Translate } from '#app/i18n/translate.ts'
import { attempt, checkboxField, emailField, parseForm, refusalData, readForm } from '#app/lib/forms.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import {
	changeRole,
	inviteProviderMember,
	inviteStaff,
	listUsers,
	providerOptions,
	setActive,
	usersTableSpec,
} from '#app/services/users.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

const inviteStaffSchema = z.object({
	intent: z.literal('invite_staff'),
	email: emailField,
	name: z.string().trim().min(1, 'staff.errorNameRequired').max(200),
	role: z.enum(['assessor', 'admin']),
})
const inviteMemberSchema = z.object({
	intent: z.literal('invite_member'),
	email: emailField,
	name: z.string().trim().min(1, 'staff.errorNameRequired').max(200),
	providerId: z.string().min(1, 'staff.errorProviderRequired'),
	canSign: checkboxField,
})
const roleSchema = z.object({
	intent: z.literal('role'),
	userId: z.string().min(1),
	role: z.enum(['assessor', 'admin']),
})
const activeSchema = z.object({ intent: z.enum(['deactivate', 'reactivate']), userId: z.string().min(1) })

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireStaff(request, 'admin')
	const spec = usersTableSpec()
	const query = parseTableQuery(new URL(request.url).searchParams, spec)
	const [{ rows, total, page }, providers] = await Promise.all([listUsers(query), providerOptions()])
	return { spec, query: { ...query, page }, rows, total, providers, me: user.id }
}

export async function action({ request }: Route.ActionArgs) {
	const user = await requireStaff(request, 'admin')
	const actor = { type: 'staff' as const, userId: user.id }
	const invitedBy = { id: user.id, name: user.name }
	const formData = await readForm(request)
	const intent = String(formData.get('intent') ?? '')
	const back = new URL(request.url)
	const done = (key: 'staff.toastInvited' | 'staff.toastUserSaved') =>
		redirectWithToast(`${back.pathname}${back.search}`, { type: 'success', key })
	const answer = async (run: () => Promise<void>, success: 'staff.toastInvited' | 'staff.toastUserSaved') => {
		const result = await attempt(run)
		return result.ok ? done(success) : refusalData(result.error, user.locale, { extra: { intent }, status: 409 })
	}
	if (intent === 'invite_staff') {
		const form = parseForm(inviteStaffSchema, formData)
		if (!form.success) return data({ ...form, intent }, { status: 400 })
		return answer(() => inviteStaff(actor, { ...form.data, invitedBy }), 'staff.toastInvited')
	}
	if (intent === 'invite_member') {
		const form = parseForm(inviteMemberSchema, formData)
		if (!form.success) return data({ ...form, intent }, { status: 400 })
		return answer(() => inviteProviderMember(actor, { ...form.data, invitedBy }), 'staff.toastInvited')
	}
	if (intent === 'role') {
		const form = parseForm(roleSchema, formData)
		if (!form.success) return data({ ...form, intent }, { status: 400 })
		return answer(() => changeRole(actor, form.data.userId, form.data.role), 'staff.toastUserSaved')
	}
	const form = parseForm(activeSchema, formData)
	if (!form.success) return data({ ...form, intent }, { status: 400 })
	return answer(() => setActive(actor, form.data.userId, form.data.intent === 'reactivate'), 'staff.toastUserSaved')
}

type Row = Route.ComponentProps['loaderData']['rows'][number]

function columns(t: Translate, me: string): DataTableColumn<Row>[] {
	return [
		{ id: 'name', header: t('staff.columnName'), cell: ({ row }) => row.original.name },
		{ id: 'email', header: t('staff.email'), cell: ({ row }) => row.original.email },
		{
			id: 'role',
			header: t('staff.columnRole'),
			cell: ({ row }) =>
				row.original.staffRole && row.original.id !== me ? (
					<Form method="post" className="form--inline">
						<input type="hidden" name="userId" value={row.original.id} />
						<label className="visually-hidden" htmlFor={`role-${row.original.id}`}>
							{t('staff.columnRole')} {row.original.name}
						</label>
						<select
							id={`role-${row.original.id}`}
							name="role"
							defaultValue={row.original.staffRole}
							className="input input--select"
						>
							<option value="assessor">{t('shell.roleAssessor')}</option>
							<option value="admin">{t('shell.roleAdmin')}</option>
						</select>
						<button type="submit" name="intent" value="role" className="button button--small">
							{t('staff.save')}
						</button>
					</Form>
				) : row.original.staffRole ? (
					t(row.original.staffRole === 'admin' ? 'shell.roleAdmin' : 'shell.roleAssessor')
				) : (
					t('staff.userKind_member')
				),
		},
		{
			id: 'organisations',
			header: t('staff.columnOrganisations'),
			cell: ({ row }) => row.original.memberships.map((membership) => membership.provider.name).join(', ') || '–',
		},
		{
			id: 'status',
			header: t('staff.columnStatus'),
			cell: ({ row }) => (
				<>
					{t(
						!row.original.active
							? 'staff.userStatus_inactive'
							: row.original.invited
								? 'staff.userStatus_invited'
								: 'staff.userStatus_active',
					)}{' '}
					{row.original.id !== me ? (
						<Form method="post" className="form--inline">
							<input type="hidden" name="userId" value={row.original.id} />
							<button
								type="submit"
								name="intent"
								value={row.original.active ? 'deactivate' : 'reactivate'}
								className="button button--small"
							>
								{t(row.original.active ? 'staff.deactivate' : 'staff.reactivate')}
								<span className="visually-hidden"> {row.original.name}</span>
							</button>
						</Form>
					) : null}
				</>
			),
		},
		{
			id: 'lastLoginAt',
			header: t('staff.columnLastLogin'),
			cell: ({ row }) => <DateTime value={row.original.lastLoginAt} />,
		},
	]
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.users', 'meta.staff'])

export default function Users({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const { spec, query, rows, total, providers, me } = loaderData
	const errorsFor = (intent: string) =>
		actionData && !actionData.success && actionData.intent === intent ? actionData : undefined
	const staffErrors = errorsFor('invite_staff')
	const memberErrors = errorsFor('invite_member')
	const otherErrors =
		actionData && !actionData.success && !['invite_staff', 'invite_member'].includes(actionData.intent)
			? actionData
			: undefined
	return (
		<div className="stack">
			<h1>{t('staff.usersTitle')}</h1>
			<ErrorSummary formErrors={otherErrors?.formErrors} />
			<div className="staff-grid">
				<details className="panel" open={Boolean(staffErrors)}>
					<summary>{t('staff.inviteStaff')}</summary>
					<ErrorSummary fieldErrors={staffErrors?.fieldErrors} formErrors={staffErrors?.formErrors} />
					<Form method="post" className="form" noValidate>
						<InputField
							id="staff-name"
							name="name"
							label={t('staff.columnName')}
							errors={staffErrors?.fieldErrors.name}
							defaultValue={staffErrors?.values.name as string}
						/>
						<InputField
							id="staff-email"
							name="email"
							type="email"
							label={t('staff.email')}
							errors={staffErrors?.fieldErrors.email}
							defaultValue={staffErrors?.values.email as string}
						/>
						<SelectField
							id="staff-role"
							name="role"
							label={t('staff.columnRole')}
							options={[
								{ value: 'assessor', label: t('shell.roleAssessor') },
								{ value: 'admin', label: t('shell.roleAdmin') },
							]}
						/>
						<SubmitButton name="intent" value="invite_staff">
							{t('staff.inviteButton')}
						</SubmitButton>
					</Form>
				</details>
				<details className="panel" open={Boolean(memberErrors)}>
					<summary>{t('staff.inviteMember')}</summary>
					<ErrorSummary fieldErrors={memberErrors?.fieldErrors} formErrors={memberErrors?.formErrors} />
					<Form method="post" className="form" noValidate>
						<SelectField
							id="member-provider"
							name="providerId"
							label={t('staff.columnProvider')}
							options={[
								{ value: '', label: '–' },
								...providers.map((provider) => ({ value: provider.id, label: `${provider.name} (${provider.city})` })),
							]}
							errors={memberErrors?.fieldErrors.providerId}
						/>
						<InputField
							id="member-name"
							name="name"
							label={t('staff.columnName')}
							errors={memberErrors?.fieldErrors.name}
							defaultValue={memberErrors?.values.name as string}
						/>
						<InputField
							id="member-email"
							name="email"
							type="email"
							label={t('staff.email')}
							errors={memberErrors?.fieldErrors.email}
							defaultValue={memberErrors?.values.email as string}
						/>
						<CheckboxField id="member-sign" name="canSign" label={t('shell.roleSigner')} />
						<SubmitButton name="intent" value="invite_member">
							{t('staff.inviteButton')}
						</SubmitButton>
					</Form>
				</details>
			</div>
			<DataTable
				caption={t('staff.usersTitle')}
				spec={spec}
				query={query}
				columns={columns(t, me)}
				data={rows}
				total={total}
				getRowId={(row) => row.id}
				searchLabel={t('staff.usersSearch')}
				filters={[
					{
						id: 'kind',
						label: t('staff.columnRole'),
						options: filterValues(spec, 'kind').map((kind) => ({
							value: kind,
							label: t(`staff.userKind_${kind as 'member'}`),
						})),
					},
					{
						id: 'status',
						label: t('staff.columnStatus'),
						options: filterValues(spec, 'status').map((status) => ({
							value: status,
							label: t(`staff.userStatus_${status as 'active'}`),
						})),
					},
				]}
			/>
		</div>
	)
}

export const ErrorBoundary = StaffErrorBoundary
