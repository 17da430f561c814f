// Reads calls.jsonl of a recording line by line and keeps each distinct call once, with how often it was made: a
// large deploy repeats the same (role, action, resource) many times, and each distinct call is simulated once.

import { createReadStream, existsSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { join } from 'node:path'

const KINDS = new Set(['identity', 'trust'])

function canonicalContext(context) {
  const out = {}
  for (const key of Object.keys(context || {}).sort()) {
    if (context[key] !== null && context[key] !== undefined) out[key] = context[key]
  }
  return out
}

/** @returns {total, distinct: Map<key, {call, count}>, malformed: string[], principals: Set<string>} */
export async function readCalls(recordingDir) {
  const file = join(recordingDir, 'calls.jsonl')
  const result = { total: 0, distinct: new Map(), malformed: [], principals: new Set() }
  if (!existsSync(file)) {
    result.malformed.push(`${file}: missing`)
    return result
  }
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })
  let lineNumber = 0
  for await (const line of lines) {
    lineNumber++
    if (!line.trim()) continue
    let raw
    try {
      raw = JSON.parse(line)
    } catch (e) {
      result.malformed.push(`calls.jsonl:${lineNumber}: not JSON (${e.message})`)
      continue
    }
    const missing = ['principalArn', 'action', 'resource', 'account', 'kind'].filter((k) => typeof raw[k] !== 'string')
    if (missing.length || !KINDS.has(raw.kind)) {
      result.malformed.push(`calls.jsonl:${lineNumber}: ${missing.length ? 'missing ' + missing.join(', ') : 'kind ' + raw.kind}`)
      continue
    }
    result.total++
    const call = {
      kind: raw.kind,
      principalArn: raw.principalArn,
      action: raw.action,
      resource: raw.resource,
      account: raw.account,
      region: raw.region,
      context: canonicalContext(raw.context),
      standInDecision: raw.standInDecision
    }
    result.principals.add(call.principalArn)
    if (call.kind === 'trust') result.principals.add(call.resource)
    const key = JSON.stringify([call.kind, call.principalArn, call.action, call.resource, call.account, call.context, call.standInDecision])
    const seen = result.distinct.get(key)
    if (seen) seen.count++
    else result.distinct.set(key, { call, count: 1 })
  }
  return result
}
