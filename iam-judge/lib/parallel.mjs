// Judges the distinct calls of a recording, in worker threads when there are many: iam-simulate spends most of its
// time matching each resource ARN against the action's resource types, a CPU-bound step that threads share out.

import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads'
import { availableParallelism } from 'node:os'
import { Judge } from './simulate.mjs'

const SMALL = 2000 // below this, starting workers (each loads the IAM data) costs more than it saves

/** @returns {verdicts: verdict[] (in the order of calls), outsideCallers: Set<string>, unnamedResources: Set<string>} */
export async function judgeAll(roles, calls, workers = Math.min(availableParallelism(), 2)) {
  if (workers <= 1 || calls.length < SMALL) return judgeHere(roles, calls)
  const chunks = Array.from({ length: workers }, () => [])
  calls.forEach((call, i) => chunks[i % workers].push(call))
  const results = await Promise.all(
    chunks.map(
      (chunk) =>
        new Promise((resolve, reject) => {
          const worker = new Worker(new URL(import.meta.url), { workerData: { roles, calls: chunk } })
          worker.once('message', resolve)
          worker.once('error', reject)
          worker.once('exit', (code) => code !== 0 && reject(new Error(`judge worker exited with ${code}`)))
        })
    )
  )
  const verdicts = calls.map((_, i) => results[i % workers].verdicts[Math.floor(i / workers)])
  return {
    verdicts,
    outsideCallers: new Set(results.flatMap((r) => r.outsideCallers)),
    unnamedResources: new Set(results.flatMap((r) => r.unnamedResources))
  }
}

async function judgeHere(roles, calls) {
  const judge = new Judge(roles)
  const verdicts = []
  for (const call of calls) verdicts.push(await judge.judge(call))
  return { verdicts, outsideCallers: judge.outsideCallers, unnamedResources: judge.unnamedResources }
}

if (!isMainThread && workerData && workerData.calls) {
  const { verdicts, outsideCallers, unnamedResources } = await judgeHere(workerData.roles, workerData.calls)
  parentPort.postMessage({ verdicts, outsideCallers: [...outsideCallers], unnamedResources: [...unnamedResources] })
}
