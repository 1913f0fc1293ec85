package studio.codebook.engine.model;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import studio.codebook.engine.codec.CompressionModel;

/**
 * One model folder in memory: its description and its networks (for now the codec; the language model
 * and text encoder join it in the same folder later). Close it to free native memory.
 */
public final class MusicModel implements AutoCloseable {

    private final ModelConfig config;
    private final CompressionModel codec;
    private Path folder;
    private String hash;

    private MusicModel(ModelConfig config, CompressionModel codec, Path folder, String hash) {
        this.config = config;
        this.codec = codec;
        this.folder = folder;
        this.hash = hash;
    }

    /** A model with random weights (for tests and experiments), not yet saved. */
    public static MusicModel create(ModelConfig config, Device device, long seed) {
        CompressionModel codec = CompressionModel.create(config.codec(), config.quantizer(), config.sampleRate(),
                device, seed);
        return new MusicModel(config, codec, null, null);
    }

    /**
     * Loads a model folder: reads and validates {@code model.json}, builds the architecture it describes,
     * then copies the weights in, checking every tensor's name and shape. Nothing in the files is executed.
     *
     * @throws ModelFileException naming the file at fault and why
     */
    public static MusicModel load(Path dir, Device device) throws ModelFileException {
        ModelConfig config = ModelFolder.readConfig(dir);
        Path weights = ModelFolder.codecWeights(dir);
        if (!Files.isRegularFile(weights)) {
            throw new ModelFileException(weights, "missing: the model folder has no codec weights");
        }
        CompressionModel codec = CompressionModel.create(config.codec(), config.quantizer(), config.sampleRate(),
                device, config.provenance() == null ? 0 : config.provenance().seed());
        try {
            ModelWeights.load(codec.block(), weights);
            return new MusicModel(config, codec, dir, ModelFolder.hash(dir));
        } catch (ModelFileException | RuntimeException e) {
            codec.close();
            throw e;
        }
    }

    /**
     * Writes the model into {@code dir} (created if needed): weights first, then {@code model.json}, each
     * atomically, so a crash leaves either the previous model or the complete new one's weights without a
     * description pointing at half-written files.
     *
     * <p>Afterwards {@link #folder()} and {@link #hash()} describe the saved copy.
     */
    public void saveTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        ModelWeights.save(codec.block(), ModelFolder.codecWeights(dir),
                Map.of("format", "codebook-studio", "model", config.id()));
        ModelFolder.writeConfig(dir, config);
        this.folder = dir;
        this.hash = ModelFolder.hash(dir);
    }

    public ModelConfig config() {
        return config;
    }

    public CompressionModel codec() {
        return codec;
    }

    /** The folder it was loaded from or saved to, or null. */
    public Path folder() {
        return folder;
    }

    /** The content hash of the saved files, or null when not saved. */
    public String hash() {
        return hash;
    }

    @Override
    public void close() {
        codec.close();
    }
}
