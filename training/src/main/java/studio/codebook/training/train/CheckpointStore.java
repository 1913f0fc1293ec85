package studio.codebook.training.train;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import studio.codebook.engine.io.AtomicWrite;

/**
 * The {@code checkpoints} folder of a run. A checkpoint {@code step-NNNNNN/} holds {@code model/} (a model
 * folder), {@code optimizer.safetensors} and {@code trainer.json}, and appears all at once: its files are
 * written (each forced to disk) into a hidden sibling {@code .step-NNNNNN.partial-…}, that folder is forced
 * and renamed into place, the parent is forced, and only then does the {@code latest} file (replaced
 * atomically) name it. A crash at any moment therefore leaves {@code latest} naming a complete checkpoint;
 * partial folders are removed the next time the store is opened.
 */
public final class CheckpointStore {

    public static final String LATEST_FILE = "latest";
    public static final String MODEL_DIR = "model";
    public static final String OPTIMIZER_FILE = "optimizer.safetensors";
    public static final String STATE_FILE = "trainer.json";

    /** Test hook: a pause between the files of a checkpoint, to widen the window a crash test aims at. */
    static volatile long testDelayMillis;

    /** Writes one part of a checkpoint into the folder it is given. */
    @FunctionalInterface
    public interface Part {
        void writeInto(Path folder) throws IOException;
    }

    private final Path directory;

    /** Opens (and creates) {@code runDir/checkpoints}, removing partial folders a crash left behind. */
    public CheckpointStore(Path runDir) throws IOException {
        this.directory = runDir.resolve("checkpoints");
        Files.createDirectories(directory);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, ".*")) {
            for (Path p : entries) {
                if (Files.isDirectory(p)) {
                    deleteTree(p);
                }
            }
        }
    }

    public Path directory() {
        return directory;
    }

    /** "step-000042". */
    public static String name(int step) {
        return String.format("step-%06d", step);
    }

    /** The folder of the checkpoint at {@code step} (which may not exist). */
    public Path folder(int step) {
        return directory.resolve(name(step));
    }

    /**
     * Writes a checkpoint from its parts, in order (the state file should come last), and points
     * {@code latest} at it. An existing checkpoint of the same step is replaced.
     */
    public Path write(int step, List<Part> parts) throws IOException {
        Path target = folder(step);
        Path temp = directory.resolve("." + name(step) + ".partial-" + System.nanoTime());
        Files.createDirectories(temp);
        boolean done = false;
        try {
            for (Part part : parts) {
                part.writeInto(temp);
                pause();
            }
            force(temp);
            if (Files.exists(target)) {
                Path trash = directory.resolve("." + name(step) + ".replaced-" + System.nanoTime());
                move(target, trash);
                deleteTree(trash);
            }
            move(temp, target);
            force(directory);
            done = true;
        } finally {
            if (!done) {
                deleteTree(temp);
            }
        }
        AtomicWrite.write(directory.resolve(LATEST_FILE), name(step).getBytes(StandardCharsets.UTF_8));
        return target;
    }

    /**
     * The newest complete checkpoint: the one {@code latest} names, or, if that file is missing or names a
     * folder without a state file, the highest-numbered folder that has one.
     */
    public Optional<Path> latest() throws IOException {
        Path pointer = directory.resolve(LATEST_FILE);
        if (Files.isRegularFile(pointer)) {
            String name = Files.readString(pointer, StandardCharsets.UTF_8).trim();
            Path named = directory.resolve(name);
            if (name.startsWith("step-") && Files.isRegularFile(named.resolve(STATE_FILE))) {
                return Optional.of(named);
            }
        }
        List<Path> all = checkpoints();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (Files.isRegularFile(all.get(i).resolve(STATE_FILE))) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /** Complete checkpoint folders, oldest first. */
    public List<Path> checkpoints() throws IOException {
        try (Stream<Path> s = Files.list(directory)) {
            return s.filter(p -> p.getFileName().toString().matches("step-\\d{6,}") && Files.isDirectory(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        }
    }

    /** Deletes all but the newest {@code keep} checkpoints and the one of {@code bestStep} (if not null). */
    public void retain(int keep, Integer bestStep) throws IOException {
        List<Path> all = checkpoints();
        Set<Path> kept = new HashSet<>(all.subList(Math.max(0, all.size() - keep), all.size()));
        if (bestStep != null) {
            kept.add(folder(bestStep));
        }
        for (Path p : new ArrayList<>(all)) {
            if (!kept.contains(p)) {
                // renamed first, so a half-deleted folder never looks like a checkpoint
                Path trash = directory.resolve("." + p.getFileName() + ".deleted-" + System.nanoTime());
                move(p, trash);
                deleteTree(trash);
            }
        }
    }

    private static void pause() {
        long delay = testDelayMillis;
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Forces a folder's entries to disk (where the platform allows opening a folder). */
    static void force(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory; its renames are durable enough for our purpose
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
