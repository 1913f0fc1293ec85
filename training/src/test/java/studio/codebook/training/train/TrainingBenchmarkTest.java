package studio.codebook.training.train;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.model.ModelConfig;
import studio.codebook.engine.model.ModelPresets;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.training.data.Segment;
import studio.codebook.training.loss.IndependenceConfig;

/**
 * Training speed of the default preset: codec steps/s with λ = 0 and λ > 0 (batch 8 × 1 s at 16 kHz), and LM
 * steps/s (batch 8 × 250 frames). Prints, never asserts. Run with
 * {@code mvn -pl training test -Dtest=TrainingBenchmarkTest -Dtrain.bench=true}.
 */
@EnabledIfSystemProperty(named = "train.bench", matches = "true")
class TrainingBenchmarkTest {

    private static final int STEPS = Integer.getInteger("train.bench.steps", 16);

    @Test
    void codecAndLmStepsPerSecond(@TempDir Path dir) throws Exception {
        System.out.printf("torch threads: %s (ai.djl.pytorch.num_threads), %d cores visible%n",
                System.getProperty("ai.djl.pytorch.num_threads", "default"), Runtime.getRuntime().availableProcessors());
        List<Segment> second = TrainFixtures.sines(32, 16_000, 1);
        ModelConfig full = ModelPresets.architecture("default", "rvq", "default-bench");
        ModelConfig codecOnly = ModelConfig.of(full.id(), full.name(), full.sampleRate(), full.codec(),
                full.quantizer(), null);
        int macro = Integer.getInteger("train.bench.macro", 8);
        IndependenceConfig on = TrainFixtures.withMacro(IndependenceConfig.defaults(1.0), macro);
        // the two runs alternate step by step, so the load of other processes falls on both alike
        double[] plain = new double[STEPS];
        double[] mmd = new double[STEPS];
        double mmdMillis = 0;
        try (MusicModel m0 = MusicModel.create(codecOnly, Device.cpu(), 1);
                MusicModel m1 = MusicModel.create(codecOnly, Device.cpu(), 1);
                CodecTrainer t0 = codec(m0, second, IndependenceConfig.off(), dir.resolve("codec0"));
                CodecTrainer t1 = codec(m1, second, on, dir.resolve("codec1"))) {
            t0.trainStep(); // k-means initialisation and warm-up
            t1.trainStep();
            for (int i = 0; i < STEPS; i++) {
                plain[i] = timed(t0).time;
                Timed r = timed(t1);
                mmd[i] = r.time;
                mmdMillis += r.result.losses().getOrDefault("mmdMillis", 0.0);
            }
        }
        double mean0 = Arrays.stream(plain).average().orElseThrow();
        double mean1 = Arrays.stream(mmd).average().orElseThrow();
        System.out.printf("codec default, batch 8 x 1 s, %d steps each: lambda=0 %.3f s/step (%.2f steps/s); "
                + "lambda>0 (M=%d, maxSamples=%d) %.3f s/step (%.2f steps/s): +%.1f%% per step on average; "
                + "the MMD part (re-encode + streams + loss + backward) took %.0f ms per step on average%n",
                STEPS, mean0, 1 / mean0, macro, on.maxSamples(), mean1, 1 / mean1, 100 * (mean1 / mean0 - 1),
                mmdMillis / STEPS);
        System.out.println("  per step lambda=0: " + Arrays.toString(round(plain)));
        System.out.println("  per step lambda>0: " + Arrays.toString(round(mmd)));

        List<Segment> five = TrainFixtures.sines(16, 80_000, 2);
        try (MusicModel model = MusicModel.create(full, Device.cpu(), 1);
                LmTrainer trainer = LmTrainer.start(model, LmTrainingConfig.defaults(100, 8, 250, 1), five, List.of(),
                        dir.resolve("lm"), TrainFixtures.description())) {
            trainer.trainStep();
            long t0 = System.nanoTime();
            int n = Math.max(3, STEPS / 2);
            for (int i = 0; i < n; i++) {
                trainer.trainStep();
            }
            double s = (System.nanoTime() - t0) / 1e9 / n;
            System.out.printf("LM default (%d parameters incl. text), batch 8 x %d frames: %.3f s/step (%.2f steps/s)%n",
                    trainer.optimizer().parameters().values().stream().mapToLong(p -> p.getArray().size()).sum(),
                    trainer.frames(), s, 1 / s);
        }
    }

    private record Timed(double time, Trainer.StepResult result) {}

    private static Timed timed(Trainer t) {
        long start = System.nanoTime();
        Trainer.StepResult r = t.trainStep();
        return new Timed((System.nanoTime() - start) / 1e9, r);
    }

    private static double[] round(double[] x) {
        return Arrays.stream(x).map(v -> Math.round(v * 1000) / 1000.0).toArray();
    }

    private static CodecTrainer codec(MusicModel model, List<Segment> data, IndependenceConfig independence, Path run)
            throws Exception {
        CodecTrainingConfig c = CodecTrainingConfig.defaults(1000, 8, 1).withIndependence(independence)
                .withRhythm(0, 0, 1);
        return CodecTrainer.start(model, c, data, List.of(), run, TrainFixtures.description());
    }
}
