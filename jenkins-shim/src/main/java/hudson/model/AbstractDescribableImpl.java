package hudson.model;

/** Shim of core's AbstractDescribableImpl (deprecated in core; Step still extends it). */
@Deprecated
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {}
