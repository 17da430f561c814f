package hudson.model;

/** Shim of core's Descriptor. */
public abstract class Descriptor<T extends Describable<T>> {
    protected Descriptor() {}

    public String getDisplayName() {
        throw new UnsupportedOperationException("shim");
    }
}
