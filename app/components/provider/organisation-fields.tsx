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
}: {
	stored?: OrganisationValues
	values?: FormValues
	fieldErrors?: FieldErrors
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
				required
			/>
			<RadioGroup
				name="type"
				legend={t('provider.fieldType')}
				value={typed(values, 'type', stored?.type)}
				errors={fieldErrors?.type}
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
				required
			/>
			<InputField
				name="street"
				label={t('provider.fieldStreet')}
				autoComplete="address-line1"
				defaultValue={typed(values, 'street', stored?.street)}
				errors={fieldErrors?.street}
				required
			/>
			<InputField
				name="houseNumber"
				label={t('provider.fieldHouseNumber')}
				defaultValue={typed(values, 'houseNumber', stored?.houseNumber)}
				errors={fieldErrors?.houseNumber}
				required
			/>
			<InputField
				name="postcode"
				label={t('provider.fieldPostcode')}
				hint={t('provider.hintPostcode')}
				autoComplete="postal-code"
				defaultValue={typed(values, 'postcode', stored?.postcode)}
				errors={fieldErrors?.postcode}
				required
			/>
			<InputField
				name="city"
				label={t('provider.fieldCity')}
				autoComplete="address-level2"
				defaultValue={typed(values, 'city', stored?.city)}
				errors={fieldErrors?.city}
				required
			/>
			<InputField
				name="website"
				type="url"
				label={t('provider.fieldWebsite')}
				hint={t('provider.hintWebsite')}
				defaultValue={typed(values, 'website', stored?.website)}
				errors={fieldErrors?.website}
			/>
			<InputField
				name="email"
				type="email"
				label={t('provider.fieldEmail')}
				hint={t('provider.hintEmail')}
				autoComplete="email"
				defaultValue={typed(values, 'email', stored?.email)}
				errors={fieldErrors?.email}
				required
			/>
			<InputField
				name="phone"
				type="tel"
				label={t('provider.fieldPhone')}
				autoComplete="tel"
				defaultValue={typed(values, 'phone', stored?.phone)}
				errors={fieldErrors?.phone}
			/>
			<RadioGroup
				name="offersChronicEchelon"
				legend={t('provider.fieldChronic')}
				hint={t('provider.hintChronic')}
				value={typed(values, 'offersChronicEchelon', chronic)}
				errors={fieldErrors?.offersChronicEchelon}
				options={[
					{ value: 'yes', label: t('provider.yes') },
					{ value: 'no', label: t('provider.no') },
				]}
			/>
		</>
	)
}
