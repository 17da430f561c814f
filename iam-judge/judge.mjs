#!/usr/bin/env node
// iam-judge: replays the AWS stand-in's IAM recording (calls.jsonl + stacks/<account>/<region>/<stack>.json) through
// @cloud-copilot/iam-simulate, a third-party IAM policy evaluator, against the roles the recorded templates create.
// Test-time only (the simulator is AGPL-3.0 and is never bundled with the product).
//
//   node judge.mjs [--policies FILE]... [--workers N] RECORDING_DIR...
//   node judge.mjs --requests CASES_FILE...
//
// --policies FILE: a JSON object {"<policy ARN>": <policy document>} for managed policies and permission boundaries
// that no recorded template creates. --workers N: threads for the simulations (default: the CPUs, at most 2).
// Prints every call it cannot allow and one summary line per recording. Exit 0 when every recording has calls and all
// of them are allowed; 1 on any denial, any call whose role no template creates, any call the simulator cannot
// judge, any disagreement with the stand-in's own decision; 2 on bad usage.
//
// --requests CASES_FILE (repeatable): listed requests judged against one resource policy (a bucket policy or a KMS key
// policy, from a template or given), each with the verdict expected (lib/requests.mjs). Exit 1 when any verdict is
// not the one expected, or a file has no requests.

import { readFileSync, existsSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { readStacks, extractRoles } from './lib/templates.mjs'
import { readCalls } from './lib/recording.mjs'
import { judgeAll } from './lib/parallel.mjs'
import { readCases, judgeRequest, unknownActions, CasesError } from './lib/requests.mjs'

function usage(message) {
  console.error(
    `iam-judge: ${message}\nusage: node judge.mjs [--policies FILE]... [--workers N] RECORDING_DIR...\n` +
      '       node judge.mjs --requests CASES_FILE...'
  )
  process.exit(2)
}

function parseArgs(argv) {
  const dirs = []
  const policies = {}
  const requests = []
  let workers
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--policies') {
      if (i + 1 >= argv.length) usage('--policies needs a file')
      Object.assign(policies, JSON.parse(readFileSync(argv[++i], 'utf8')))
    } else if (argv[i] === '--requests') {
      if (i + 1 >= argv.length) usage('--requests needs a file')
      requests.push(argv[++i])
    } else if (argv[i] === '--workers') {
      workers = Number(argv[++i])
      if (!Number.isInteger(workers) || workers < 1) usage('--workers needs a whole number of threads')
    } else if (argv[i].startsWith('-')) {
      usage(`unknown option ${argv[i]}`)
    } else {
      dirs.push(argv[i])
    }
  }
  if (!dirs.length && !requests.length) usage('give at least one recording directory or --requests file')
  return { dirs, policies, workers, requests }
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

async function judgeRequests(file) {
  let cases
  try {
    cases = readCases(file)
  } catch (e) {
    if (!(e instanceof CasesError)) throw e
    console.log(`iam-judge ${basename(file)}: PROBLEM ${e.message}`)
    return false
  }
  const say = (line) => console.log(`iam-judge ${cases.name}: ${line}`)
  const counts = { expected: 0, unexpected: 0, error: 0 }
  const unknown = await unknownActions(cases.policy.document)
  for (const action of unknown) say(`PROBLEM the resource policy names ${action}, an action AWS does not know (AWS refuses the policy)`)
  for (const request of cases.requests) {
    const v = await judgeRequest(cases.policy, request)
    const what = `${request.principalArn} ${request.action} on ${request.resource}`
    const why = request.why ? ` (${request.why})` : ''
    const because = v.reason ? `: ${v.reason}` : ''
    if (v.judged === 'Error') {
      counts.error++
      say(`CANNOT JUDGE ${what}${because}`)
    } else if (v.asExpected) {
      counts.expected++
      say(`as expected ${v.judged} ${what}${because}`)
    } else {
      counts.unexpected++
      const statement = request.deniedBy ? ` by statement ${request.deniedBy}` : ''
      say(`UNEXPECTED ${what}: expected ${request.expect}${statement}, judged ${v.judged}${because}${why}`)
    }
  }
  say(
    `${cases.requests.length} requests, ${counts.expected} as expected, ${counts.unexpected} unexpected, ` +
      `${counts.error} not judgeable (resource policy: ${cases.policy.source})`
  )
  if (!cases.requests.length) say('FAILED: the file lists no requests, so there is nothing to judge')
  return cases.requests.length > 0 && counts.expected === cases.requests.length && unknown.length === 0
}

const { dirs, policies, workers, requests } = parseArgs(process.argv.slice(2))
let ok = true
for (const dir of dirs) ok = (await judgeRecording(dir, policies, workers)) && ok
for (const file of requests) ok = (await judgeRequests(file)) && ok
process.exit(ok ? 0 : 1)
