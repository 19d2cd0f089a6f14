// A long public form keeps a draft in this browser tab (sessionStorage) while it is being filled,
// so a reload or a closed window does not lose it; the draft is gone when the tab closes or the
// form has been sent. Only fields still empty are restored: what the server sent back wins.
import { useEffect, useRef } from 'react'

export function useFormDraft(key: string, { enabled = true, skip = [] as string[] } = {}) {
	const ref = useRef<HTMLFormElement>(null)
	useEffect(() => {
		const form = ref.current
		if (!form || !enabled) return
		restore(form, key)
		const save = () => {
			const values: Record<string, string> = {}
			for (const [name, value] of new FormData(form).entries()) {
				if (typeof value === 'string' && !skip.includes(name)) values[name] = value
			}
			try {
				sessionStorage.setItem(key, JSON.stringify(values))
			} catch {
				// Storage full or disabled: the form still works, only without a draft.
			}
		}
		form.addEventListener('input', save)
		form.addEventListener('change', save)
		return () => {
			form.removeEventListener('input', save)
			form.removeEventListener('change', save)
		}
	}, [key, enabled, skip])
	return ref
}

export function clearFormDraft(key: string) {
	try {
		sessionStorage.removeItem(key)
	} catch {
		// nothing stored
	}
}

function restore(form: HTMLFormElement, key: string) {
	let values: Record<string, unknown>
	try {
		values = JSON.parse(sessionStorage.getItem(key) ?? '{}') as Record<string, unknown>
	} catch {
		return
	}
	for (const [name, value] of Object.entries(values)) {
		if (typeof value !== 'string') continue
		const fields = [...form.elements].filter(
			(element): element is HTMLInputElement | HTMLTextAreaElement =>
				(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) && element.name === name,
		)
		const radios = fields.filter(
			(field): field is HTMLInputElement => field instanceof HTMLInputElement && field.type === 'radio',
		)
		if (radios.length > 0) {
			if (!radios.some((radio) => radio.checked)) radios.forEach((radio) => (radio.checked = radio.value === value))
			continue
		}
		for (const field of fields) if (field.type !== 'hidden' && field.value === '') field.value = value
	}
}
