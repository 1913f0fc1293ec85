package studio.codebook.training.loss;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import studio.codebook.engine.lm.LmConfig;
import studio.codebook.engine.model.ModelConfig;
import studio.codebook.engine.model.ModelPresets;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.engine.text.TextConfig;
import studio.codebook.training.train.AdamOptimizer;

/**
 * The flatten pattern is the exact joint, the delay pattern an approximation: on codes where the first
 * codebook of a frame copies the last codebook of the frame before, a flatten LM learns to predict it and a
 * delay LM cannot (the delay pattern predicts z1 at frame t+1 in the same step as z4 at frame t − 2, before
 * z4 at frame t is placed). Guards the flatten path the experiment's joint reference trains on.
 */
class FlattenVersusDelayTest {

    private static final int FRAMES = 12;
    private static final int SYMBOLS = 4;

    /** z2, z3, z4 uniform over 4 symbols; z1 at frame t+1 = z4 at frame t (z1 at frame 0 uniform). */
    private static int[][] codes(Random random) {
        int[][] c = new int[4][FRAMES];
        for (int t = 0; t < FRAMES; t++) {
            for (int q = 1; q < 4; q++) {
                c[q][t] = random.nextInt(SYMBOLS);
            }
            c[0][t] = t == 0 ? random.nextInt(SYMBOLS) : c[3][t - 1];
        }
        return c;
    }

    /** NLL of the first codebook (nats) after {@code steps} Adam steps on fresh toy batches. */
    private static double firstCodebookNll(String pattern, int steps) throws Exception {
        ModelConfig tiny = ModelPresets.architecture("tiny", "rvq", "toy-" + pattern);
        ModelConfig config = tiny.withLanguageModel(pattern, LmConfig.tiny(),
                TextConfig.tiny(ModelPresets.TOKENIZER_VOCABULARY));
        try (MusicModel model = MusicModel.create(config, Device.cpu(), 3)) {
            Map<String, Parameter> named = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : model.lm().getParameters()) {
                named.put(p.getKey(), p.getValue());
            }
            NDManager parent = model.lm().getParameters().valueAt(0).getArray().getManager();
            Random random = new Random(11);
            List<String> captions = Collections.nCopies(16, "");
            try (AdamOptimizer optimizer = new AdamOptimizer(named, 0.9, 0.99, 1e-8, 0, parent)) {
                for (int s = 0; s < steps; s++) {
                    List<int[][]> batch = new ArrayList<>();
                    for (int i = 0; i < 16; i++) {
                        batch.add(codes(random));
                    }
                    try (NDScope scope = new NDScope(); NDManager sub = parent.newSubManager()) {
                        scope.suppressNotUsedWarning();
                        ParameterStore ps = new ParameterStore(sub, false);
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray loss = TeacherForcedNll.perCodebook(model, ps, sub, batch, captions, true).mean();
                            gc.backward(loss);
                        }
                        optimizer.update(optimizer.gradients(), 3e-3, 1);
                        optimizer.clearGradients();
                    }
                    JniUtils.setGradMode(false);
                }
            }
            List<int[][]> test = new ArrayList<>();
            Random held = new Random(99);
            for (int i = 0; i < 16; i++) {
                test.add(codes(held));
            }
            try (NDScope scope = new NDScope(); NDManager sub = parent.newSubManager()) {
                scope.suppressNotUsedWarning();
                return TeacherForcedNll.perCodebook(model, new ParameterStore(sub, false), sub, test, captions, false)
                        .toFloatArray()[0];
            }
        }
    }

    @Test
    void flattenLearnsTheInFrameDependenceTheDelayPatternCannotSee() throws Exception {
        double flatten = firstCodebookNll("flatten", 150);
        double delay = firstCodebookNll("delay", 150);
        System.out.printf("z1 NLL after 150 steps: flatten %.3f, delay %.3f nats (ln 4 = %.3f)%n", flatten, delay,
                Math.log(SYMBOLS));
        // delay: z1 is unpredictable beyond its 4 symbols (ln 4 = 1.386); flatten: z1 copies the z4 just before it
        assertTrue(delay > 1.2, "delay " + delay);
        assertTrue(flatten < 0.5, "flatten " + flatten);
    }
}
