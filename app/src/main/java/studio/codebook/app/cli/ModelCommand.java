package studio.codebook.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.codebook.engine.device.ComputeDevice;
import studio.codebook.engine.model.ModelConfig;
import studio.codebook.engine.model.ModelPresets;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.engine.model.Provenance;

/** {@code model}: manage model folders. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Create and manage model folders.",
        subcommands = {ModelCommand.Init.class, PackCommand.class})
final class ModelCommand implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code model init}: a model with random weights. */
    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create a model with random weights (for tests and experiments, not for listening); "
                    + "its codebooks are initialised by k-means on synthetic tones and noise.")
    static final class Init implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--preset", required = true, paramLabel = "NAME",
                description = "Architecture: tiny or default (16 kHz, 50 frames/s, 4 x 1024).")
        String preset;

        @Option(names = "--quantizer", defaultValue = "rvq", paramLabel = "KIND",
                description = "rvq (residual, default) or pvq (product).")
        String quantizer;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to create.")
        Path out;

        @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--force", description = "Replace a model already in the folder.")
        boolean force;

        @Override
        public Integer call() throws Exception {
            if (!ModelPresets.NAMES.contains(preset)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "unknown preset '" + preset + "' (expected " + String.join(" or ", ModelPresets.NAMES) + ")");
            }
            if (!quantizer.equals("rvq") && !quantizer.equals("pvq")) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "unknown quantizer '" + quantizer + "' (expected rvq or pvq)");
            }
            if (Files.isDirectory(out) && !force && !isEmpty(out)) {
                throw new IllegalStateException(out + ": the folder is not empty (use --force to replace a model there)");
            }
            String id = preset + "-" + quantizer + "-" + Long.toHexString(seed);
            ModelConfig config = ModelPresets.architecture(preset, quantizer, id)
                    .withProvenance(Provenance.randomInit(Versions.app() + ": model init --preset " + preset
                            + " --quantizer " + quantizer + " --seed " + seed, seed));
            try (MusicModel model = MusicModel.create(config, ComputeDevice.best().device(), seed)) {
                model.codec().initializeCodebooks(CalibrationAudio.clips(config.sampleRate(), seed));
                model.saveTo(out);
                spec.commandLine().getOut().printf("created %s in %s (%,d parameters, hash %s)%n", id, out,
                        model.codec().parameterCount(), model.hash());
            }
            return 0;
        }

        private static boolean isEmpty(Path dir) throws java.io.IOException {
            try (Stream<Path> s = Files.list(dir)) {
                return s.findAny().isEmpty();
            }
        }
    }
}
