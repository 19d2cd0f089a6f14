// The URL params of the norm-set editor, read with Zod (parseParams answers 404 otherwise).
import { z } from 'zod'

export const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) })

export const normParams = yearParams.extend({ normKey: z.string().min(1).max(200) })
