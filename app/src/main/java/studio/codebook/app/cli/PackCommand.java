package studio.codebook.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.codebook.engine.device.ComputeDevice;
import studio.codebook.engine.model.ModelConfig;
import studio.codebook.engine.model.ModelFolder;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.engine.model.WeightStorage;
import studio.codebook.training.data.LibraryScan;
import studio.codebook.training.data.Segment;
import studio.codebook.training.data.SkippedFile;
import studio.codebook.training.eval.CompactModelCheck;

/**
 * {@code model pack}: a compact copy of a model folder (8-bit weights, about a quarter of the size), written
 * into a temporary folder beside the target and moved into place only when complete; with {@code --check},
 * what it costs in quality on held-out audio.
 */
@Command(name = "pack", mixinStandardHelpOptions = true,
        description = {"Write a compact copy of a model: the large weights in 8 bits with one scale per row, "
                + "about a quarter of the size; small tensors and the quantizer's codebooks stay float32. "
                + "Every part of Codebook Studio loads it like any model.",
            "With --check DIR, both models are measured on the audio in DIR: reconstruction SI-SNR and mel "
                + "distance, agreement of the codes, how closely the compact decoder follows the full one, "
                + "and the language model's NLL."})
final class PackCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model folder to pack (only read).")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the compact model to.")
    Path out;

    @Option(names = "--force", description = "Replace a model already in the output folder.")
    boolean force;

    @Option(names = "--decoder-from", paramLabel = "DIR",
            description = "Use the codec decoder of this model, whose encoder and quantizer must be identical to "
                    + "--model's (a 'train decoder' refinement of its codec): the codes, and so the language model, "
                    + "stay valid.")
    Path decoderFrom;

    @Option(names = "--id", paramLabel = "ID", description = "Give the packed model this id (default: keep).")
    String id;

    @Option(names = "--name", paramLabel = "TEXT", description = "Give the packed model this display name (default: keep).")
    String name;

    @Option(names = "--check", paramLabel = "DIR",
            description = "Folder of held-out tracks to measure the quality change on.")
    Path check;

    @Option(names = "--max-segments", defaultValue = "40", paramLabel = "N",
            description = "With --check: at most N segments, evenly spread over the folder (default ${DEFAULT-VALUE}; "
                    + "0 = all).")
    int maxSegments;

    @Option(names = "--segment-seconds", defaultValue = "5", paramLabel = "S",
            description = "With --check: length of the segments (default ${DEFAULT-VALUE}).")
    double segmentSeconds;

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        if (maxSegments < 0) {
            throw new CommandLine.ParameterException(cli, "--max-segments must be >= 0, not " + maxSegments);
        }
        if (!(segmentSeconds > 0 && segmentSeconds <= 600)) {
            throw new CommandLine.ParameterException(cli, "--segment-seconds must be within (0, 600], not "
                    + segmentSeconds);
        }
        Path target = out.toAbsolutePath().normalize();
        if (target.equals(model.toAbsolutePath().normalize())) {
            throw new CommandLine.ParameterException(cli, "--out must be another folder than --model");
        }
        if (Files.exists(target) && !(Files.isDirectory(target) && (force || isEmpty(target)))) {
            throw new IllegalStateException(out + (Files.isDirectory(target)
                    ? ": the folder is not empty (use --force to replace a model there)" : ": is a file, not a folder"));
        }
        if (check != null && !Files.isDirectory(check)) {
            throw new IllegalStateException(check + ": no such folder of tracks");
        }
        PrintWriter o = cli.getOut();
        PrintWriter err = cli.getErr();
        try (MusicModel loaded = MusicModel.load(model, ComputeDevice.best().device())) {
            if (loaded.weightStorage() == WeightStorage.COMPACT) {
                err.println("note: " + model + " is already compact; packing it again changes nothing but the hash");
            }
            MusicModel full = loaded;
            if (decoderFrom != null) {
                try (MusicModel source = MusicModel.load(decoderFrom, ComputeDevice.best().device())) {
                    full = loaded.adoptDecoder(source);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(cli, "--decoder-from " + decoderFrom + ": " + e.getMessage());
                }
                o.printf("decoder taken from %s (encoder and quantizer identical: codes unchanged)%n", decoderFrom);
            }
            try {
                pack(full, target, o, err);
            } finally {
                if (full != loaded) {
                    full.close();
                }
            }
        }
        return 0;
    }

    /** Writes the compact copy, prints the sizes and, with --check, the quality change. */
    private void pack(MusicModel full, Path target, PrintWriter o, PrintWriter err) throws IOException {
        writeAtomically(full, target, id, name);
        List<Path> before = ModelFolder.files(model, full.config());
        List<Path> after = ModelFolder.files(target, full.config());
        long totalBefore = 0;
        long totalAfter = 0;
        o.printf(Locale.ROOT, "%-20s %14s %14s%n", "file", "before", "after");
        for (int i = 0; i < before.size(); i++) {
            long b = Files.size(before.get(i));
            long a = Files.size(after.get(i));
            totalBefore += b;
            totalAfter += a;
            o.printf(Locale.ROOT, "%-20s %,14d %,14d%n", before.get(i).getFileName(), b, a);
        }
        o.printf(Locale.ROOT, "%-20s %,14d %,14d  (%.1f MB -> %.1f MB, %.2fx smaller)%n", "total", totalBefore,
                totalAfter, totalBefore / 1e6, totalAfter / 1e6, (double) totalBefore / totalAfter);
        try (MusicModel packed = MusicModel.load(target, ComputeDevice.best().device())) {
            o.printf("wrote %s (hash %s)%n", out, packed.hash());
            o.flush();
            if (check != null) {
                report(o, err, full, packed);
            }
        }
    }

    private void report(PrintWriter o, PrintWriter err, MusicModel full, MusicModel packed) throws IOException {
        LibraryScan scan = EvaluateCommand.scanHeldOut(check, full.config().sampleRate(), segmentSeconds);
        for (SkippedFile s : scan.manifest().skipped()) {
            err.println("skipped " + EvaluateCommand.describe(s));
        }
        List<Segment> segments = new ArrayList<>(scan.training());
        segments.addAll(scan.validation());
        if (segments.isEmpty()) {
            throw new IOException(check + ": no usable audio to check on (" + scan.manifest().skipped().size()
                    + " file(s) skipped)");
        }
        segments = EvaluateCommand.spread(segments, maxSegments);
        err.printf(Locale.ROOT, "checking on %d segment(s) of %.2f s ...%n", segments.size(), segmentSeconds);
        CompactModelCheck c = CompactModelCheck.measure(full, packed, segments, (phase, done, total) -> { });
        o.printf(Locale.ROOT, "quality on %d segment(s) of %s:%n", c.segments(), check);
        o.printf(Locale.ROOT, "  %-34s %10s %10s %10s%n", "", "full", "compact", "change");
        o.printf(Locale.ROOT, "  %-34s %10.3f %10.3f %+10.3f%n", "SI-SNR (dB, higher is better)", c.fullSiSnrDb(),
                c.compactSiSnrDb(), c.compactSiSnrDb() - c.fullSiSnrDb());
        o.printf(Locale.ROOT, "  %-34s %10.4f %10.4f %+10.4f%n", "mel distance (lower is better)", c.fullMelDistance(),
                c.compactMelDistance(), c.compactMelDistance() - c.fullMelDistance());
        if (c.fullLmNats() != null) {
            o.printf(Locale.ROOT, "  %-34s %10.4f %10.4f %+10.4f%n", "LM NLL (nats/code, same codes)", c.fullLmNats(),
                    c.compactLmNats(), c.compactLmNats() - c.fullLmNats());
        }
        StringBuilder agreement = new StringBuilder();
        for (double a : c.codeAgreement()) {
            agreement.append(String.format(Locale.ROOT, " %.1f%%", 100 * a));
        }
        o.printf("  codes equal to the full encoder's, per codebook:%s%n", agreement);
        o.printf(Locale.ROOT, "  decoding the same codes: max |difference| %.5f, SI-SNR of compact vs full %.1f dB%n",
                c.decoderMaxAbsDifference(), c.decoderSiSnrDb());
        o.flush();
    }

    /** Saves the compact copy into a temporary folder beside {@code target}, then moves it into place. */
    private static void writeAtomically(MusicModel full, Path target, String id, String name) throws IOException {
        Files.createDirectories(target.getParent());
        // not createTempDirectory: its folder is private (0700), and the packed model is meant to be shipped
        Path temp = Files.createDirectory(target.resolveSibling("." + target.getFileName() + ".packing-"
                + System.nanoTime()));
        try {
            full.saveTo(temp, WeightStorage.COMPACT);
            if (id != null || name != null) {
                ModelConfig c = ModelFolder.readConfig(temp);
                ModelFolder.writeConfig(temp, c.withId(id != null ? id : c.id(), name != null ? name : c.name()));
            }
            Path old = null;
            if (Files.exists(target)) {
                old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            if (old != null) {
                TrainingSession.deleteTree(old);
            }
        } catch (IOException | RuntimeException e) {
            if (Files.exists(temp)) {
                TrainingSession.deleteTree(temp);
            }
            throw e;
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
