package io.jenkins.plugins.scpuppet.manifest;

/** A depends_on entry: another item of the manifest, by section and name. */
public record DependsOn(String name, Section section, String path, Mark mark) {

    /** Item kinds that can be depended on. */
    public enum Section {
        LAUNCH("launches", "launch"),
        LAMBDA_INVOCATION("lambda-invocations", "lambda-invocation"),
        SPOKE_LOCAL_PORTFOLIO("spoke-local-portfolios", "spoke-local-portfolio");

        private final String key;
        private final String type;

        Section(String key, String type) {
            this.key = key;
            this.type = type;
        }

        /** The manifest's top-level key. */
        public String key() {
            return key;
        }

        /** The value of depends_on's {@code type}. */
        public String type() {
            return type;
        }
    }
}
