// Small pieces shared by the provider's screens.
import type { ReactNode } from 'react'
import { RouteErrorBoundary } from '#app/components/error-page.tsx'
import { useErrorText } from '#app/components/forms.tsx'
import type { FormValues } from '#app/lib/forms.ts'
import './provider.css'

export const ProviderErrorBoundary = RouteErrorBoundary

/** What the user typed (after a failed post), else the stored value. */
export function typed(values: FormValues | undefined, name: string, fallback: string | null | undefined = ''): string {
	const value = values?.[name]
	if (typeof value === 'string') return value
	return fallback ?? ''
}

/** A group of radio buttons in a fieldset with a legend (keyboard: arrows move within the group). */
export function RadioGroup({
	name,
	legend,
	hint,
	options,
	value,
	errors,
	autoFocus = false,
}: {
	name: string
	legend: ReactNode
	hint?: ReactNode
	options: { value: string; label: string }[]
	value: string
	errors?: string[]
	/** Focus the chosen option (else the first) on arrival: "wijzigen" on a check page. */
	autoFocus?: boolean
}) {
	const focused = options.some((option) => option.value === value) ? value : options[0]?.value
	const errorText = useErrorText()
	const hintId = hint ? `field-${name}-hint` : undefined
	const errorId = errors?.length ? `field-${name}-error` : undefined
	return (
		<fieldset
			className={`field field--radios${errors?.length ? ' field--invalid' : ''}`}
			aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
		>
			<legend className="field__label">{legend}</legend>
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
			{options.map((option, index) => (
				<div key={option.value} className="field field--checkbox">
					<input
						type="radio"
						className="checkbox"
						id={index === 0 ? `field-${name}` : `field-${name}-${option.value}`}
						name={name}
						value={option.value}
						defaultChecked={value === option.value}
						autoFocus={autoFocus && option.value === focused}
						aria-invalid={errors?.length ? true : undefined}
					/>
					<label
						htmlFor={index === 0 ? `field-${name}` : `field-${name}-${option.value}`}
						className="field__label field__label--inline"
					>
						{option.label}
					</label>
				</div>
			))}
		</fieldset>
	)
}
