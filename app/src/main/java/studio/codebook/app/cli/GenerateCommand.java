package studio.codebook.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.AudioReader;
import studio.codebook.engine.audio.WavWriter;
import studio.codebook.engine.generate.ClipRecord;
import studio.codebook.engine.generate.GeneratedClip;
import studio.codebook.engine.generate.GenerationListener;
import studio.codebook.engine.generate.GenerationParams;
import studio.codebook.engine.generate.GenerationProgress;
import studio.codebook.engine.generate.GenerationResult;
import studio.codebook.engine.model.MusicModel;

/** {@code generate}: music from a prompt, as WAV files with a JSON sidecar each. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate music from a text prompt; writes OUT.wav (OUT-1.wav, OUT-2.wav, ... for several "
                + "variants) and a JSON sidecar beside each with the prompt, all settings, seed, model and timings.")
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "What to make; \"\" = no prompt.")
    String prompt;

    @Option(names = "--negative", defaultValue = "", paramLabel = "TEXT", description = "What to steer away from.")
    String negative;

    @Option(names = "--duration", defaultValue = "" + GenerationParams.DEFAULT_DURATION_SECONDS, paramLabel = "S", description = "Seconds (default ${DEFAULT-VALUE}).")
    double duration;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: a new one, printed).")
    Long seed;

    @Mixin
    SamplingOptions sampling;

    @Option(names = "--variants", defaultValue = "1", paramLabel = "N", description = "Clips to make, 1-8 (default ${DEFAULT-VALUE}).")
    int variants;

    @Option(names = "--continue", paramLabel = "IN.wav", description = "Audio to continue (it stays at the start).")
    Path continuation;

    @Mixin
    ModelOption model;

    @Option(names = "--out", required = true, paramLabel = "OUT.wav", description = "Where to write.")
    Path out;

    @Option(names = "--bits", defaultValue = "16", paramLabel = "16|24", description = "WAV bit depth (default ${DEFAULT-VALUE}).")
    int bits;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Show a progress bar (default on).")
    boolean progress;

    @Override
    public Integer call() throws Exception {
        if (bits != 16 && bits != 24) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bits must be 16 or 24, not " + bits);
        }
        long chosenSeed = seed != null ? seed : (System.nanoTime() ^ System.currentTimeMillis()) & 0xffffffffL;
        GenerationParams params = CliErrors.settings(spec.commandLine(),
                () -> sampling.params(prompt, negative, duration, chosenSeed, variants));
        AudioClip prompted = continuation == null ? null : AudioReader.read(continuation);
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        try (MusicModel m = model.load()) {
            ProgressBar bar = new ProgressBar(err, "generating");
            GenerationListener listener = new GenerationListener() {
                @Override
                public void progress(GenerationProgress p) {
                    if (progress) {
                        bar.update(p);
                    }
                }
            };
            GenerationResult result = m.generator().generate(params, prompted, listener);
            bar.finish();
            result.warnings().forEach(w -> err.println("warning: " + w));
            List<Path> written = new ArrayList<>();
            for (GeneratedClip clip : result.clips()) {
                Path wav = variants == 1 ? out : numbered(out, clip.variant() + 1);
                WavWriter.write(clip.audio(), wav, bits);
                new ClipRecord(wav.getFileName().toString(), Instant.now().toString(), Versions.app(), params,
                        clip.variant(), clip.seed(), m.config().id(), m.hash(),
                        continuation == null ? null : continuation.toString(),
                        clip.promptFrames() / m.codec().frameRate(), clip.audio().durationSeconds(),
                        clip.audio().sampleRate(), ClipRecord.Timings.of(result)).write(sidecar(wav));
                written.add(wav);
            }
            stdout.printf("seed %d; %d steps in %.2f s (%.0f steps/s), decoded in %.2f s, %.2f s in all%n",
                    chosenSeed, result.steps(), result.lmMillis() / 1000, result.stepsPerSecond(),
                    result.decodeMillis() / 1000, result.totalMillis() / 1000);
            for (Path p : written) {
                stdout.printf("wrote %s and %s%n", p, sidecar(p).getFileName());
            }
        }
        return 0;
    }

    static Path numbered(Path file, int n) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : ".wav";
        return file.resolveSibling(base + "-" + n + ext);
    }

    static Path sidecar(Path wav) {
        String name = wav.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return wav.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
    }
}
