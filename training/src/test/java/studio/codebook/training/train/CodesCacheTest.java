package studio.codebook.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.training.data.Segment;

class CodesCacheTest {

    private static final List<Segment> SEGMENTS = TrainFixtures.sines(3, 3200, 5);

    private static void nudgeFirstParameter(Block block) {
        NDArray w = block.getParameters().get(0).getValue().getArray();
        w.addi(0.25f);
    }

    @Test
    void aRefinedDecoderKeepsTheKeyAndAChangedEncoderOrQuantizerDoesNot() throws Exception {
        try (MusicModel model = TrainFixtures.tinyCodec(3)) {
            String before = CodesCache.key(model.codec(), SEGMENTS);
            assertEquals(before, CodesCache.key(model.codec(), SEGMENTS), "deterministic");

            nudgeFirstParameter(model.codec().block().decoder());
            assertEquals(before, CodesCache.key(model.codec(), SEGMENTS),
                    "the decoder makes no code: `train decoder` must not invalidate the LM's codes");

            nudgeFirstParameter(model.codec().block().encoder());
            String afterEncoder = CodesCache.key(model.codec(), SEGMENTS);
            assertNotEquals(before, afterEncoder, "the encoder makes the codes");

            nudgeFirstParameter(model.codec().block().quantizer());
            assertNotEquals(afterEncoder, CodesCache.key(model.codec(), SEGMENTS), "so does the quantizer");

            assertNotEquals(afterEncoder, CodesCache.key(model.codec(), SEGMENTS.subList(0, 2)), "and the segments");
        }
    }
}
