import { isRouteErrorResponse, Link, useRouteError } from 'react-router'
import { useT } from '#app/i18n/react.tsx'

/** The Dutch (or English) error page with a way back; used by every ErrorBoundary. */
export function ErrorPage({ status, detail }: { status: number; detail?: string }) {
	const t = useT()
	const [title, text] =
		status === 404
			? [t('errors.notFoundTitle'), t('errors.notFoundText')]
			: status === 403
				? [t('errors.forbiddenTitle'), t('errors.forbiddenText')]
				: status === 413
					? [t('errors.tooLargeTitle'), t('errors.tooLargeText')]
					: status === 400 || status === 422
						? [t('errors.badRequestTitle'), t('errors.unexpectedText')]
						: [t('errors.unexpectedTitle'), t('errors.unexpectedText')]
	return (
		<section className="error-page" aria-labelledby="error-title">
			<p className="error-page__status">{t('errors.statusCode', { status })}</p>
			<h1 id="error-title">{title}</h1>
			<p>{text}</p>
			<p className="button-row">
				<Link to="/" className="button button--primary">
					{t('errors.goHome')}
				</Link>
			</p>
			{detail ? <pre className="error-page__detail">{detail}</pre> : null}
		</section>
	)
}

/** Every route's ErrorBoundary: the error page with the status of what was thrown (500 otherwise). */
export function RouteErrorBoundary() {
	const error = useRouteError()
	return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />
}
