import { useT } from '#app/i18n/react.tsx'
import type { Toast } from '#app/lib/toast.server.ts'

export function ToastMessage({ toast }: { toast: Toast }) {
	const t = useT()
	return (
		<div className={`toast toast--${toast.type}`} role={toast.type === 'error' ? 'alert' : 'status'}>
			{t(toast.key, toast.params)}
		</div>
	)
}
