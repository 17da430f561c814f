// Reads stacks/<account>/<region>/<stack>.json of a recording and builds every IAM role the templates create: its
// ARN, trust policy, identity policies (inline, AWS::IAM::Policy, AWS::IAM::RolePolicy, managed policies) and
// permission boundary.

import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { resolver, UnresolvedError } from './intrinsics.mjs'

// AWS managed policies the judge knows by heart. AdministratorAccess is Allow * on * (its published document,
// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html). Any other AWS managed
// policy must come from a --policies file, or the role is reported as not judgeable.
const AWS_MANAGED = {
  'arn:aws:iam::aws:policy/AdministratorAccess': {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }]
  }
}

export function readStacks(recordingDir) {
  const root = join(recordingDir, 'stacks')
  const stacks = []
  if (!existsSync(root)) return stacks
  for (const account of readdirSync(root)) {
    for (const region of readdirSync(join(root, account))) {
      for (const file of readdirSync(join(root, account, region))) {
        if (!file.endsWith('.json')) continue
        const text = readFileSync(join(root, account, region, file), 'utf8')
        const stack = { account, region, name: file.slice(0, -'.json'.length), template: null, text }
        try {
          stack.template = JSON.parse(text)
        } catch {
          // A product's own template may be YAML; it matters only if it declares IAM resources (checked below).
        }
        stacks.push(stack)
      }
    }
  }
  return stacks
}

/**
 * CloudFormation names a role without RoleName "<stack>-<logicalId>-<random suffix>", cutting the first part short
 * when long (CloudFormation cuts stack name and logical id each; the stand-in cuts "<stack>-<logicalId>" to 51
 * characters), so such a role is found by that shape among the principals of the recording.
 */
function generatedName(stack, logicalId, kind, observedArns) {
  const prefix = `arn:aws:iam::${stack.account}:${kind}/`
  const full = `${stack.name}-${logicalId}`
  const shaped = (name) => {
    const cut = name.lastIndexOf('-')
    if (cut <= 0 || !/^[A-Za-z0-9]+$/.test(name.slice(cut + 1))) return false
    const base = name.slice(0, cut)
    if (base.length >= Math.min(full.length, 30) && full.startsWith(base)) return true
    return base.startsWith(stack.name.slice(0, 20)) && base.includes(`-${logicalId.slice(0, 20)}`)
  }
  const match = observedArns.find((arn) => arn.startsWith(prefix) && shaped(arn.slice(arn.lastIndexOf('/') + 1)))
  return match ? match.slice(match.lastIndexOf('/') + 1) : `${full}-UNBOUND`
}

export function physicalNames(stack, observedArns) {
  return (logicalId, resource) => {
    const p = resource.Properties || {}
    const resolvePlain = (v) => (typeof v === 'string' ? v : undefined)
    if (resource.Type === 'AWS::IAM::Role') {
      const path = resolvePlain(p.Path) || '/'
      const name = resolvePlain(p.RoleName) || generatedName(stack, logicalId, 'role', observedArns)
      return { ref: name, arn: `arn:aws:iam::${stack.account}:role${path}${name}` }
    }
    if (resource.Type === 'AWS::IAM::ManagedPolicy') {
      const path = resolvePlain(p.Path) || '/'
      const name = resolvePlain(p.ManagedPolicyName) || generatedName(stack, logicalId, 'policy', observedArns)
      const arn = `arn:aws:iam::${stack.account}:policy${path}${name}`
      return { ref: arn, arn }
    }
    if (resource.Type === 'AWS::S3::Bucket' && typeof p.BucketName === 'string') {
      return { ref: p.BucketName, arn: `arn:aws:s3:::${p.BucketName}` }
    }
    throw new UnresolvedError(`${stack.name}: the judge cannot name ${logicalId} (${resource.Type})`)
  }
}

/**
 * @returns {roles: Role[], problems: string[]} where Role = {arn, account, stack, logicalId, trust, identity:
 *     [{name, policy}], boundary: {name, policy} | null, problems: string[]}
 */
export function extractRoles(stacks, observedArns, extraPolicies) {
  const problems = []
  const managed = { ...AWS_MANAGED, ...extraPolicies }
  const roles = []
  const attachments = [] // {account, roleName, name, policy | managedArn}
  for (const stack of stacks) {
    if (!stack.template) {
      if (/AWS::IAM::/.test(stack.text)) problems.push(`${stack.account}/${stack.region}/${stack.name}: not JSON, yet declares IAM resources`)
      continue
    }
    const resolve = resolver(stack, physicalNames(stack, observedArns))
    for (const [logicalId, resource] of Object.entries(stack.template.Resources || {})) {
      if (!resource || !String(resource.Type).startsWith('AWS::IAM::')) continue
      const where = `${stack.account}/${stack.region}/${stack.name}/${logicalId}`
      try {
        const p = resolve(resource.Properties || {})
        switch (resource.Type) {
          case 'AWS::IAM::Role': {
            const { arn } = physicalNames(stack, observedArns)(logicalId, resource)
            const identity = (p.Policies || []).map((x) => ({ name: x.PolicyName, policy: x.PolicyDocument }))
            roles.push({ arn, name: arn.slice(arn.lastIndexOf('/') + 1), account: stack.account, where, trust: p.AssumeRolePolicyDocument, identity, managedArns: p.ManagedPolicyArns || [], boundaryArn: p.PermissionsBoundary || null })
            break
          }
          case 'AWS::IAM::ManagedPolicy': {
            const { arn } = physicalNames(stack, observedArns)(logicalId, resource)
            managed[arn] = p.PolicyDocument
            for (const roleName of p.Roles || []) attachments.push({ account: stack.account, roleName, managedArn: arn })
            break
          }
          case 'AWS::IAM::Policy':
            for (const roleName of p.Roles || []) attachments.push({ account: stack.account, roleName, name: p.PolicyName, policy: p.PolicyDocument })
            break
          case 'AWS::IAM::RolePolicy':
            attachments.push({ account: stack.account, roleName: p.RoleName, name: p.PolicyName, policy: p.PolicyDocument })
            break
          default:
            break // users, groups, instance profiles: not principals of the recorded calls
        }
      } catch (e) {
        if (!(e instanceof UnresolvedError)) throw e
        problems.push(`${where}: ${e.message}`)
      }
    }
  }
  for (const a of attachments) {
    const role = roles.find((r) => r.account === a.account && r.name === a.roleName)
    if (!role) continue // attached to a role outside the templates: nothing recorded can use it
    role.managedArns.push(...(a.managedArn ? [a.managedArn] : []))
    if (a.policy) role.identity.push({ name: a.name, policy: a.policy })
  }
  for (const role of roles) {
    role.problems = []
    for (const arn of role.managedArns) {
      if (managed[arn]) role.identity.push({ name: arn, policy: managed[arn] })
      else role.problems.push(`managed policy ${arn} is unknown to the judge (pass its document with --policies)`)
    }
    role.boundary = null
    if (role.boundaryArn) {
      if (managed[role.boundaryArn]) role.boundary = { name: role.boundaryArn, policy: managed[role.boundaryArn] }
      else role.problems.push(`permission boundary ${role.boundaryArn} is unknown to the judge (pass its document with --policies)`)
    }
  }
  return { roles, problems }
}
