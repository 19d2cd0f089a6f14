// A tagged template that escapes every interpolated value: a provider's name can never inject
// markup into a message. Nest with `html` again or wrap trusted markup in `raw()`.
export class SafeHtml {
	constructor(readonly value: string) {}
	toString() {
		return this.value
	}
}

export function raw(value: string): SafeHtml {
	return new SafeHtml(value)
}

export function escapeHtml(value: unknown): string {
	return String(value)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;')
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
	let out = strings[0] ?? ''
	values.forEach((value, index) => {
		out += render(value) + (strings[index + 1] ?? '')
	})
	return new SafeHtml(out)
}

function render(value: unknown): string {
	if (value instanceof SafeHtml) return value.value
	if (Array.isArray(value)) return value.map(render).join('')
	if (value === null || value === undefined || value === false) return ''
	return escapeHtml(value)
}
