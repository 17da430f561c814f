// Resolves the CloudFormation intrinsics the product's templates use (Ref, Fn::GetAtt X.Arn, Fn::Sub, Fn::Join) to
// plain values, as CloudFormation would in one stack. Anything else is refused: a judge that guessed a value could
// judge a policy other than the one deployed.

export class UnresolvedError extends Error {}

/**
 * @param stack {account, region, name, template} one stack as the stand-in holds it
 * @param physical (logicalId, resource) => {ref, arn} the physical names of the stack's resources
 */
export function resolver(stack, physical) {
  const pseudo = {
    'AWS::AccountId': stack.account,
    'AWS::Region': stack.region,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': stack.name,
    'AWS::NoValue': undefined
  }
  const resources = stack.template.Resources || {}
  const parameters = stack.template.Parameters || {}

  function ref(name) {
    if (name in pseudo) return pseudo[name]
    if (name in resources) return physical(name, resources[name]).ref
    if (name in parameters && parameters[name].Default !== undefined) return parameters[name].Default
    throw new UnresolvedError(`${stack.name}: Ref ${name} has no value the judge can know`)
  }

  function getAtt(name, attribute) {
    if (attribute === 'Arn' && name in resources) return physical(name, resources[name]).arn
    throw new UnresolvedError(`${stack.name}: Fn::GetAtt ${name}.${attribute} is not supported`)
  }

  function sub(text, vars) {
    return text.replace(/\$\{([^}]+)\}/g, (whole, key) => {
      if (key.startsWith('!')) return '${' + key.slice(1) + '}'
      if (vars && key in vars) return String(resolve(vars[key]))
      const dot = key.indexOf('.')
      if (dot > 0 && !key.startsWith('AWS::')) return String(getAtt(key.slice(0, dot), key.slice(dot + 1)))
      return String(ref(key))
    })
  }

  function resolve(value) {
    if (Array.isArray(value)) return value.map(resolve).filter((v) => v !== undefined)
    if (value === null || typeof value !== 'object') return value
    const keys = Object.keys(value)
    if (keys.length === 1) {
      const [key] = keys
      const arg = value[key]
      if (key === 'Ref') return ref(arg)
      if (key === 'Fn::GetAtt') {
        const [name, attribute] = Array.isArray(arg) ? arg : String(arg).split('.')
        return getAtt(name, attribute)
      }
      if (key === 'Fn::Sub') return Array.isArray(arg) ? sub(arg[0], arg[1]) : sub(arg)
      if (key === 'Fn::Join') return resolve(arg[1]).join(arg[0])
      if (key.startsWith('Fn::') || key === 'Condition') {
        throw new UnresolvedError(`${stack.name}: ${key} is not supported by the judge`)
      }
    }
    const out = {}
    for (const [k, v] of Object.entries(value)) {
      const r = resolve(v)
      if (r !== undefined) out[k] = r
    }
    return out
  }

  return resolve
}
