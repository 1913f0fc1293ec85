package studio.codebook.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.AudioReader;
import studio.codebook.training.eval.AttributeClassifier;
import studio.codebook.training.eval.AttributePrediction;
import studio.codebook.training.eval.ClassifierConfig;
import studio.codebook.training.eval.ClassifierTraining;
import studio.codebook.training.eval.LabeledClip;
import studio.codebook.training.eval.LabeledCorpus;
import studio.codebook.training.eval.TempoMeter;

/** {@code classifier}: the attribute classifier that judges generated music ({@code evaluate --generation}). */
@Command(name = "classifier", mixinStandardHelpOptions = true,
        description = "Train or check the attribute classifier (genre, lead instrument, drum style) used to evaluate "
                + "generated music.",
        subcommands = {ClassifierCommand.Train.class, ClassifierCommand.Check.class, ClassifierCommand.Hear.class})
final class ClassifierCommand implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code classifier train}. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Train an attribute classifier on a captioned corpus (what 'synth' writes: NAME.wav + "
                    + "NAME.json with genre, lead and drums fields) and save it as a folder.",
                "The clips are split by clip into training and validation; validation accuracies are printed and "
                        + "recorded in classifier.json."})
    static final class Train implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--data", required = true, paramLabel = "DIR", description = "Corpus folder (only read).")
        Path data;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Classifier folder to write.")
        Path out;

        @Option(names = "--steps", defaultValue = "400", paramLabel = "N", description = "Training steps (default ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--batch", defaultValue = "16", paramLabel = "B", description = "Crops per step (default ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--crop-seconds", defaultValue = "4", paramLabel = "S",
                description = "Length of the random crops (default ${DEFAULT-VALUE}).")
        double cropSeconds;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
                description = "Seed of the split, the crops and the initial weights (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--max-clips", defaultValue = "0", paramLabel = "N",
                description = "Use at most N clips, in name order (default 0 = all).")
        int maxClips;

        @Option(names = "--tiny", description = "The small test architecture (8 kHz, 32 mels, two convolutions).")
        boolean tiny;

        @Override
        public Integer call() throws Exception {
            CommandLine cli = spec.commandLine();
            ClassifierTraining.Settings settings = CliErrors.settings(cli,
                    () -> new ClassifierTraining.Settings(steps, batch, cropSeconds, 1e-3, 0.15, seed));
            if (maxClips < 0) {
                throw new CommandLine.ParameterException(cli, "--max-clips must be >= 0, not " + maxClips);
            }
            PrintWriter err = cli.getErr();
            PrintWriter outWriter = cli.getOut();
            List<LabeledClip> clips = LabeledCorpus.read(data, maxClips);
            ClassifierConfig config = tiny ? ClassifierConfig.tiny() : ClassifierConfig.defaults();
            try (AttributeClassifier classifier = AttributeClassifier.create(config, seed)) {
                err.printf(Locale.ROOT, "classifier train: %d clips from %s, %d parameters, %d steps of %d × %s s%n",
                        clips.size(), data, classifier.parameterCount(), steps, batch, cropSeconds);
                long started = System.nanoTime();
                int every = Math.max(1, steps / 20);
                double[] running = {0, 0};
                ClassifierTraining.Result r = ClassifierTraining.train(classifier, clips, settings,
                        (step, total, loss, skipped) -> {
                            if (!skipped) {
                                running[0] += loss;
                                running[1]++;
                            }
                            if (step % every == 0 || step == total) {
                                err.printf(Locale.ROOT, "  step %d/%d  loss %.3f  %.0f s%n", step, total,
                                        running[1] == 0 ? Double.NaN : running[0] / running[1],
                                        (System.nanoTime() - started) / 1e9);
                                err.flush();
                                running[0] = 0;
                                running[1] = 0;
                            }
                        });
                classifier.noteTraining("data", data.toAbsolutePath().toString());
                classifier.save(out);
                outWriter.printf(Locale.ROOT, "trained on %d clips, validated on %d (%d steps, %d skipped, %.0f s)%n",
                        r.trainingClips(), r.validationClips(), r.steps(), r.skipped(), r.seconds());
                outWriter.printf(Locale.ROOT, "validation accuracy: genre %.3f  lead %.3f  drums %.3f%n",
                        r.validation().genre(), r.validation().lead(), r.validation().drums());
                outWriter.printf(Locale.ROOT, "training accuracy:   genre %.3f  lead %.3f  drums %.3f%n",
                        r.training().genre(), r.training().lead(), r.training().drums());
                outWriter.println("classifier written to " + out);
                outWriter.flush();
            }
            return 0;
        }
    }

    /** {@code classifier check}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Accuracy of a trained classifier on a captioned corpus (e.g. the held-out set).")
    static final class Check implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--classifier", required = true, paramLabel = "DIR", description = "Classifier folder.")
        Path classifierDir;

        @Option(names = "--data", required = true, paramLabel = "DIR", description = "Corpus folder (only read).")
        Path data;

        @Option(names = "--max-clips", defaultValue = "0", paramLabel = "N",
                description = "At most N clips, in name order (default 0 = all).")
        int maxClips;

        @Override
        public Integer call() throws Exception {
            List<LabeledClip> clips = LabeledCorpus.read(data, maxClips);
            try (AttributeClassifier classifier = AttributeClassifier.load(classifierDir)) {
                ClassifierTraining.Accuracy a = ClassifierTraining.measure(classifier, clips);
                PrintWriter out = spec.commandLine().getOut();
                out.printf(Locale.ROOT, "%d clips: genre %.3f  lead %.3f  drums %.3f%n", a.clips(), a.genre(), a.lead(),
                        a.drums());
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "hear", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "What the classifier hears in audio files: the most likely genre, lead instrument and drum "
                    + "style of each, with their probabilities, and the tempo the beat tracker finds ('none' when it "
                    + "finds no steady beat).")
    static final class Hear implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--classifier", required = true, paramLabel = "DIR", description = "Classifier folder.")
        Path classifierDir;

        @CommandLine.Parameters(arity = "1..*", paramLabel = "FILE", description = "Audio files (WAV, FLAC, MP3, OGG).")
        List<Path> files;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (AttributeClassifier classifier = AttributeClassifier.load(classifierDir)) {
                ClassifierConfig c = classifier.config();
                for (Path file : files) {
                    AudioClip audio = AudioReader.read(file);
                    AttributePrediction p = classifier.classify(audio);
                    AudioClip mono = audio.toMono();
                    OptionalDouble bpm = TempoMeter.beatRoot().bpm(mono.channel(0), mono.sampleRate());
                    out.printf(Locale.ROOT, "%s: genre %s (%.2f), lead %s (%.2f), drums %s (%.2f), tempo %s%n",
                            file.getFileName(),
                            c.genres().get(p.genreClass()), p.genre()[p.genreClass()],
                            c.leads().get(p.leadClass()), p.lead()[p.leadClass()],
                            c.drums().get(p.drumsClass()), p.drums()[p.drumsClass()],
                            bpm.isPresent() ? String.format(Locale.ROOT, "%.1f BPM", bpm.getAsDouble()) : "none");
                }
                out.flush();
            }
            return 0;
        }
    }
}
