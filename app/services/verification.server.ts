// Certificate verification (issue 6): the page behind the QR code on every certificate
// (certificateVerificationUrl). The answer is live — computed from the participation at this
// moment by the domain's certificateStatus, kept per register moment (decision 008) — and every
// lookup of a well-formed number is counted without personal data (CertificateVerification: when,
// which number, which answer; per second with a count), written behind in batches
// (verification-counts.server.ts).
import { parseCertificateNumber, formatCertificateNumber } from '#app/domain/fees.ts'
import { certificateStatus, registerStatus } from '#app/domain/register.ts'
import { now } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { snapshotOf, withHistory } from './participation.server.ts'
import { cachedRegisterAnswerAt } from './register-cache.server.ts'
import { countLookup } from './verification-counts.server.ts'
import { toYearSettings } from './years.server.ts'

export const VERIFICATION_RESULTS = ['valid', 'not_yet_valid', 'withdrawn', 'expired', 'unknown'] as const
export type VerificationResult = (typeof VERIFICATION_RESULTS)[number]

export type Verification =
	/** Not a certificate number at all: nothing looked up, nothing counted. */
	| { result: 'invalid' }
	| { result: 'unknown'; number: string }
	| {
			result: Exclude<VerificationResult, 'unknown'>
			number: string
			year: number
			markName: string
			carrier: { name: string; city: string; slug: string }
			issuedAt: Date
			validUntil: Date
			/** When the certificate stopped being valid (withdrawn or expired). */
			endedAt: Date | null
	  }

/** The canonical form of a typed certificate number ('kbg-2026-42 ' → 'KBG-2026-0042'), or null. */
export function normaliseCertificateNumber(value: string): string | null {
	const compact = value.replace(/\s+/g, '').toUpperCase()
	// Typed from paper: the leading zeros or the dashes may be left out ('KBG2026-42').
	const loose = /^KBG-?(\d{4})-?(\d{1,6})$/.exec(compact)
	const parsed = parseCertificateNumber(loose ? `KBG-${loose[1]}-${(loose[2] ?? '').padStart(4, '0')}` : compact)
	return parsed && parsed.sequence > 0 ? formatCertificateNumber(parsed.year, parsed.sequence) : null
}

/**
 * The answer for a certificate number at `at`, and the lookup counted. The answer is a function of
 * what the register reads (participation, withdrawal, certificate, year, provider) and the moment, so
 * it is kept under the register's moment key (decision 008) like a carrier page: a QR code scanned
 * a thousand times is read from the database once per register version. The count is never cached:
 * every lookup is one row, written behind in batches (verification-counts.server.ts).
 */
export async function verifyCertificate(input: string, at: Date = now()): Promise<Verification> {
	const number = normaliseCertificateNumber(input)
	if (!number) return { result: 'invalid' }
	const found = await lookUpVerification(number, at)
	countVerification(found, at)
	return found.verification
}

export interface FoundVerification {
	/** The register moment key the answer belongs to (null with the register cache off). */
	moment: string | null
	certificateId: string | null
	verification: Exclude<Verification, { result: 'invalid' }>
}

/** The answer for a normalised number at `at`, not counted (the caller counts what it answers). */
export async function lookUpVerification(number: string, at: Date): Promise<FoundVerification> {
	const { moment, answer } = await cachedRegisterAnswerAt(`verify:${number}`, at, (asked) =>
		lookUpCertificate(number, asked),
	)
	return { moment, ...answer }
}

/**
 * A lookup the certificate check's middleware made for this request (server/verification-http-cache.ts)
 * and did not answer with 304: handed to the loader through the load context, so a rendered page
 * reads the register version once, not twice.
 */
export interface LookedUpVerification {
	number: string
	at: Date
	found: FoundVerification
}

/**
 * `verifyCertificate` for the page: the middleware's lookup of this very request when it has one
 * for the same number (counted here, as the middleware counts only its 304s), else a lookup now.
 * `at` is the moment the answer is for: the page shows it, and the middleware's ETag names its minute.
 */
export async function verifyForPage(
	input: string,
	prior?: LookedUpVerification,
): Promise<{ verification: Verification; at: Date }> {
	if (prior && normaliseCertificateNumber(input) === prior.number) {
		countVerification(prior.found, prior.at)
		return { verification: prior.found.verification, at: prior.at }
	}
	const at = now()
	return { verification: await verifyCertificate(input, at), at }
}

/** Counts a lookup that was answered (as a page or as 304 Not Modified). */
export function countVerification(found: FoundVerification, at: Date): void {
	countLookup({
		certificateId: found.certificateId,
		queriedNumber: found.verification.number,
		result: found.verification.result,
		at,
	})
}

async function lookUpCertificate(
	number: string,
	at: Date,
): Promise<{ certificateId: string | null; verification: FoundVerification['verification'] }> {
	const certificate = await db.certificate.findUnique({
		where: { number },
		include: {
			participation: { include: { ...withHistory, provider: { select: { name: true, city: true, slug: true } } } },
		},
	})
	if (!certificate) return { certificateId: null, verification: { result: 'unknown', number } }
	const { participation } = certificate
	const snapshot = snapshotOf(participation)
	const settings = toYearSettings(participation.markYear)
	const status = certificateStatus(snapshot, settings, at)
	// 'none': the participation no longer carries the qualification the certificate was issued for.
	if (status === 'none') return { certificateId: certificate.id, verification: { result: 'unknown', number } }
	const register = registerStatus(snapshot, settings, at)
	const endedAt =
		status === 'withdrawn'
			? register.kind === 'withdrawn'
				? register.since
				: (snapshot.withdrawal?.effectiveAt ?? null)
			: status === 'expired'
				? certificate.validUntil
				: null
	return {
		certificateId: certificate.id,
		verification: {
			result: status,
			number,
			year: certificate.year,
			markName: settings.markName,
			carrier: participation.provider,
			issuedAt: certificate.issuedAt,
			validUntil: certificate.validUntil,
			endedAt,
		},
	}
}
