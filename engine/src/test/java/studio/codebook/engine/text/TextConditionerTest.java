package studio.codebook.engine.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextConditionerTest {

    @TempDir
    static Path dir;
    static Path file;

    @BeforeAll
    static void trainTokenizer() throws IOException {
        file = dir.resolve("tokenizer.json");
        CaptionTokenizer.train(Captions.generate(2000, 3L), 2000, file);
    }

    @Test
    void batchesOfDifferentLengthsArePaddedToTheLongest() throws IOException {
        try (NDManager manager = NDManager.newBaseManager();
                CaptionTokenizer tokenizer = CaptionTokenizer.load(file, 32)) {
            TextConditioner conditioner = TextConditioner.create(tokenizer, TextConfig.tiny(tokenizer.vocabSize()), 1, manager);
            List<String> texts = List.of("warm lo-fi piano over brushed drums, 80 BPM", "🎹", "", "温暖的钢琴 and a very long tail ".repeat(300));
            TokenizedBatch batch = conditioner.tokenize(texts);
            int[] lengths = batch.lengths();
            assertEquals(0, lengths[2]);
            assertEquals(32, lengths[3], "truncated to maxTokens");
            assertEquals(32, batch.length());
            assertEquals(1, batch.warnings().size());
            TextStates states = conditioner.encode(new ParameterStore(manager, false), manager, texts);
            assertEquals(new Shape(4, 32, 32), states.states().getShape());
            assertEquals(new Shape(4, 32), states.mask().getShape());
            assertEquals(1, states.warnings().size());
            float[] mask = states.mask().toFloatArray();
            for (int b = 0; b < 4; b++) {
                for (int t = 0; t < 32; t++) {
                    assertEquals(t < lengths[b] ? 1f : 0f, mask[b * 32 + t]);
                }
            }
            assertEquals(0f, states.states().get(2).abs().sum().getFloat(), "the empty prompt is all zero");
            assertTrue(states.states().get(1).get(0).abs().sum().getFloat() > 0);
        }
    }

    @Test
    void unconditionalBatchHasLengthOneAndNoSignal() throws IOException {
        try (NDManager manager = NDManager.newBaseManager();
                CaptionTokenizer tokenizer = CaptionTokenizer.load(file, 32)) {
            TextConditioner conditioner = TextConditioner.create(tokenizer, TextConfig.tiny(tokenizer.vocabSize()), 1, manager);
            TextStates states = conditioner.encode(new ParameterStore(manager, false), manager, List.of("", ""));
            assertEquals(new Shape(2, 1, 32), states.states().getShape());
            assertArrayEquals(new float[] {0, 0}, states.mask().toFloatArray());
            assertEquals(0f, states.states().abs().sum().getFloat());
            assertThrows(IllegalArgumentException.class, () -> conditioner.tokenize(List.of()));
        }
    }

    @Test
    void anyTextEncodesToFiniteStates() throws IOException {
        try (NDManager manager = NDManager.newBaseManager();
                CaptionTokenizer tokenizer = CaptionTokenizer.load(file, 32)) {
            TextConditioner conditioner = TextConditioner.create(tokenizer, TextConfig.tiny(tokenizer.vocabSize()), 2, manager);
            List<String> texts = new ArrayList<>(CaptionTokenizerTest.ANY_TEXT);
            texts.add("x".repeat(10_000));
            TextStates states = conditioner.encode(new ParameterStore(manager, false), manager, texts);
            for (float v : states.states().toFloatArray()) {
                assertTrue(Float.isFinite(v));
            }
            assertEquals(texts.size(), states.states().getShape().get(0));
        }
    }

    @Test
    void aPromptEncodesTheSameAloneAndInACfgBatch() throws IOException {
        try (NDManager manager = NDManager.newBaseManager();
                CaptionTokenizer tokenizer = CaptionTokenizer.load(file, 32)) {
            TextConditioner conditioner = TextConditioner.create(tokenizer, TextConfig.tiny(tokenizer.vocabSize()), 3, manager);
            ParameterStore ps = new ParameterStore(manager, false);
            String prompt = "dark techno, 808 bass, hi-hats, 128 bpm";
            NDArray alone = conditioner.encode(ps, manager, List.of(prompt)).states();
            NDArray pair = conditioner.encode(ps, manager, List.of(prompt, "")).states();
            assertArrayEquals(alone.get(0).toFloatArray(), pair.get(0).toFloatArray(), 1e-5f);
        }
    }

    @Test
    void mismatchedSizesAreRejected() throws IOException {
        try (NDManager manager = NDManager.newBaseManager();
                CaptionTokenizer tokenizer = CaptionTokenizer.load(file, 64)) {
            assertThrows(IllegalArgumentException.class,
                    () -> TextConditioner.create(tokenizer, TextConfig.tiny(tokenizer.vocabSize()), 1, manager), "64 > 32 tokens");
            assertThrows(IllegalArgumentException.class,
                    () -> TextConditioner.create(tokenizer, TextConfig.defaultSize(300), 1, manager), "vocab too small");
        }
    }

    /** Prints figures; asserts nothing about time. */
    @Test
    void defaultEncoderTiming() throws IOException {
        try (NDManager manager = NDManager.newBaseManager();
                CaptionTokenizer tokenizer = CaptionTokenizer.load(file, 64)) {
            TextConfig config = TextConfig.defaultSize(tokenizer.vocabSize());
            TextConditioner conditioner = TextConditioner.create(tokenizer, config, 1, manager);
            ParameterStore ps = new ParameterStore(manager, false);
            List<String> prompts = List.of("warm lo-fi piano over brushed drums, 80 BPM", "");
            for (int i = 0; i < 3; i++) {
                try (NDManager scope = manager.newSubManager()) {
                    conditioner.encode(ps, scope, prompts).states().toFloatArray();
                }
            }
            int runs = 20;
            long t0 = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                try (NDManager scope = manager.newSubManager()) {
                    conditioner.encode(ps, scope, prompts).states().toFloatArray();
                }
            }
            double ms = (System.nanoTime() - t0) / 1e6 / runs;
            System.out.printf("default TextEncoder (%d parameters, vocab %d): batch of 2 prompts in %.2f ms (1 torch thread)%n",
                    conditioner.encoder().parameterCount(), config.vocabSize(), ms);
        }
    }
}
