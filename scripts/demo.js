// `npm run demo` (after the build) and `npm run dev`: the portal with demo data on the embedded
// database. The demo clock starts on 20 March 2027, eleven days before the qualification deadline,
// when every state of the yearly cycle is present; KEURMERK_NOW=<ISO moment> picks another moment,
// KEURMERK_NOW=echt runs on real time.
process.env.NODE_ENV ??= 'production'
process.env.KEURMERK_DEMO = '1'
const choice = process.env.KEURMERK_NOW
if (!choice) process.env.KEURMERK_NOW = '2027-03-20T10:00:00+01:00'
else if (['echt', 'real', 'nu', 'now'].includes(choice.toLowerCase())) delete process.env.KEURMERK_NOW

await import('../server.js')
