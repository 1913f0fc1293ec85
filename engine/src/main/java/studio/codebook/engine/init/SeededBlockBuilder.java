package studio.codebook.engine.init;

/**
 * The builder of a block made from a configuration record and a seed, in DJL's style: {@code setConfig}
 * is required, {@code optSeed} (default 0) fixes everything the block draws at random, so the same
 * configuration and seed always build the same block. Each block's builder adds its own options and
 * {@code build()}.
 *
 * @param <C> the configuration record
 * @param <T> the concrete builder, which the setters return so that calls chain
 */
public abstract class SeededBlockBuilder<C, T extends SeededBlockBuilder<C, T>> {

    private C config;
    private long seed;

    protected SeededBlockBuilder() {}

    /** The concrete builder ({@code this}). */
    protected abstract T self();

    public T setConfig(C config) {
        this.config = config;
        return self();
    }

    /**
     * Seed of what the block draws at random: its initial weights, or for a quantizer its k-means,
     * dead-code replacement and dropout (default 0).
     */
    public T optSeed(long seed) {
        this.seed = seed;
        return self();
    }

    /** The configuration, or null if {@code setConfig} was not called. */
    public C config() {
        return config;
    }

    public long seed() {
        return seed;
    }

    /** The configuration; without one, an {@link IllegalArgumentException} with {@code message}. */
    protected final C requireConfig(String message) {
        if (config == null) {
            throw new IllegalArgumentException(message);
        }
        return config;
    }
}
