package hudson;

import java.util.TreeMap;

/** Shim of core's EnvVars: the step's environment (withAWS and withCredentials put credentials here). */
public class EnvVars extends TreeMap<String, String> {
    private static final long serialVersionUID = 1L;
}
