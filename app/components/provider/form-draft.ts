// A long public form keeps a draft in this browser tab (sessionStorage) while it is being filled,
// so a reload or a closed window does not lose it; the draft is gone when the tab closes or the
// form has been sent. Only fields still empty are restored: what the server sent back wins.
import { useEffect, useRef, useState } from 'react'

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

/**
 * A draft that survives closing the browser (localStorage), for forms saved with a button over days
 * (a consultation reaction). `base` names the hidden field that says which saved state the draft was
 * typed on (a version): a draft on the current state is put back over the form, field by field; a
 * draft on an older state was saved since (or overtaken by a colleague) and is dropped.
 */
export function useDurableDraft(key: string, { base, enabled = true }: { base: string; enabled?: boolean }) {
	const ref = useRef<HTMLFormElement>(null)
	const [restored, setRestored] = useState(false)
	useEffect(() => {
		const form = ref.current
		if (!form || !enabled) return
		const current = () => {
			const field = form.elements.namedItem(base)
			return field instanceof HTMLInputElement ? field.value : ''
		}
		const stored = read(localStorage, key)
		if (stored && stored[base] === current()) {
			if (fill(form, stored, { overwrite: true })) setRestored(true)
		} else if (stored) {
			localStorage.removeItem(key)
		}
		const save = () => {
			const values: Record<string, string> = {}
			for (const [name, value] of new FormData(form).entries()) if (typeof value === 'string') values[name] = value
			try {
				localStorage.setItem(key, JSON.stringify(values))
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
	}, [key, base, enabled])
	return { ref, restored }
}

function read(storage: Storage, key: string): Record<string, unknown> | null {
	try {
		const raw = storage.getItem(key)
		return raw ? (JSON.parse(raw) as Record<string, unknown>) : null
	} catch {
		return null
	}
}

function restore(form: HTMLFormElement, key: string) {
	const values = read(sessionStorage, key)
	if (values) fill(form, values, { overwrite: false })
}

/** Puts stored values back; without `overwrite` only into empty fields. True when anything changed. */
function fill(form: HTMLFormElement, values: Record<string, unknown>, { overwrite }: { overwrite: boolean }): boolean {
	let changed = false
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
			if (overwrite || !radios.some((radio) => radio.checked)) {
				for (const radio of radios) {
					const checked = radio.value === value
					if (radio.checked !== checked) changed = true
					radio.checked = checked
				}
			}
			continue
		}
		for (const field of fields) {
			if (field.type === 'hidden' || field.type === 'file' || field.type === 'checkbox') continue
			if ((overwrite || field.value === '') && field.value !== value) {
				field.value = value
				changed = true
			}
		}
	}
	return changed
}
