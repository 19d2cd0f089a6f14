// The English catalogue. Its type is derived from the Dutch one, so a missing or extra key is a
// type error; test/unit/i18n.test.ts checks the same at run time, placeholders included.
import type { Catalogue } from '../catalogue.ts'
import { auth } from './auth.ts'
import { benchmark } from './benchmark.ts'
import { calendar } from './calendar.ts'
import { codes } from './codes.ts'
import { common } from './common.ts'
import { consultation } from './consultation.ts'
import { conversation } from './conversation.ts'
import { decisions } from './decisions.ts'
import { errors } from './errors.ts'
import { fees } from './fees.ts'
import { home } from './home.ts'
import { mail } from './mail.ts'
import { meta } from './meta.ts'
import { network } from './network.ts'
import { provider } from './provider.ts'
import { refusals } from './refusals.ts'
import { register } from './register.ts'
import { selfEvaluation } from './self-evaluation.ts'
import { shell } from './shell.ts'
import { staff } from './staff.ts'
import { states } from './states.ts'
import { workbench } from './workbench.ts'

export const en: Catalogue = {
	auth,
	benchmark,
	calendar,
	codes,
	common,
	consultation,
	conversation,
	decisions,
	errors,
	fees,
	home,
	mail,
	meta,
	network,
	provider,
	refusals,
	register,
	selfEvaluation,
	shell,
	staff,
	states,
	workbench,
}
