// One of the rush's members' processes (bench/rush.ts with RUSH_CLIENT_PROCESSES > 1): gets its
// members and the schedule over the IPC channel, runs them (bench/rush-members.ts) and sends back
// the samples, how late its own event loop came round and its CPU during the measured minute.
import { type RushMember, type RushSchedule, runMembersTimed } from './rush-members.ts'

export interface ChildTask {
	members: RushMember[]
	schedule: RushSchedule
}

process.once('message', (task: ChildTask) => {
	runMembersTimed(task.members, task.schedule).then(
		(run) => process.send?.(run, () => process.exit(0)),
		(error: unknown) => {
			console.error(error)
			process.exit(1)
		},
	)
})
process.send?.('ready')
