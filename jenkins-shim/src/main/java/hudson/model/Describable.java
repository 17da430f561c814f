package hudson.model;

/** Shim of core's Describable. */
public interface Describable<T extends Describable<T>> {
    default Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException("shim");
    }
}
