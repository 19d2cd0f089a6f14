import { routePattern } from '#server/metrics.ts'
const t0 = performance.now()
await routePattern('/aanbieder/x/zelfevaluatie/2027/antwoord')
console.log('first (build tree)', (performance.now() - t0).toFixed(2))
const N = 300
const t1 = performance.now()
for (let i = 0; i < N; i++) await routePattern(`/aanbieder/c${i}abcdefghijklmnopqrstu/zelfevaluatie/2027/antwoord`)
console.log('per new path ms', ((performance.now() - t1) / N).toFixed(3))
