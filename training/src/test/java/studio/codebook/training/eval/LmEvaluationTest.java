package studio.codebook.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.codec.Codes;
import studio.codebook.engine.model.ModelConfig;
import studio.codebook.engine.model.ModelPresets;
import studio.codebook.engine.model.Provenance;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.training.data.Segment;
import studio.codebook.training.train.LmTrainer;
import studio.codebook.training.train.LmTrainingConfig;
import studio.codebook.training.train.RunDescription;
import studio.codebook.training.train.ValidationResult;

class LmEvaluationTest {

    // 0.4 s = 20 frames at 50 frames/s
    private static final List<Segment> TRAIN = EvalFixtures.sines(8, 6400, 1);
    private static final List<Segment> HELD_OUT = EvalFixtures.sines(3, 6400, 2);

    private static List<String> captions(List<Segment> segments) {
        return segments.stream().map(Segment::caption).toList();
    }

    /** The first {@code frames} frames of each segment's codes: the windows LmTrainer validates on. */
    private static List<Codes> firstFrames(List<Codes> codes, int frames) {
        List<Codes> out = new ArrayList<>();
        for (Codes c : codes) {
            int[][] all = c.codes();
            int[][] w = new int[all.length][];
            for (int q = 0; q < all.length; q++) {
                w[q] = Arrays.copyOf(all[q], frames);
            }
            out.add(new Codes(w, c.codebookSize(), c.frameRate()));
        }
        return out;
    }

    @Test
    void randomLmScoresAboutLnCardinalityAndMatchesTheTrainerThenImprovesWithTraining(@TempDir Path dir)
            throws Exception {
        try (MusicModel model = EvalFixtures.tinyFull(4, TRAIN)) {
            List<Codes> codes = CodecEvaluation.encode(model.codec(), HELD_OUT, EvaluationListener.NONE);
            LmEvaluation before = LmEvaluation.measure(model, codes, captions(HELD_OUT), EvaluationListener.NONE);
            int k = model.config().codebooks();
            double uniform = Math.log(64);
            assertEquals(uniform, before.uniformNats(), 1e-12);
            assertEquals(3, before.windows(), "20 frames fit the tiny LM's context: one window per segment");
            assertEquals(20, before.windowFrames());
            assertEquals("delay", before.pattern());
            assertEquals(k, before.codebooks().size());
            double mean = 0;
            for (CodebookNll n : before.codebooks()) {
                assertEquals(3 * 20, n.codes(), "every code of every segment scored once");
                assertEquals(n.nats() / Math.log(2), n.bits(), 1e-12);
                // random logits: near uniform over the 64 entries; their spread (and the few entries a k-means
                // codebook on sines uses) moves single codebooks by up to ~0.7 nats (LmTrainerTest: 3.5..5)
                assertTrue(Math.abs(n.nats() - uniform) < 1.0, "codebook " + n.codebook() + ": " + n.nats());
                mean += n.nats() / k;
            }
            assertEquals(mean, before.meanNats(), 1e-12);
            assertTrue(Math.abs(mean - uniform) < 0.6, "mean " + mean);
            assertEquals(mean / Math.log(2), before.meanBits(), 1e-12);

            // the same numbers as the trainer's validation on its windows (16 frames from the start)
            LmTrainingConfig config = LmTrainingConfig.defaults(20, 4, 16, 11).withLearningRate(3e-3, 3e-4, 2)
                    .withRhythm(0, 0, 2);
            try (LmTrainer trainer = LmTrainer.start(model, config, TRAIN, HELD_OUT, dir.resolve("run"),
                    new RunDescription("eval tests", null, "manifest-sha256:test"))) {
                assertNllMatchesTrainer(trainer.validate(), model, firstFrames(codes, trainer.frames()));
                for (int i = 0; i < 20; i++) {
                    trainer.trainStep();
                }
                assertNllMatchesTrainer(trainer.validate(), model, firstFrames(codes, trainer.frames()));
            }
            LmEvaluation after = LmEvaluation.measure(model, codes, captions(HELD_OUT), EvaluationListener.NONE);
            System.out.printf("LM NLL before %.4f nats, after 20 steps %.4f nats (ln 64 = %.4f)%n", before.meanNats(),
                    after.meanNats(), uniform);
            assertTrue(after.meanNats() < before.meanNats() - 0.2, before.meanNats() + " -> " + after.meanNats());
        }
    }

    private static void assertNllMatchesTrainer(ValidationResult v, MusicModel model, List<Codes> windows) {
        LmEvaluation e = LmEvaluation.measure(model, windows, captions(HELD_OUT), EvaluationListener.NONE);
        for (CodebookNll n : e.codebooks()) {
            double trainer = v.metrics().get("nll" + n.codebook());
            assertEquals(trainer, n.nats(), 1e-4, "codebook " + n.codebook());
        }
        assertEquals(v.loss(), e.meanNats(), 1e-4);
    }

    @Test
    void codesLongerThanTheContextAreScoredInWindows() throws Exception {
        try (MusicModel model = EvalFixtures.tinyFull(4, List.of())) {
            int maxSteps = model.config().lm().maxSteps(); // 256: the delay pattern holds 253 frames
            int window = model.pattern().frames(maxSteps + 1);
            assertTrue(model.pattern().steps(window) - 1 <= maxSteps && model.pattern().steps(window + 1) - 1 > maxSteps);
            Random random = new Random(7);
            int frames = window + 40;
            int[][] raw = new int[4][frames];
            for (int[] row : raw) {
                for (int t = 0; t < frames; t++) {
                    row[t] = random.nextInt(64);
                }
            }
            LmEvaluation e = LmEvaluation.measure(model, List.of(new Codes(raw, 64, 50)), Arrays.asList((String) null),
                    EvaluationListener.NONE);
            assertEquals(2, e.windows());
            assertEquals(window, e.windowFrames());
            for (CodebookNll n : e.codebooks()) {
                assertEquals(frames, n.codes());
                assertTrue(Double.isFinite(n.nats()));
            }
        }
    }

    @Test
    void anLmIsScoredInWindowsOfItsTrainingLengthNotItsWholeContext() throws Exception {
        Provenance trained = new Provenance("2026-11-26T00:00:00Z", "test", 1, null, "test", 10,
                Map.of("trainer", "lm", "frames", 10), Map.of(), null);
        Provenance codecOnly = new Provenance("2026-11-26T00:00:00Z", "test", 1, null, "test", 10,
                Map.of("trainer", "codec", "frames", 10), Map.of(), null);
        Random random = new Random(3);
        int[][] raw = new int[4][25];
        for (int[] row : raw) {
            for (int t = 0; t < row.length; t++) {
                row[t] = random.nextInt(64);
            }
        }
        List<Codes> codes = List.of(new Codes(raw, 64, 50));
        ModelConfig architecture = ModelPresets.architecture("tiny", "rvq", "tiny-lm");
        try (MusicModel lm = MusicModel.create(architecture.withProvenance(trained), Device.cpu(), 4);
                MusicModel codecLast = MusicModel.create(architecture.withProvenance(codecOnly), Device.cpu(), 4)) {
            LmEvaluation e = LmEvaluation.measure(lm, codes, List.of("techno"), EvaluationListener.NONE);
            assertEquals(3, e.windows(), "25 frames in windows of the 10 it was trained on: 10 + 10 + 5");
            assertEquals(10, e.windowFrames());
            for (CodebookNll n : e.codebooks()) {
                assertEquals(25, n.codes(), "every code is still scored once");
            }
            // the frames setting of a codec training says nothing about the LM: its whole context is used
            LmEvaluation whole = LmEvaluation.measure(codecLast, codes, List.of("techno"), EvaluationListener.NONE);
            assertEquals(1, whole.windows());
            assertEquals(25, whole.windowFrames());
        }
    }

    @Test
    void anLmWithABeatInputIsScoredWithTheTempoItsCaptionNames() throws Exception {
        ModelConfig plain = ModelPresets.architecture("tiny", "rvq", "tiny-lm");
        ModelConfig beat = plain.withLanguageModel(plain.pattern(), plain.lm().withBeat(true), plain.text());
        Random random = new Random(5);
        int[][] raw = new int[4][30];
        for (int[] row : raw) {
            for (int t = 0; t < row.length; t++) {
                row[t] = random.nextInt(64);
            }
        }
        List<Codes> codes = List.of(new Codes(raw, 64, 50));
        try (MusicModel silent = MusicModel.create(beat, Device.cpu(), 4);
                MusicModel trained = MusicModel.create(beat, Device.cpu(), 4)) {
            float[] w = new float[(int) trained.lm().getParameters().get("beat.weight").getArray().size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) random.nextGaussian();
            }
            trained.lm().getParameters().get("beat.weight").getArray().set(w);
            List<String> withTempo = List.of("techno, 128 BPM");
            List<String> without = List.of("techno");
            double a = LmEvaluation.measure(silent, codes, withTempo, EvaluationListener.NONE).meanNats();
            double b = LmEvaluation.measure(trained, codes, withTempo, EvaluationListener.NONE).meanNats();
            assertTrue(Math.abs(a - b) > 1e-4, "the caption's 128 BPM reaches the LM: " + a + " vs " + b);
            assertEquals(LmEvaluation.measure(silent, codes, without, EvaluationListener.NONE).meanNats(),
                    LmEvaluation.measure(trained, codes, without, EvaluationListener.NONE).meanNats(), 1e-6,
                    "no tempo named: no clock");
        }
    }

    @Test
    void codecOnlyModelIsRefused() throws Exception {
        try (MusicModel model = EvalFixtures.tinyCodec(1, List.of())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LmEvaluation.measure(model,
                    List.of(new Codes(new int[4][3], 64, 50)), List.of(""), EvaluationListener.NONE));
            assertTrue(e.getMessage().contains("codec only"), e.getMessage());
        }
    }
}
