// The organisation's details, the same fields in the application form and on the profile page.
import { InputField } from '#app/components/forms.tsx'
import { useT } from '#app/i18n/react.tsx'
import type { FieldErrors, FormValues } from '#app/lib/forms.ts'
import { RadioGroup, typed } from './ui.tsx'

export interface OrganisationValues {
	name: string
	type: string
	agbCode: string
	street: string
	houseNumber: string
	postcode: string
	city: string
	website: string | null
	email: string
	phone: string | null
	offersChronicEchelon: boolean | null
}

export function OrganisationFields({
	stored,
	values,
	fieldErrors,
	focus = null,
}: {
	stored?: OrganisationValues
	values?: FormValues
	fieldErrors?: FieldErrors
	/** The field to focus on arrival ("wijzigen" on the application's check step). */
	focus?: string | null
}) {
	const t = useT()
	const chronic =
		stored?.offersChronicEchelon === null || stored?.offersChronicEchelon === undefined
			? ''
			: stored.offersChronicEchelon
				? 'yes'
				: 'no'
	return (
		<>
			<InputField
				name="name"
				label={t('provider.fieldName')}
				autoComplete="organization"
				defaultValue={typed(values, 'name', stored?.name)}
				errors={fieldErrors?.name}
				autoFocus={focus === 'name'}
				required
			/>
			<RadioGroup
				name="type"
				legend={t('provider.fieldType')}
				value={typed(values, 'type', stored?.type)}
				errors={fieldErrors?.type}
				autoFocus={focus === 'type'}
				options={[
					{ value: 'independent_practice', label: t('provider.typeIndependent') },
					{ value: 'institution', label: t('provider.typeInstitution') },
				]}
			/>
			<InputField
				name="agbCode"
				label={t('provider.fieldAgb')}
				hint={t('provider.hintEightDigits')}
				inputMode="numeric"
				defaultValue={typed(values, 'agbCode', stored?.agbCode)}
				errors={fieldErrors?.agbCode}
				autoFocus={focus === 'agbCode'}
				required
			/>
			<InputField
				name="street"
				label={t('provider.fieldStreet')}
				autoComplete="address-line1"
				defaultValue={typed(values, 'street', stored?.street)}
				errors={fieldErrors?.street}
				autoFocus={focus === 'street'}
				required
			/>
			<InputField
				name="houseNumber"
				label={t('provider.fieldHouseNumber')}
				defaultValue={typed(values, 'houseNumber', stored?.houseNumber)}
				errors={fieldErrors?.houseNumber}
				autoFocus={focus === 'houseNumber'}
				required
			/>
			<InputField
				name="postcode"
				label={t('provider.fieldPostcode')}
				hint={t('provider.hintPostcode')}
				autoComplete="postal-code"
				defaultValue={typed(values, 'postcode', stored?.postcode)}
				errors={fieldErrors?.postcode}
				autoFocus={focus === 'postcode'}
				required
			/>
			<InputField
				name="city"
				label={t('provider.fieldCity')}
				autoComplete="address-level2"
				defaultValue={typed(values, 'city', stored?.city)}
				errors={fieldErrors?.city}
				autoFocus={focus === 'city'}
				required
			/>
			<InputField
				name="website"
				type="url"
				label={t('provider.fieldWebsite')}
				hint={t('provider.hintWebsite')}
				defaultValue={typed(values, 'website', stored?.website)}
				errors={fieldErrors?.website}
				autoFocus={focus === 'website'}
			/>
			<InputField
				name="email"
				type="email"
				label={t('provider.fieldEmail')}
				hint={t('provider.hintEmail')}
				autoComplete="email"
				defaultValue={typed(values, 'email', stored?.email)}
				errors={fieldErrors?.email}
				autoFocus={focus === 'email'}
				required
			/>
			<InputField
				name="phone"
				type="tel"
				label={t('provider.fieldPhone')}
				autoComplete="tel"
				defaultValue={typed(values, 'phone', stored?.phone)}
				errors={fieldErrors?.phone}
				autoFocus={focus === 'phone'}
			/>
			<RadioGroup
				name="offersChronicEchelon"
				legend={t('provider.fieldChronic')}
				hint={t('provider.hintChronic')}
				value={typed(values, 'offersChronicEchelon', chronic)}
				errors={fieldErrors?.offersChronicEchelon}
				autoFocus={focus === 'offersChronicEchelon'}
				options={[
					{ value: 'yes', label: t('provider.yes') },
					{ value: 'no', label: t('provider.no') },
				]}
			/>
		</>
	)
}
