package studio.codebook.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import studio.codebook.engine.device.ComputeDevice;
import studio.codebook.engine.generate.GenerationListener;
import studio.codebook.engine.generate.GenerationParams;
import studio.codebook.engine.generate.GenerationResult;
import studio.codebook.engine.lm.LmConfig;
import studio.codebook.engine.model.ModelPresets;
import studio.codebook.engine.model.MusicModel;

/**
 * Generation figures: language-model steps per second with guidance, wall time for a clip including
 * decoding, and resident memory over many consecutive generations (native memory must not grow).
 */
final class GenerationBench {

    private final PrintWriter out;
    private final Path model;
    private final String preset;
    private final double seconds;
    private final int runs;
    private final int soak;

    GenerationBench(PrintWriter out, Path model, String preset, double seconds, int runs, int soak) {
        this.out = out;
        this.model = model;
        this.preset = preset;
        this.seconds = seconds;
        this.runs = runs;
        this.soak = soak;
    }

    int run() throws Exception {
        ComputeDevice device = ComputeDevice.best();
        try (MusicModel m = model != null ? MusicModel.load(model, device.device())
                : MusicModel.create(ModelPresets.architecture(preset, "rvq", "bench-" + preset), device.device(), 1)) {
            LmConfig lm = m.config().lm();
            out.printf("model      %s: LM %d layers x %d wide, %d heads, %d codebooks x %d, text encoder %d layers%n",
                    m.config().id(), lm.layers(), lm.dim(), lm.heads(), lm.codebooks(), lm.cardinality(),
                    m.config().text().layers());
            out.printf("device     %s%n", device);
            GenerationParams params = GenerationParams.defaults("warm lo-fi piano over brushed drums, 80 BPM", 1)
                    .withDuration(seconds);
            out.printf("clip       %.1f s, guidance %.1f (batch 2), top-k %d; 1 warm-up + %d timed runs, median%n",
                    seconds, params.cfgScale(), params.topK(), runs);
            m.generator().generate(params, null, GenerationListener.NONE);
            long[] wall = new long[runs];
            long[] lmNanos = new long[runs];
            long[] decode = new long[runs];
            int steps = 0;
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                GenerationResult r = m.generator().generate(params.withSeed(i + 2), null, GenerationListener.NONE);
                wall[i] = System.nanoTime() - t0;
                lmNanos[i] = (long) (r.lmMillis() * 1e6);
                decode[i] = (long) (r.decodeMillis() * 1e6);
                steps = r.steps();
            }
            double lmSeconds = BenchCommand.median(lmNanos) / 1e9;
            out.printf("steps      %d in %.3f s: %.0f steps/s (text encoding, sampling included)%n", steps, lmSeconds,
                    steps / lmSeconds);
            out.printf("decode     %.3f s%n", BenchCommand.median(decode) / 1e9);
            out.printf("wall       %.3f s for %.1f s of audio, prompt to waveform%n", BenchCommand.median(wall) / 1e9,
                    seconds);
            if (soak > 0) {
                GenerationParams shortClip = params.withDuration(0.5);
                long at10 = 0;
                for (int i = 1; i <= soak; i++) {
                    m.generator().generate(shortClip.withSeed(i), null, GenerationListener.NONE);
                    if (i == Math.min(10, soak)) {
                        at10 = residentKb();
                    }
                }
                long atEnd = residentKb();
                out.printf("memory     resident after generation %d: %.1f MB; after generation %d: %.1f MB (%+.2f%%)%n",
                        Math.min(10, soak), at10 / 1024.0, soak, atEnd / 1024.0, 100.0 * (atEnd - at10) / at10);
            }
        }
        return 0;
    }

    /** Current resident set size in KB (Linux), or 0. */
    static long residentKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return 0;
    }
}
