package studio.codebook.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.training.data.LibraryConfig;
import studio.codebook.training.data.LibraryScan;
import studio.codebook.training.data.ScanListener;
import studio.codebook.training.data.Segment;
import studio.codebook.training.data.SkippedFile;
import studio.codebook.training.data.TrackLibrary;
import studio.codebook.training.eval.EvaluationReport;
import studio.codebook.training.eval.EvaluationSettings;

/**
 * {@code evaluate}: a model measured on a folder of held-out tracks: reconstruction quality per number of
 * codebooks, code usage and dependence, the independence loss's MMD² and the LM's NLL per codebook.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {
            "Measure a model on a folder of held-out tracks: SI-SNR and mel distance of the codec's reconstruction "
                    + "with 1..K codebooks, per-codebook entropy, mutual information and total correlation of "
                    + "the codes, the independence loss (MMD², same-frame and delay-aligned) on the latents, and "
                    + "the language model's negative log-likelihood per codebook (skipped for a codec-only model).",
            "Every usable segment of the folder is evaluated (there is no training/validation split here): "
                    + "pass a folder the model was not trained on. Files that cannot be used are listed on "
                    + "stderr with the reason."})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOption model;

    @Option(names = "--generation",
            description = "Evaluate generated music instead: generate one clip per held-out caption and judge it with "
                    + "an attribute classifier (prompt adherence, KL, Fréchet distance, tempo, speed); needs "
                    + "--classifier and --held-out.")
    boolean generation;

    @Mixin
    GenerationEvaluationOptions generationOptions;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder of held-out tracks (WAV, FLAC, MP3, OGG; searched recursively; captions from "
                    + "song.txt/song.json sidecars, tags or analysis).")
    Path data;

    @Option(names = "--json", paramLabel = "OUT.json", description = "Also write the full report as JSON.")
    Path json;

    @Option(names = "--segment-seconds", defaultValue = "5", paramLabel = "S",
            description = "Length of the segments the tracks are cut into (default ${DEFAULT-VALUE}).")
    double segmentSeconds;

    @Option(names = "--max-segments", defaultValue = "0", paramLabel = "N",
            description = "Evaluate at most N segments, evenly spread over the folder (default 0 = all).")
    int maxSegments;

    @Option(names = "--permutations", defaultValue = "" + EvaluationSettings.DEFAULT_PERMUTATIONS, paramLabel = "P",
            description = "Random permutation draws per MMD² estimate (default ${DEFAULT-VALUE}).")
    int permutations;

    @Option(names = "--seed", defaultValue = "0",
            description = "Seeds the MMD² permutations, or with --generation the clips (clip i: S + i) (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        if (generation) {
            return generationOptions.run(cli, model, json, seed);
        }
        if (data == null) {
            throw new CommandLine.ParameterException(cli, "Missing required option: '--data=DIR'");
        }
        if (!(segmentSeconds > 0 && segmentSeconds <= 600)) {
            throw new CommandLine.ParameterException(cli, "--segment-seconds must be within (0, 600], not "
                    + segmentSeconds);
        }
        if (maxSegments < 0) {
            throw new CommandLine.ParameterException(cli, "--max-segments must be >= 0, not " + maxSegments);
        }
        if (permutations < 1) {
            throw new CommandLine.ParameterException(cli, "--permutations must be >= 1, not " + permutations);
        }
        PrintWriter out = cli.getOut();
        PrintWriter err = cli.getErr();
        long started = System.nanoTime();
        try (MusicModel m = model.load()) {
            LibraryScan scan = scanHeldOut(data, m.config().sampleRate(), segmentSeconds);
            for (SkippedFile s : scan.manifest().skipped()) {
                err.println("skipped " + describe(s));
            }
            List<Segment> segments = new ArrayList<>(scan.training());
            segments.addAll(scan.validation());
            if (segments.isEmpty()) {
                err.println("error: " + data + ": no usable audio (" + scan.manifest().skipped().size()
                        + " file(s) skipped)");
                return 1;
            }
            int available = segments.size();
            segments = spread(segments, maxSegments);
            err.printf(Locale.ROOT, "evaluating %s on %d segment%s of %.2f s from %d track%s%s%n", m.config().id(),
                    segments.size(), segments.size() == 1 ? "" : "s", segmentSeconds, scan.manifest().tracks().size(),
                    scan.manifest().tracks().size() == 1 ? "" : "s",
                    segments.size() < available ? " (" + available + " available)" : "");
            EvaluationSettings settings = EvaluationSettings.defaults().withPermutations(permutations).withSeed(seed);
            EvaluationReport report = EvaluationReport.measure(m, segments, settings,
                    scan.manifest().libraryFolder(), scan.manifest().skipped(), (phase, done, total) -> {
                        if (done == total) {
                            err.printf(Locale.ROOT, "  %s: %d/%d done (%.1f s)%n", phase, done, total,
                                    (System.nanoTime() - started) / 1e9);
                        }
                    });
            out.print(report.toText());
            out.flush();
            if (json != null) {
                report.write(json);
                err.println("report written to " + json);
            }
        }
        return 0;
    }

    /** Scans a folder of held-out tracks: every segment of every track, none set aside for validation. */
    static LibraryScan scanHeldOut(Path data, int sampleRate, double segmentSeconds) throws java.io.IOException {
        LibraryConfig defaults = LibraryConfig.defaults();
        // every track is held out: validation fraction 0 puts all segments in "training"; both lists are used
        LibraryConfig library = new LibraryConfig(sampleRate, segmentSeconds, segmentSeconds,
                Math.min(1.0, segmentSeconds), 0, defaults.targetLufs(), defaults.peakCeilingDb(), 0);
        return TrackLibrary.scan(data, library, ScanListener.NONE);
    }

    /** "path: reason", without repeating the file name the reason already starts with. */
    static String describe(SkippedFile s) {
        String name = Path.of(s.relativePath()).getFileName().toString();
        String reason = s.reason().startsWith(name + ": ") ? s.reason().substring(name.length() + 2) : s.reason();
        return s.relativePath() + ": " + reason;
    }

    /** At most {@code max} segments evenly spread over the list (all when max is 0 or not smaller). */
    static List<Segment> spread(List<Segment> segments, int max) {
        if (max <= 0 || max >= segments.size()) {
            return segments;
        }
        List<Segment> out = new ArrayList<>(max);
        for (int i = 0; i < max; i++) {
            out.add(segments.get((int) ((long) i * segments.size() / max)));
        }
        return out;
    }
}
