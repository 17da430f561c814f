#!/usr/bin/env node
// iam-judge: replays the AWS stand-in's IAM recording (calls.jsonl + stacks/<account>/<region>/<stack>.json) through
// @cloud-copilot/iam-simulate, a third-party IAM policy evaluator, against the roles the recorded templates create.
// Test-time only (the simulator is AGPL-3.0 and is never bundled with the product).
//
//   node judge.mjs [--policies FILE]... [--workers N] RECORDING_DIR...
//
// --policies FILE: a JSON object {"<policy ARN>": <policy document>} for managed policies and permission boundaries
// that no recorded template creates. --workers N: threads for the simulations (default: the CPUs, at most 2).
// Prints every call it cannot allow and one summary line per recording. Exit 0 when every recording has calls and all
// of them are allowed; 1 on any denial, any call whose role no template creates, any call the simulator cannot
// judge, any disagreement with the stand-in's own decision; 2 on bad usage.

import { readFileSync, existsSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { readStacks, extractRoles } from './lib/templates.mjs'
import { readCalls } from './lib/recording.mjs'
import { judgeAll } from './lib/parallel.mjs'

function usage(message) {
  console.error(`iam-judge: ${message}\nusage: node judge.mjs [--policies FILE]... [--workers N] RECORDING_DIR...`)
  process.exit(2)
}

function parseArgs(argv) {
  const dirs = []
  const policies = {}
  let workers
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--policies') {
      if (i + 1 >= argv.length) usage('--policies needs a file')
      Object.assign(policies, JSON.parse(readFileSync(argv[++i], 'utf8')))
    } else if (argv[i] === '--workers') {
      workers = Number(argv[++i])
      if (!Number.isInteger(workers) || workers < 1) usage('--workers needs a whole number of threads')
    } else if (argv[i].startsWith('-')) {
      usage(`unknown option ${argv[i]}`)
    } else {
      dirs.push(argv[i])
    }
  }
  if (!dirs.length) usage('give at least one recording directory')
  return { dirs, policies, workers }
}

function describe(call) {
  const how = call.kind === 'trust' ? `${call.principalArn} -> ${call.action} on ${call.resource}` : `${call.principalArn} ${call.action} on ${call.resource}`
  const context = Object.keys(call.context).length ? ` context ${JSON.stringify(call.context)}` : ''
  return `[${call.kind}] ${how}${context}`
}

/**
 * The peak resident memory of this process so far. VmHWM rather than getrusage's maxrss: Linux keeps maxrss across
 * exec, so a judge started by a large JVM would report the JVM's peak.
 */
function peakRssMb() {
  if (existsSync('/proc/self/status')) {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))
    if (hwm) return Math.round(Number(hwm[1]) / 1024)
  }
  return Math.round(process.memoryUsage().rss / 1024 / 1024)
}

async function judgeRecording(dir, policies, workers) {
  const started = process.hrtime.bigint()
  const name = basename(resolve(dir))
  const say = (line) => console.log(`iam-judge ${name}: ${line}`)
  const calls = await readCalls(dir)
  const stacks = readStacks(dir)
  const { roles, problems } = extractRoles(stacks, [...calls.principals], policies)
  const counts = { Allow: 0, Deny: 0, Unknown: 0, Error: 0 }
  let disagreements = 0
  for (const problem of [...calls.malformed, ...problems]) say(`PROBLEM ${problem}`)
  const distinct = [...calls.distinct.values()]
  const { verdicts, outsideCallers, unnamedResources } = await judgeAll(roles, distinct.map((d) => d.call), workers)
  distinct.forEach(({ call, count }, i) => {
    const verdict = verdicts[i]
    counts[verdict.decision]++
    const times = count > 1 ? ` (${count} calls)` : ''
    if (verdict.decision === 'Deny') say(`DENIED ${describe(call)}: ${verdict.reason}${times}`)
    if (verdict.decision === 'Unknown') say(`UNKNOWN ROLE ${describe(call)}: ${verdict.reason}${times}`)
    if (verdict.decision === 'Error') say(`CANNOT JUDGE ${describe(call)}: ${verdict.reason}${times}`)
    const judged = verdict.decision === 'Allow' ? 'Allow' : verdict.decision === 'Deny' ? 'Deny' : null
    if (judged && call.standInDecision !== judged) {
      disagreements++
      say(`DISAGREES ${describe(call)}: the stand-in said ${call.standInDecision}, the judge ${judged}${times}`)
    }
  })
  for (const caller of outsideCallers) {
    say(`note: ${caller} is created by no template; its own identity policy is taken to allow sts:AssumeRole`)
  }
  if (unnamedResources.size) {
    say(`note: recorded with resource "*" although the action takes a resource (judged as on every resource): ${[...unnamedResources].sort().join(', ')}`)
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const rssMb = peakRssMb()
  const failures = counts.Deny + counts.Unknown + counts.Error + disagreements + calls.malformed.length + problems.length
  say(
    `${calls.total} calls, ${calls.distinct.size} distinct, ${counts.Deny} denials, ${counts.Unknown} unknown roles, ` +
      `${counts.Error} not judgeable, ${disagreements} disagreements with the stand-in ` +
      `(${roles.length} roles in ${stacks.length} templates; ${seconds.toFixed(1)} s, peak RSS ${rssMb} MB)`
  )
  if (calls.total === 0) say('FAILED: the recording holds no calls, so there is nothing to judge')
  return failures === 0 && calls.total > 0
}

const { dirs, policies, workers } = parseArgs(process.argv.slice(2))
let ok = true
for (const dir of dirs) ok = (await judgeRecording(dir, policies, workers)) && ok
process.exit(ok ? 0 : 1)
