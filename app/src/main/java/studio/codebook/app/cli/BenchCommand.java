package studio.codebook.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.codec.Codes;
import studio.codebook.engine.codec.CompressionModel;
import studio.codebook.engine.device.ComputeDevice;
import studio.codebook.engine.model.ModelConfig;
import studio.codebook.engine.model.ModelPresets;
import studio.codebook.engine.model.MusicModel;

/**
 * {@code bench}: how fast the codec encodes and decodes, and how much memory it takes. Prints figures;
 * it asserts nothing (speed targets are checked by reading these figures, never by timed tests).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure codec encode/decode speed (real-time factor) and peak memory; with --generation, "
                + "generation speed and (with --soak N) resident memory over N consecutive generations.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", description = "Model folder (default: a random-weight --preset).")
    Path model;

    @Option(names = "--preset", defaultValue = "default", paramLabel = "NAME",
            description = "Architecture to build when no --model is given (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--seconds", defaultValue = "10", description = "Audio length (default ${DEFAULT-VALUE} s).")
    double seconds;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs after 2 warm-up runs (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--generation", description = "Benchmark generation (prompt to audio) instead of the codec.")
    boolean generation;

    @Option(names = "--soak", defaultValue = "0", paramLabel = "N",
            description = "With --generation: run N short generations and report resident memory (default off).")
    int soak;

    @Override
    public Integer call() throws Exception {
        if (generation) {
            return new GenerationBench(spec.commandLine().getOut(), model, preset, seconds, runs, soak).run();
        }
        if (seconds <= 0 || runs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seconds and --runs must be positive");
        }
        PrintWriter out = spec.commandLine().getOut();
        ComputeDevice device = ComputeDevice.best();
        try (MusicModel m = model != null ? MusicModel.load(model, device.device())
                : MusicModel.create(ModelPresets.architecture(preset, "rvq", "bench-" + preset), device.device(), 1)) {
            ModelConfig c = m.config();
            CompressionModel codec = m.codec();
            AudioClip clip = CalibrationAudio.music(c.sampleRate(), seconds, 1);
            out.printf("model      %s: %d Hz, %.0f frames/s, %d x %d codes, %,d parameters%n", c.id(),
                    c.sampleRate(), c.frameRate(), c.codebooks(), c.codebookSize(), codec.parameterCount());
            out.printf("device     %s%n", device);
            out.printf("audio      %.1f s; %d warm-up + %d timed runs; median shown%n", seconds, 2, runs);
            long[] encodeNanos = new long[runs];
            long[] decodeNanos = new long[runs];
            for (int i = -2; i < runs; i++) {
                long t0 = System.nanoTime();
                Codes codes = codec.encode(clip);
                long t1 = System.nanoTime();
                codec.decode(codes, codes.numCodebooks());
                long t2 = System.nanoTime();
                if (i >= 0) {
                    encodeNanos[i] = t1 - t0;
                    decodeNanos[i] = t2 - t1;
                }
            }
            double enc = median(encodeNanos) / 1e9;
            double dec = median(decodeNanos) / 1e9;
            out.printf("encode     %.3f s  (real-time factor %.4f, %.0fx faster than real time)%n", enc, enc / seconds,
                    seconds / enc);
            out.printf("decode     %.3f s  (real-time factor %.4f, %.0fx faster than real time)%n", dec, dec / seconds,
                    seconds / dec);
            out.printf("both       %.3f s for %.1f s of audio%n", enc + dec, seconds);
            Runtime rt = Runtime.getRuntime();
            out.printf("memory     peak resident %s, Java heap used %.0f MB of %.0f MB max%n", peakResident(),
                    (rt.totalMemory() - rt.freeMemory()) / 1e6, rt.maxMemory() / 1e6);
        }
        return 0;
    }

    static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    /** The process's peak resident set size (Linux), or "unknown". */
    static String peakResident() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format("%.0f MB", kb / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return "unknown";
    }
}
