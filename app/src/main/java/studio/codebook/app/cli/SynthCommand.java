package studio.codebook.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.codebook.training.synth.CorpusSettings;
import studio.codebook.training.synth.CorpusWriter;
import studio.codebook.training.synth.HeldOut;

/** {@code synth}: renders the synthetic captioned corpus the default model is trained on. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {
            "Render a synthetic captioned corpus: procedural arrangements (genre, tempo, key, lead instrument, "
                    + "drums, energy) as NAME.wav with a NAME.json sidecar holding the caption and attributes, "
                    + "plus corpus.json listing every clip. Train on the folder like any other track library.",
            "Deterministic: the seed and the clip's index decide everything, so an interrupted run continues "
                    + "where it stopped (complete clips are kept) and the same seed re-creates the corpus exactly.",
            "Training corpora never contain the held-out (genre, lead) pairs; --held-out renders only those, "
                    + "for evaluation."})
final class SynthCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--hours", required = true, paramLabel = "H", description = "Hours of audio to render.")
    double hours;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder: new, empty, or a corpus of the same settings to continue.")
    Path out;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Corpus seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--clip-seconds", defaultValue = "10", paramLabel = "S",
            description = "Length of every clip (default ${DEFAULT-VALUE}).")
    double clipSeconds;

    @Option(names = "--rate", defaultValue = "16000", paramLabel = "HZ",
            description = "Sample rate, mono 16-bit (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--held-out", description = "Render only the held-out (genre, lead) pairs: the evaluation set.")
    boolean heldOut;

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        CorpusSettings settings = CliErrors.settings(cli,
                () -> new CorpusSettings(seed, hours, clipSeconds, rate, heldOut));
        PrintWriter err = cli.getErr();
        int total = settings.clipCount();
        err.printf(Locale.ROOT, "synth: %d clip%s of %s s at %d Hz (seed %d%s) into %s%n", total,
                total == 1 ? "" : "s", trim(clipSeconds), rate, seed,
                heldOut ? ", held-out pairs " + HeldOut.combinations() : "", out);
        long started = System.nanoTime();
        int step = Math.max(1, total / 100);
        CorpusWriter.Result result = CorpusWriter.write(out, settings, (done, all, clip, skipped) -> {
            if (done % step == 0 || done == all) {
                double elapsed = (System.nanoTime() - started) / 1e9;
                err.printf(Locale.ROOT, "  %d/%d clips  %.0f s elapsed  %s%n", done, all, elapsed, clip.name());
                err.flush();
            }
        });
        double renderedAudio = result.rendered() * clipSeconds;
        err.printf(Locale.ROOT, "done: %d rendered, %d already present; %.1f× real time (rendering only)%n",
                result.rendered(), result.skipped(),
                result.renderSeconds() > 0 ? renderedAudio / result.renderSeconds() : 0.0);
        return 0;
    }

    private static String trim(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }
}
