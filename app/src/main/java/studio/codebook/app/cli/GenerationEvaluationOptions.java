package studio.codebook.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import studio.codebook.engine.generate.GenerationListener;
import studio.codebook.engine.generate.GenerationParams;
import studio.codebook.engine.generate.GenerationResult;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.training.eval.AttributeClassifier;
import studio.codebook.training.eval.GenerationCase;
import studio.codebook.training.eval.GenerationEvaluation;
import studio.codebook.training.eval.GenerationReport;
import studio.codebook.training.eval.GenerationSpeed;
import studio.codebook.training.eval.LabeledClip;
import studio.codebook.training.eval.LabeledCorpus;
import studio.codebook.training.eval.TempoMeter;

/**
 * The options and the run of {@code evaluate --generation}: one clip generated per held-out caption, then
 * judged by an attribute classifier against its prompt and against the real held-out clips.
 */
final class GenerationEvaluationOptions {

    @Option(names = "--classifier", paramLabel = "DIR",
            description = "With --generation: the attribute classifier folder ('classifier train').")
    Path classifier;

    @Option(names = "--held-out", paramLabel = "DIR",
            description = "With --generation: a captioned held-out corpus ('synth --held-out'); its captions are the "
                    + "prompts, its clips the real reference.")
    Path heldOut;

    @Option(names = "--clips", defaultValue = "16", paramLabel = "N",
            description = "With --generation: clips to generate, one per held-out caption in name order "
                    + "(default ${DEFAULT-VALUE}).")
    int clips;

    @Option(names = "--duration", defaultValue = "5", paramLabel = "S",
            description = "With --generation: seconds per generated clip (default ${DEFAULT-VALUE}).")
    double duration;

    @Option(names = "--reference-clips", defaultValue = "200", paramLabel = "N",
            description = "With --generation: at most N held-out clips in the Fréchet reference set "
                    + "(default ${DEFAULT-VALUE}).")
    int referenceClips;

    @Mixin
    SamplingOptions sampling;

    /** Runs the evaluation; {@code json} may be null. */
    int run(CommandLine cli, ModelOption model, Path json, long seed) throws Exception {
        if (classifier == null || heldOut == null) {
            throw new CommandLine.ParameterException(cli, "--generation needs --classifier DIR and --held-out DIR");
        }
        if (clips < 1) {
            throw new CommandLine.ParameterException(cli, "--clips must be >= 1, not " + clips);
        }
        if (referenceClips < 2) {
            throw new CommandLine.ParameterException(cli, "--reference-clips must be >= 2, not " + referenceClips);
        }
        if (!(duration > 0 && duration <= GenerationParams.MAX_DURATION_SECONDS)) {
            throw new CommandLine.ParameterException(cli, "--duration must be within (0, "
                    + (int) GenerationParams.MAX_DURATION_SECONDS + "], not " + duration);
        }
        GenerationParams sampled = CliErrors.settings(cli, () -> sampling.params("", "", duration, seed, 1));
        PrintWriter out = cli.getOut();
        PrintWriter err = cli.getErr();
        List<LabeledClip> reference = LabeledCorpus.read(heldOut, Math.max(clips, referenceClips));
        List<LabeledClip> prompts = reference.subList(0, Math.min(clips, reference.size()));
        if (prompts.size() < clips) {
            err.printf(Locale.ROOT, "note: %s holds %d captioned clips; generating %d%n", heldOut, prompts.size(),
                    prompts.size());
        }
        reference = reference.subList(0, Math.min(referenceClips, reference.size()));
        try (AttributeClassifier judge = AttributeClassifier.load(classifier); MusicModel m = model.load()) {
            err.printf(Locale.ROOT, "generating %d clip%s of %.1f s with %s (top-k %d, top-p %s, temperature %s,"
                    + " guidance %s, window %s)%n", prompts.size(), prompts.size() == 1 ? "" : "s", duration,
                    m.config().id(), sampled.topK(), sampled.topP(), sampled.temperature(), sampled.cfgScale(),
                    GenerationParams.describeWindow(sampled.windowSeconds()));
            List<GenerationCase> cases = new ArrayList<>();
            GenerationSpeed speed = GenerationSpeed.NONE;
            for (int i = 0; i < prompts.size(); i++) {
                LabeledClip p = prompts.get(i);
                GenerationParams params = sampling.params(p.caption(), "", duration, seed + i, 1);
                GenerationResult r = m.generator().generate(params, null, GenerationListener.NONE);
                var audio = r.clips().get(0).audio();
                speed = speed.plus(r, audio.durationSeconds());
                cases.add(new GenerationCase(p, audio));
                err.printf(Locale.ROOT, "  %d/%d  %s  (%.1f s)%n", i + 1, prompts.size(), p.caption(),
                        r.totalMillis() / 1000);
                err.flush();
            }
            GenerationReport report = GenerationEvaluation.measure(judge, cases, reference, speed, TempoMeter.beatRoot())
                    .withSampling(new GenerationReport.Sampling(sampled.topK(), sampled.topP(), sampled.temperature(),
                            sampled.cfgScale(), seed, sampled.windowSeconds()));
            out.print(report.toText());
            out.flush();
            if (json != null) {
                report.write(json);
                err.println("report written to " + json);
            }
        }
        return 0;
    }
}
