/** A fixture end-to-end tests create through /__test/fixtures/<name>: parsed input in, ids out. */
export type Fixture = (input: unknown) => Promise<unknown>
