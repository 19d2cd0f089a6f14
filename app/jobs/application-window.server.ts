// "Mail me when it opens" (issue 13): on the days the application window is open, every address
// that asked for it gets one message and is forgotten (app/services/application-window.server.ts).
import { mailSubscriber, subscriptionsDue } from '#app/services/application-window.server.ts'
import { forEach } from './each.server.ts'
import type { Job, JobSummary } from './types.ts'

export const applicationWindowOpened: Job = {
	name: 'application-window-opened',
	title: 'mail.jobApplicationWindowOpened',
	description: 'mail.jobApplicationWindowOpenedHelp',
	async run(at) {
		const summary: JobSummary = {}
		const { open, ids } = await subscriptionsDue(at)
		if (!open) return summary
		return forEach(ids, summary, (id) => mailSubscriber(id, open))
	},
}
