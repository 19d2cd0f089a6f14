// argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane).
import { hash, verify } from '@node-rs/argon2'

const argon2id = 2 // Algorithm.Argon2id; the package's const enum cannot be imported here
const options = { algorithm: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 }

export function hashPassword(password: string): Promise<string> {
	return hash(password, options)
}

// A real hash of a random password, so a login for an unknown address costs the same time as
// one for a known address: the response time does not tell whether an account exists.
let dummyHash: Promise<string> | undefined

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
	if (!passwordHash) {
		dummyHash ??= hash('dummy-password-never-matches', options)
		await verify(await dummyHash, password).catch(() => false)
		return false
	}
	return verify(passwordHash, password).catch(() => false)
}
