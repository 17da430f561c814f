// Turns one recorded call into an iam-simulate Simulation and reads its answer.
//  identity: the role's identity policies and permission boundary, against (action, resource, context);
//  trust:    the assumed role's trust policy as the resource policy, for the caller principal.

import { runSimulation, getDenialReasons } from '@cloud-copilot/iam-simulate'

// The caller of AssumeRole that no template creates (the Jenkins agent's own role) is given an identity policy that
// allows assuming roles: its own permissions are the customer's, and the question asked here is whether the trust
// policy the product writes lets it in. Callers the templates create are judged with their real policies.
const OUTSIDE_CALLER_POLICY = {
  name: 'caller-outside-the-templates',
  policy: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'], Resource: '*' }]
  }
}

export const POLICY_NAMES = { identity: 'identity policy', resource: 'trust policy', pb: 'permission boundary', scp: 'SCP', rcp: 'RCP', vpce: 'endpoint policy' }

/**
 * A resource ARN with a wildcard inside (a stack whose id the stand-in left out) names one unknown resource, not
 * every resource: it is judged as one concrete ARN, so only a policy that allows any id allows it. A bare "*" stays:
 * that is how AWS authorises actions without resource types.
 */
export function concreteResource(resource) {
  return resource === '*' ? resource : resource.replace(/\*/g, 'judge-unknown-id')
}

/** The account in a resource ARN, or fallback when it holds none (S3 object ARNs). */
export function resourceAccount(resource, fallback) {
  const account = resource.split(':')[4]
  return /^\d{12}$/.test(account || '') ? account : fallback
}

export class Judge {
  constructor(roles) {
    this.roles = new Map(roles.map((r) => [r.arn, r]))
    this.outsideCallers = new Set()
    this.unnamedResources = new Set() // actions that take a resource, recorded with "*"
  }

  /** @returns {decision: 'Allow'|'Deny'|'Error'|'Unknown', reason?: string} */
  async judge(call) {
    const roleArn = call.kind === 'identity' ? call.principalArn : call.resource
    const role = this.roles.get(roleArn)
    if (!role) return { decision: 'Unknown', reason: `no template creates the role ${roleArn}` }
    if (role.problems.length) return { decision: 'Error', reason: role.problems.join('; ') }
    const simulation = call.kind === 'identity' ? this.identitySimulation(call, role) : this.trustSimulation(call, role)
    if (simulation.error) return { decision: 'Error', reason: simulation.error }
    const response = await runSimulation(simulation, {})
    if (response.resultType === 'error') {
      return { decision: 'Error', reason: `iam-simulate refused the request: ${JSON.stringify(response.errors)}` }
    }
    if (response.resultType === 'wildcard' && call.resource === '*') {
      this.unnamedResources.add(call.action)
      if (response.overallResult === 'Allowed' && !allowedOnEveryResource(response)) {
        return { decision: 'Deny', reason: 'the call names no resource ("*") and no statement allows the action on every resource' }
      }
    }
    if (response.overallResult === 'Allowed') return { decision: 'Allow' }
    return { decision: 'Deny', reason: `${response.overallResult}: ${denialText(response)}` }
  }

  identitySimulation(call, role) {
    return {
      request: this.request(call.principalArn, call),
      identityPolicies: role.identity,
      permissionBoundaryPolicies: role.boundary ? [role.boundary] : undefined,
      serviceControlPolicies: [],
      resourceControlPolicies: []
    }
  }

  trustSimulation(call, role) {
    if (!role.trust) return { error: `role ${role.arn} has no AssumeRolePolicyDocument` }
    const caller = this.roles.get(call.principalArn)
    let identityPolicies
    let permissionBoundaryPolicies
    if (caller) {
      if (caller.problems.length) return { error: caller.problems.join('; ') }
      identityPolicies = caller.identity
      permissionBoundaryPolicies = caller.boundary ? [caller.boundary] : undefined
    } else {
      this.outsideCallers.add(call.principalArn)
      identityPolicies = [OUTSIDE_CALLER_POLICY]
    }
    return {
      request: this.request(call.principalArn, call),
      identityPolicies,
      permissionBoundaryPolicies,
      resourcePolicy: role.trust,
      serviceControlPolicies: [],
      resourceControlPolicies: []
    }
  }

  request(principal, call) {
    const resource = concreteResource(call.resource)
    return {
      principal,
      action: call.action,
      resource: { resource, accountId: resourceAccount(resource, call.account) },
      contextVariables: call.context
    }
  }
}

/**
 * For a resource of "*", iam-simulate answers Allowed when some statement allows some resource (one result per
 * resource pattern of the policies). The call is judged allowed only when a statement allows it on every resource,
 * as IAM would judge a request whose resource is every resource.
 */
function allowedOnEveryResource(response) {
  return response.results.some((r) => r.resourcePattern === '*' && r.analysis.result === 'Allowed')
}

export function denialText(response, names = POLICY_NAMES) {
  const analyses = response.resultType === 'single' ? [response.result] : response.results
  if (!analyses.length) return 'no statement of any policy matches the resource'
  const reasons = new Set()
  for (const r of analyses) {
    for (const d of getDenialReasons(r.analysis)) {
      const where = names[d.policyType] || d.policyType
      if (d.denialType === 'Explicit') {
        const statement = d.statementId ? `statement ${d.statementId}` : `statement #${d.statementIndex}`
        reasons.add(`explicit deny in ${where}${d.policyIdentifier ? ' ' + d.policyIdentifier : ''}, ${statement}`)
      } else {
        reasons.add(`no statement of the ${where} allows it`)
      }
    }
  }
  return [...reasons].join('; ') || 'denied'
}
