package studio.codebook.ui.dependence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import studio.codebook.engine.model.ModelConfig;
import studio.codebook.engine.model.Provenance;
import studio.codebook.training.data.Manifest;
import studio.codebook.training.data.Split;
import studio.codebook.training.data.TrackEntry;

/**
 * The validation tracks of the run that trained a model, when they can still be found. Training records
 * {@code "manifest <hash>"} as the model's data and writes the library manifest into the run folder, by
 * default {@code <model>.run/manifest.json} beside the published model folder; the manifest lists every
 * track with its split and the library folder it came from.
 *
 * @param files validation tracks that exist on disk (empty when none can be used)
 * @param description what was found, or why nothing can be used
 */
public record ValidationSet(List<Path> files, String description) {

    static final String MANIFEST_FILE = "manifest.json";
    static final String DATA_PREFIX = "manifest ";

    public ValidationSet {
        files = List.copyOf(files);
    }

    public boolean available() {
        return !files.isEmpty();
    }

    static ValidationSet unavailable(String reason) {
        return new ValidationSet(List.of(), reason);
    }

    /** The manifests that may belong to the model in {@code folder}, most likely first. */
    static List<Path> candidates(Path folder) {
        List<Path> c = new ArrayList<>();
        c.add(folder.resolve(MANIFEST_FILE));
        Path name = folder.getFileName();
        if (name != null) {
            c.add(folder.resolveSibling(name + ".run").resolve(MANIFEST_FILE));
        }
        return c;
    }

    /**
     * Finds the validation set of the model saved in {@code folder} with {@code config}.
     *
     * @param folder the model folder, or null for a model that was never saved
     */
    public static ValidationSet locate(Path folder, ModelConfig config) {
        if (folder == null) {
            return unavailable("This model was not loaded from a folder, so no training run is recorded.");
        }
        Provenance p = config.provenance();
        String data = p == null ? null : p.data();
        if (data == null || data.isBlank()) {
            return unavailable("This model records no training data (random weights, e.g. from 'model init').");
        }
        if (!data.startsWith(DATA_PREFIX)) {
            return unavailable("This model's training data is recorded as '" + data + "', not as a library manifest.");
        }
        String hash = data.substring(DATA_PREFIX.length()).trim();
        List<Path> looked = candidates(folder);
        Manifest manifest = null;
        Path found = null;
        List<String> problems = new ArrayList<>();
        for (Path candidate : looked) {
            if (!Files.isRegularFile(candidate)) {
                continue;
            }
            try {
                Manifest m = Manifest.read(candidate);
                if (m.hash().equals(hash)) {
                    manifest = m;
                    found = candidate;
                    break;
                }
                problems.add(candidate + " belongs to another scan");
            } catch (IOException | RuntimeException e) {
                problems.add(candidate + " cannot be read (" + e.getMessage() + ")");
            }
        }
        if (manifest == null) {
            return unavailable(problems.isEmpty()
                    ? "The manifest of this model's training run was not found (looked for " + looked.get(looked.size() - 1)
                            + ")."
                    : "No manifest matches this model's training data: " + String.join("; ", problems) + ".");
        }
        List<TrackEntry> validation = manifest.tracks().stream().filter(t -> t.split() == Split.VALIDATION).toList();
        if (validation.isEmpty()) {
            return unavailable("The training run kept no tracks for validation.");
        }
        Path library = Path.of(manifest.libraryFolder());
        List<Path> files = new ArrayList<>();
        for (TrackEntry t : validation) {
            Path f = library.resolve(t.relativePath());
            if (Files.isRegularFile(f)) {
                files.add(f);
            }
        }
        if (files.isEmpty()) {
            return unavailable("The " + validation.size() + " validation tracks are no longer in " + library + ".");
        }
        String missing = files.size() < validation.size()
                ? " (" + (validation.size() - files.size()) + " no longer on disk)" : "";
        return new ValidationSet(files, files.size() + " validation track" + (files.size() == 1 ? "" : "s") + " from "
                + library + missing + ", per " + found.getFileName() + " of the training run");
    }
}
