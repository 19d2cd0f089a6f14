// Accessible form parts: every input has a label, hint and errors are linked with
// aria-describedby, invalid fields carry aria-invalid, and a summary at the top links to each
// error (the GOV.UK pattern, which screen-reader users know).
import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react'
import { useNavigation } from 'react-router'
import type { MessageKey } from '#app/i18n/catalogue.ts'
import { useT } from '#app/i18n/react.tsx'
import { catalogues } from '#app/i18n/translate.ts'
import type { FieldErrors } from '#app/lib/forms.ts'

/** Errors are message keys where we wrote them; anything else (Zod, domain) is shown as is. */
export function useErrorText() {
	const t = useT()
	return (error: string) => (isMessageKey(error) ? t(error) : error)
}

function isMessageKey(value: string): value is MessageKey {
	const dot = value.indexOf('.')
	if (dot < 1) return false
	const namespace = catalogues.nl[value.slice(0, dot) as keyof typeof catalogues.nl] as
		Record<string, string> | undefined
	return Boolean(namespace && value.slice(dot + 1) in namespace)
}

interface FieldShellProps {
	id: string
	label: ReactNode
	hint?: ReactNode
	errors?: string[]
	children: (describedBy: string | undefined, invalid: boolean) => ReactNode
	className?: string
}

function FieldShell({ id, label, hint, errors, children, className }: FieldShellProps) {
	const errorText = useErrorText()
	const hintId = hint ? `${id}-hint` : undefined
	const errorId = errors?.length ? `${id}-error` : undefined
	const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
	return (
		<div className={`field${errors?.length ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
			<label htmlFor={id} className="field__label">
				{label}
			</label>
			{hint ? (
				<p id={hintId} className="field__hint">
					{hint}
				</p>
			) : null}
			{errors?.length ? (
				<p id={errorId} className="field__error">
					{errors.map((error) => errorText(error)).join(' ')}
				</p>
			) : null}
			{children(describedBy, Boolean(errors?.length))}
		</div>
	)
}

type InputFieldProps = InputHTMLAttributes<HTMLInputElement> & {
	name: string
	label: ReactNode
	hint?: ReactNode
	errors?: string[]
}

/** The shell's hint and error ids plus any the caller adds (a note elsewhere on the page). */
function joinIds(...ids: (string | undefined)[]): string | undefined {
	return ids.filter(Boolean).join(' ') || undefined
}

export function InputField({
	label,
	hint,
	errors,
	className,
	'aria-describedby': extraDescribedBy,
	...input
}: InputFieldProps) {
	const id = input.id ?? `field-${input.name}`
	return (
		<FieldShell id={id} label={label} hint={hint} errors={errors} className={className}>
			{(describedBy, invalid) => (
				<input
					id={id}
					className="input"
					aria-invalid={invalid || undefined}
					{...input}
					aria-describedby={joinIds(describedBy, extraDescribedBy)}
				/>
			)}
		</FieldShell>
	)
}

type TextareaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> & {
	name: string
	label: ReactNode
	hint?: ReactNode
	errors?: string[]
}

export function TextareaField({
	label,
	hint,
	errors,
	className,
	'aria-describedby': extraDescribedBy,
	...textarea
}: TextareaFieldProps) {
	const id = textarea.id ?? `field-${textarea.name}`
	return (
		<FieldShell id={id} label={label} hint={hint} errors={errors} className={className}>
			{(describedBy, invalid) => (
				<textarea
					id={id}
					className="input input--textarea"
					aria-invalid={invalid || undefined}
					{...textarea}
					aria-describedby={joinIds(describedBy, extraDescribedBy)}
				/>
			)}
		</FieldShell>
	)
}

type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & {
	name: string
	label: ReactNode
	hint?: ReactNode
	errors?: string[]
	options: { value: string; label: string }[]
}

export function SelectField({ label, hint, errors, options, className, ...select }: SelectFieldProps) {
	const id = select.id ?? `field-${select.name}`
	return (
		<FieldShell id={id} label={label} hint={hint} errors={errors} className={className}>
			{(describedBy, invalid) => (
				<select
					id={id}
					className="input input--select"
					aria-describedby={describedBy}
					aria-invalid={invalid || undefined}
					{...select}
				>
					{options.map((option) => (
						<option key={option.value} value={option.value}>
							{option.label}
						</option>
					))}
				</select>
			)}
		</FieldShell>
	)
}

type CheckboxFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & {
	name: string
	label: ReactNode
	hint?: ReactNode
	errors?: string[]
}

export function CheckboxField({
	label,
	hint,
	errors,
	className,
	'aria-describedby': extraDescribedBy,
	...input
}: CheckboxFieldProps) {
	const id = input.id ?? `field-${input.name}`
	const errorText = useErrorText()
	const hintId = hint ? `${id}-hint` : undefined
	const errorId = errors?.length ? `${id}-error` : undefined
	return (
		<div
			className={`field field--checkbox${errors?.length ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}
		>
			{errors?.length ? (
				<p id={errorId} className="field__error">
					{errors.map((error) => errorText(error)).join(' ')}
				</p>
			) : null}
			<input
				id={id}
				type="checkbox"
				className="checkbox"
				aria-invalid={errors?.length ? true : undefined}
				{...input}
				aria-describedby={joinIds(hintId, errorId, extraDescribedBy)}
			/>
			<label htmlFor={id} className="field__label field__label--inline">
				{label}
			</label>
			{hint ? (
				<p id={hintId} className="field__hint">
					{hint}
				</p>
			) : null}
		</div>
	)
}

/** Lists every error of a failed submission, each linked to its field; focused on arrival. */
export function ErrorSummary({
	fieldErrors,
	formErrors,
	labels,
}: {
	fieldErrors?: FieldErrors
	formErrors?: string[]
	labels?: Record<string, string>
}) {
	const t = useT()
	const errorText = useErrorText()
	const entries = Object.entries(fieldErrors ?? {})
	const count = entries.reduce((sum, [, list]) => sum + list.length, 0) + (formErrors?.length ?? 0)
	if (count === 0) return null
	return (
		<div
			className="error-summary"
			role="alert"
			tabIndex={-1}
			ref={(element) => element?.focus()}
			aria-labelledby="error-summary-title"
		>
			<h2 id="error-summary-title" className="error-summary__title">
				{t('common.formHasErrors', { count })}
			</h2>
			<ul>
				{formErrors?.map((error) => (
					<li key={error}>{errorText(error)}</li>
				))}
				{entries.map(([name, list]) => (
					<li key={name}>
						<a href={`#${fieldAnchor(name)}`} onClick={(event) => focusField(event, name)}>
							{labels?.[name] ? `${labels[name]}: ` : ''}
							{list.map((error) => errorText(error)).join(' ')}
						</a>
					</li>
				))}
			</ul>
		</div>
	)
}

function fieldAnchor(name: string) {
	return `field-${name}`
}

function focusField(event: React.MouseEvent<HTMLAnchorElement>, name: string) {
	const field = document.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`)
	if (!field) return
	event.preventDefault()
	field.focus()
	field.scrollIntoView({ block: 'center' })
}

export function SubmitButton({
	children,
	pendingText,
	className = 'button button--primary',
	name,
	value,
	disabled,
	'aria-describedby': describedBy,
}: {
	children: ReactNode
	pendingText?: ReactNode
	className?: string
	name?: string
	value?: string
	disabled?: boolean
	/** Why the button does what it does, or what stands in its way (never a silent disabled button). */
	'aria-describedby'?: string
}) {
	const navigation = useNavigation()
	const pending = navigation.state === 'submitting' && (name === undefined || navigation.formData?.get(name) === value)
	return (
		<button
			type="submit"
			className={className}
			name={name}
			value={value}
			disabled={disabled || pending}
			aria-busy={pending || undefined}
			aria-describedby={describedBy}
		>
			{pending && pendingText ? pendingText : children}
		</button>
	)
}

/** The "choose a password" pair that `choosePasswordSchema` (app/lib/password-form.ts) checks. */
export function NewPasswordFields({
	errors,
	label = 'auth.newPassword',
}: {
	errors?: FieldErrors
	label?: 'auth.newPassword' | 'auth.password'
}) {
	const t = useT()
	return (
		<>
			<InputField
				name="password"
				type="password"
				autoComplete="new-password"
				label={t(label)}
				hint={t('auth.passwordHint')}
				errors={errors?.password}
				required
			/>
			<InputField
				name="confirmPassword"
				type="password"
				autoComplete="new-password"
				label={t('auth.confirmPassword')}
				errors={errors?.confirmPassword}
				required
			/>
		</>
	)
}
