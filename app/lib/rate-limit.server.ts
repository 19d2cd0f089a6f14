// Fixed-window counters in the database: limits survive restarts and hold across instances.
// Keys name what is limited, e.g. 'login:email:anna@praktijk.nl' or 'login:ip:10.0.0.1'.
import { db } from './db.server.ts'

export interface RateLimitResult {
	allowed: boolean
	retryAfterSeconds: number
}

export async function consumeRateLimit(
	key: string,
	{ limit, windowMs }: { limit: number; windowMs: number },
): Promise<RateLimitResult> {
	const now = Date.now()
	const resetAt = new Date(now + windowMs)
	// One statement, so two parallel attempts cannot both read "0 used".
	const rows = await db.$queryRaw<{ count: number; resetAt: Date }[]>`
		INSERT INTO "RateLimit" ("key", "count", "resetAt") VALUES (${key}, 1, ${resetAt})
		ON CONFLICT ("key") DO UPDATE SET
			"count" = CASE WHEN "RateLimit"."resetAt" <= ${new Date(now)} THEN 1 ELSE "RateLimit"."count" + 1 END,
			"resetAt" = CASE WHEN "RateLimit"."resetAt" <= ${new Date(now)} THEN ${resetAt} ELSE "RateLimit"."resetAt" END
		RETURNING "count", "resetAt"`
	const row = rows[0]
	if (!row) return { allowed: true, retryAfterSeconds: 0 }
	return {
		allowed: row.count <= limit,
		retryAfterSeconds: Math.max(1, Math.ceil((new Date(row.resetAt).getTime() - now) / 1000)),
	}
}

export async function resetRateLimit(key: string): Promise<void> {
	await db.rateLimit.deleteMany({ where: { key } })
}
