package studio.codebook.app.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import studio.codebook.engine.device.ComputeDevice;
import studio.codebook.engine.model.ModelFileException;
import studio.codebook.engine.model.MusicModel;

/** The {@code --model DIR} option shared by commands that need a model, with the bundled default. */
final class ModelOption {

    @Option(names = "--model", paramLabel = "DIR",
            description = "Model folder (model.json + weights). Default: the bundled default model.")
    Path model;

    /** The folder to use: the given one, or the bundled default. */
    Path folder() throws ModelFileException {
        if (model != null) {
            return model;
        }
        for (Path candidate : bundledCandidates()) {
            if (Files.isRegularFile(candidate.resolve("model.json"))) {
                return candidate;
            }
        }
        throw new ModelFileException(Path.of("assets/models/default"), "no default model is installed yet; "
                + "make one with 'codebook-studio model init --preset default --out DIR' and pass --model DIR");
    }

    MusicModel load() throws ModelFileException {
        return MusicModel.load(folder(), ComputeDevice.best().device());
    }

    /** Where the bundled model may be: next to the jar (installed), in the source tree, or set explicitly. */
    static List<Path> bundledCandidates() {
        List<Path> out = new ArrayList<>();
        String explicit = System.getProperty("codebook.defaultModel");
        if (explicit != null) {
            out.add(Path.of(explicit));
        }
        String cp = System.getProperty("java.class.path", "");
        File first = new File(cp.split(File.pathSeparator)[0]).getAbsoluteFile();
        Path dir = first.isFile() ? first.toPath().getParent() : null;
        for (int up = 0; dir != null && up < 3; up++, dir = dir.getParent()) {
            out.add(dir.resolve("assets/models/default"));
        }
        out.add(Path.of("assets/models/default").toAbsolutePath());
        return out;
    }
}
