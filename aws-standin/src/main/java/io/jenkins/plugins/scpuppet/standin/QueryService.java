package io.jenkins.plugins.scpuppet.standin;

import java.util.Map;

/** A service spoken in awsQuery: form-encoded input, XML output (the router wraps the result element). */
interface QueryService {

    /** The signing name in the credential scope, e.g. {@code cloudformation}. */
    String signingName();

    /** The namespace of the response document. */
    String xmlNamespace();

    /** Returns the inner XML of {@code <ActionResult>}. */
    String handle(Caller caller, String action, Map<String, String> params);
}
