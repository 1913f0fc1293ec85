package studio.codebook.engine.init;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import java.util.Random;

/**
 * A block whose initial weights are drawn from its own seed: DJL's initialisation (shapes and arrays),
 * then, for a fresh block (no parameter had a value), {@link #resetParameters} from {@code new Random(seed)}.
 * Parameters that already hold values (loaded from a checkpoint before {@code Trainer.initialize}, as DJL
 * allows) are left alone.
 */
public abstract class SeededBlock extends AbstractBlock {

    private final long seed;

    protected SeededBlock(byte version, long seed) {
        super(version);
        this.seed = seed;
    }

    /** The seed the initial weights are drawn from. */
    public long seed() {
        return seed;
    }

    @Override
    public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
        boolean fresh = getParameters().values().stream().noneMatch(Parameter::isInitialized);
        super.initialize(manager, dataType, inputShapes);
        if (fresh) {
            resetParameters(new Random(seed));
        }
    }

    /** Overwrites every parameter (already initialised) with values drawn from {@code random}. */
    public abstract void resetParameters(Random random);
}
