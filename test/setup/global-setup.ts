import { createTemplate, dropTemplate } from './test-database.ts'

export async function setup() {
	await createTemplate()
}

export async function teardown() {
	await dropTemplate()
}
