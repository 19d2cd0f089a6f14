import { ErrorPage } from '#app/components/error-page.tsx'

// Every URL no other route claims: a Dutch 404 inside the normal page frame.
export async function loader() {
	throw new Response('Niet gevonden', { status: 404 })
}

export async function action() {
	throw new Response('Niet gevonden', { status: 404 })
}

export default function NotFound() {
	return <ErrorPage status={404} />
}

export function ErrorBoundary() {
	return <ErrorPage status={404} />
}
