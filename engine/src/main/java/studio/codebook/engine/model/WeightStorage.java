package studio.codebook.engine.model;

/**
 * How a model's float parameters are stored in its safetensors files (decision 0004). Loading reads both
 * kinds into float32; the kind is recorded in each file's {@code __metadata__} under {@link #METADATA_KEY}.
 */
public enum WeightStorage {

    /** Every parameter exactly as in memory (float32): what training and checkpoints write. */
    FULL("float32"),

    /**
     * Weight-only 8-bit, about a quarter of the size: every trainable float tensor with at least 2 dimensions
     * and {@value CompactTensors#MIN_ELEMENTS} elements is stored as I8 with one float32 scale per row of
     * dimension 0 ({@link CompactTensors}); everything else stays float32: biases, norms, weight-norm
     * magnitudes and other small tensors (a few hundred KB in all, not worth any error), and the quantizer's
     * state (codebook entries, EMA sums and counts), so that a latent is given exactly the codes the full
     * model gives it and the EMA can go on training.
     */
    COMPACT("compact-int8");

    /** The {@code __metadata__} key naming the storage. */
    public static final String METADATA_KEY = "storage";

    private final String label;

    WeightStorage(String label) {
        this.label = label;
    }

    /** The value written under {@link #METADATA_KEY}. */
    public String label() {
        return label;
    }

    /** The storage a file's metadata names; FULL when it names none (files written before this existed). */
    public static WeightStorage of(java.util.Map<String, String> metadata) {
        String value = metadata.get(METADATA_KEY);
        for (WeightStorage s : values()) {
            if (s.label.equals(value)) {
                return s;
            }
        }
        return FULL;
    }
}
