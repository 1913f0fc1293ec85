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
import studio.codebook.training.loss.AdversarialConfig;

/**
 * Extra cost of the adversarial loss per codec step: the same preset trained with adversarial off and on
 * (default {@link AdversarialConfig}), steps alternating so that other load falls on both alike. Prints, never
 * asserts. Run with {@code mvn -pl training test -Dtest=AdversarialBenchmarkTest -Dtrain.bench=true
 * [-Dtrain.bench.preset=tiny|default] [-Dtrain.bench.batch=8] [-Dtrain.bench.seconds=1]}.
 */
@EnabledIfSystemProperty(named = "train.bench", matches = "true")
class AdversarialBenchmarkTest {

    @Test
    void adversarialCostPerCodecStep(@TempDir Path dir) throws Exception {
        String preset = System.getProperty("train.bench.preset", "tiny");
        int steps = Integer.getInteger("train.bench.steps", 8);
        int batch = Integer.getInteger("train.bench.batch", 8);
        double seconds = Double.parseDouble(System.getProperty("train.bench.seconds", "1"));
        ModelConfig full = ModelPresets.architecture(preset, "rvq", preset + "-bench");
        ModelConfig codecOnly = ModelConfig.of(full.id(), full.name(), full.sampleRate(), full.codec(),
                full.quantizer(), null);
        List<Segment> data = TrainFixtures.sines(2 * batch, (int) Math.round(seconds * full.sampleRate()), 1);
        CodecTrainingConfig off = CodecTrainingConfig.defaults(1000, batch, 1).withRhythm(0, 0, 1);
        CodecTrainingConfig on = off.withAdversarial(true);
        double[] plain = new double[steps];
        double[] adv = new double[steps];
        double advMillis = 0;
        try (MusicModel m0 = MusicModel.create(codecOnly, Device.cpu(), 1);
                MusicModel m1 = MusicModel.create(codecOnly, Device.cpu(), 1);
                CodecTrainer t0 = CodecTrainer.start(m0, off, data, List.of(), dir.resolve("off"),
                        TrainFixtures.description());
                CodecTrainer t1 = CodecTrainer.start(m1, on, data, List.of(), dir.resolve("on"),
                        TrainFixtures.description())) {
            t0.trainStep();
            t1.trainStep();
            for (int i = 0; i < steps; i++) {
                long s = System.nanoTime();
                t0.trainStep();
                plain[i] = (System.nanoTime() - s) / 1e9;
                s = System.nanoTime();
                Trainer.StepResult r = t1.trainStep();
                adv[i] = (System.nanoTime() - s) / 1e9;
                advMillis += r.losses().getOrDefault("advMillis", 0.0);
            }
            long params = t1.discriminatorOptimizer().parameters().values().stream()
                    .mapToLong(p -> p.getArray().size()).sum();
            double a = Arrays.stream(plain).average().orElseThrow();
            double b = Arrays.stream(adv).average().orElseThrow();
            System.out.printf("codec %s, batch %d x %.2f s, threads %s, %d steps each: adversarial off %.3f s/step, "
                    + "on %.3f s/step (+%.0f%%, +%.3f s); discriminator %s, %d parameters; its forwards + hinge "
                    + "backward (advMillis) %.0f ms/step%n", preset, batch, seconds,
                    System.getProperty("ai.djl.pytorch.num_threads", "default"), steps, a, b, 100 * (b / a - 1), b - a,
                    t1.discriminator(), params, advMillis / steps);
        }
    }
}
