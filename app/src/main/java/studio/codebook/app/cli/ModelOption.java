package studio.codebook.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import studio.codebook.engine.device.ComputeDevice;
import studio.codebook.engine.model.BundledModel;
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
        return BundledModel.find().orElseThrow(() -> new ModelFileException(BundledModel.RELATIVE,
                "no default model is installed yet; make one with 'codebook-studio model init --preset default "
                + "--out DIR' and pass --model DIR"));
    }

    MusicModel load() throws ModelFileException {
        return MusicModel.load(folder(), ComputeDevice.best().device());
    }
}
