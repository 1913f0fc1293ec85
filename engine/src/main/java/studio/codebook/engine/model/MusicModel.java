package studio.codebook.engine.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import studio.codebook.engine.codec.CompressionModel;
import studio.codebook.engine.codec.SpectralDecoder;
import studio.codebook.engine.codec.SpectralDecoderConfig;
import studio.codebook.engine.device.ComputeDevice;
import studio.codebook.engine.generate.Generator;
import studio.codebook.engine.io.AtomicWrite;
import studio.codebook.engine.lm.TransformerLm;
import studio.codebook.engine.pattern.CodebookPattern;
import studio.codebook.engine.text.CaptionTokenizer;
import studio.codebook.engine.text.TextConditioner;

/**
 * One model folder in memory: its description, the codec, and (unless it is a codec-only model) the
 * language model, text encoder and tokenizer. Close it to free native memory.
 */
public final class MusicModel implements AutoCloseable {

    private final ModelConfig config;
    private final CompressionModel codec;
    private final NDManager manager;
    private final TransformerLm lm;
    private final TextConditioner text;
    private final byte[] tokenizerJson;
    private Path folder;
    private String hash;
    private WeightStorage storage = WeightStorage.FULL;

    private MusicModel(ModelConfig config, CompressionModel codec, NDManager manager, TransformerLm lm,
            TextConditioner text, byte[] tokenizerJson, Path folder, String hash) {
        this.config = config;
        this.codec = codec;
        this.manager = manager;
        this.lm = lm;
        this.text = text;
        this.tokenizerJson = tokenizerJson;
        this.folder = folder;
        this.hash = hash;
    }

    /**
     * A model with random weights (for tests and experiments), not yet saved. Its tokenizer is learnt from
     * {@link SeedCaptions}; the text encoder's vocabulary is set to the size the tokenizer reached.
     */
    public static MusicModel create(ModelConfig config, Device device, long seed) throws IOException {
        if (!config.canGenerate()) {
            return assemble(config, device, seed, null, null, null);
        }
        Path temp = Files.createTempFile("codebook-tokenizer-", ".json");
        try {
            CaptionTokenizer.train(SeedCaptions.sample(2000, seed), config.text().vocabSize(), temp);
            return create(config, device, seed, temp);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A model with random weights and the given tokenizer (e.g. one learnt from training captions); the
     * text encoder's vocabulary is set to the tokenizer's size.
     */
    public static MusicModel create(ModelConfig config, Device device, long seed, Path tokenizerJson)
            throws IOException {
        byte[] bytes = Files.readAllBytes(tokenizerJson);
        CaptionTokenizer tokenizer = CaptionTokenizer.load(tokenizerJson, config.text().maxTokens());
        ModelConfig sized = config.withLanguageModel(config.pattern(), config.lm(),
                config.text().withVocabSize(tokenizer.vocabSize()));
        return assemble(sized, device, seed, tokenizer, bytes, null);
    }

    /** Builds the networks of a config with seeded random weights. */
    private static MusicModel assemble(ModelConfig config, Device device, long seed, CaptionTokenizer tokenizer,
            byte[] tokenizerBytes, Path folder) {
        CompressionModel codec = CompressionModel.create(config.codec(), config.quantizer(), config.sampleRate(),
                device, seed);
        if (!config.canGenerate()) {
            return new MusicModel(config, codec, null, null, null, null, folder, null);
        }
        NDManager manager = NDManager.newBaseManager(device, ComputeDevice.ENGINE);
        try {
            TransformerLm lm = TransformerLm.builder().setConfig(config.lm()).optSeed(seed + 2).build();
            lm.initialize(manager, DataType.FLOAT32, new Shape(1, config.codebooks(), 1),
                    new Shape(1, 1, config.lm().dim()), new Shape(1, 1));
            TextConditioner text = TextConditioner.create(tokenizer, config.text(), seed + 3, manager);
            return new MusicModel(config, codec, manager, lm, text, tokenizerBytes, folder, null);
        } catch (RuntimeException e) {
            manager.close();
            codec.close();
            tokenizer.close();
            throw e;
        }
    }

    /**
     * Loads a model folder: reads and validates {@code model.json}, builds the architecture it describes,
     * then copies the weights in, checking every tensor's name and shape. Nothing in the files is executed.
     *
     * @throws ModelFileException naming the file at fault and why
     */
    public static MusicModel load(Path dir, Device device) throws ModelFileException {
        ModelConfig config = ModelFolder.readConfig(dir);
        for (Path required : ModelFolder.files(dir, config)) {
            if (!Files.isRegularFile(required)) {
                throw new ModelFileException(required, "missing: the model folder is incomplete");
            }
        }
        CaptionTokenizer tokenizer = null;
        byte[] tokenizerBytes = null;
        if (config.canGenerate()) {
            Path tokenizerFile = dir.resolve(ModelFolder.TOKENIZER_FILE);
            try {
                tokenizerBytes = Files.readAllBytes(tokenizerFile);
                tokenizer = CaptionTokenizer.load(tokenizerFile, config.text().maxTokens());
            } catch (IOException | RuntimeException e) {
                throw new ModelFileException(tokenizerFile, "is not a usable tokenizer (" + e.getMessage() + ")", e);
            }
            if (tokenizer.vocabSize() != config.text().vocabSize()) {
                int size = tokenizer.vocabSize();
                tokenizer.close();
                throw new ModelFileException(tokenizerFile, "has " + size + " tokens but model.json says text.vocabSize "
                        + config.text().vocabSize());
            }
        }
        long seed = config.provenance() == null ? 0 : config.provenance().seed();
        MusicModel model = assemble(config, device, seed, tokenizer, tokenizerBytes, dir);
        try {
            java.util.List<Map<String, String>> metadata = new java.util.ArrayList<>();
            metadata.add(ModelWeights.load(model.codec.block(), ModelFolder.codecWeights(dir)));
            if (config.canGenerate()) {
                // a model given a beat input (`train lm --beat`) has no beat.weight yet: it starts at zero
                metadata.add(ModelWeights.load(model.lm, dir.resolve(ModelFolder.LM_WEIGHTS_FILE),
                        TransformerLm.ADDED_LATER));
                metadata.add(ModelWeights.load(model.text.encoder(), dir.resolve(ModelFolder.TEXT_WEIGHTS_FILE)));
            }
            model.storage = metadata.stream().anyMatch(m -> WeightStorage.of(m) == WeightStorage.COMPACT)
                    ? WeightStorage.COMPACT : WeightStorage.FULL;
            model.hash = ModelFolder.hash(dir, config);
            return model;
        } catch (ModelFileException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Writes the model into {@code dir} (created if needed): weights and tokenizer first, then
     * {@code model.json}, each atomically, so a crash never leaves a description pointing at half-written
     * files. Afterwards {@link #folder()} and {@link #hash()} describe the saved copy.
     */
    public void saveTo(Path dir) throws IOException {
        saveTo(dir, WeightStorage.FULL);
    }

    /**
     * {@link #saveTo(Path)} in the given weight storage: {@link WeightStorage#COMPACT} writes the large
     * weights in 8 bits (about a quarter of the size; the in-memory model is unchanged, so the saved copy
     * computes slightly different audio and probabilities: measure with {@code model pack --check}). After
     * a compact save {@link #folder()} and {@link #hash()} are unchanged: this model is not that copy; load
     * it to use it.
     */
    public void saveTo(Path dir, WeightStorage storage) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> metadata = Map.of("format", "codebook-studio", "model", config.id());
        ModelWeights.save(codec.block(), ModelFolder.codecWeights(dir), metadata, storage);
        if (config.canGenerate()) {
            ModelWeights.save(lm, dir.resolve(ModelFolder.LM_WEIGHTS_FILE), metadata, storage);
            ModelWeights.save(text.encoder(), dir.resolve(ModelFolder.TEXT_WEIGHTS_FILE), metadata, storage);
            AtomicWrite.write(dir.resolve(ModelFolder.TOKENIZER_FILE), tokenizerJson);
        }
        ModelFolder.writeConfig(dir, config);
        if (storage == WeightStorage.FULL) {
            this.storage = WeightStorage.FULL;
            this.folder = dir;
            this.hash = ModelFolder.hash(dir, config);
        }
    }

    /**
     * A copy of this model whose codec decodes with another decoder ({@code decoder}; null = the SEANet
     * decoder): the encoder, quantizer, language model, text encoder and tokenizer are copied, so the codes
     * and everything trained on them stay exactly the same; the new decoder starts from seeded random weights
     * (train it with {@code train decoder}). The copy is not saved and has no folder; close it separately.
     */
    public MusicModel withDecoder(SpectralDecoderConfig decoder, long seed) throws IOException {
        ModelConfig next = config.withCodec(config.codec().withSpectralDecoder(decoder));
        MusicModel copy;
        if (config.canGenerate()) {
            Path temp = Files.createTempFile("codebook-tokenizer-", ".json");
            try {
                Files.write(temp, tokenizerJson);
                copy = create(next, device(), seed, temp);
            } finally {
                Files.deleteIfExists(temp);
            }
        } else {
            copy = assemble(next, device(), seed, null, null, null);
        }
        try {
            copyParameters("encoder", codec.block().encoder(), copy.codec.block().encoder());
            copyParameters("quantizer", codec.block().quantizer(), copy.codec.block().quantizer());
            if (config.canGenerate()) {
                copyParameters("language model", lm, copy.lm);
                copyParameters("text encoder", text.encoder(), copy.text.encoder());
            }
            copy.storage = storage;
            return copy;
        } catch (RuntimeException e) {
            copy.close();
            throw e;
        }
    }

    private static void copyParameters(String part, ai.djl.nn.Block from, ai.djl.nn.Block to) {
        var a = from.getParameters();
        var b = to.getParameters();
        if (a.size() != b.size()) {
            throw new IllegalStateException("the " + part + " copies have different parameter lists");
        }
        for (int i = 0; i < a.size(); i++) {
            var x = a.get(i).getValue().getArray();
            var y = b.get(i).getValue().getArray();
            if (!a.get(i).getKey().equals(b.get(i).getKey()) || !x.getShape().equals(y.getShape())
                    || x.getDataType() != y.getDataType()) {
                throw new IllegalStateException("the " + part + " copies differ at " + a.get(i).getKey());
            }
            y.set(x.toByteBuffer());
        }
    }

    /**
     * Takes the codec decoder's weights from {@code source}, a model whose encoder and quantizer are exactly
     * this model's (e.g. the result of a decoder-only refinement of this codec, {@code train decoder}): the codes
     * stay bit-identical, so a language model trained on them stays valid, and only the audio made from codes
     * changes. Checked tensor by tensor; nothing is changed when a check fails. When the source's decoder has
     * another architecture (a {@link SpectralDecoder} for a SEANet one, or another size), the result is a new
     * model ({@link #withDecoder}) and this one is left as it was; otherwise it is this model.
     *
     * @return the model with the source's decoder: this one, or a new one the caller must close
     * @throws IllegalArgumentException if the encoder or quantizer configuration, or any encoder or quantizer
     *     tensor (codebooks and EMA state included), differs
     */
    public MusicModel adoptDecoder(MusicModel source) throws IOException {
        if (!config.codec().sameEncoder(source.config.codec()) || !config.quantizer().equals(source.config.quantizer())) {
            throw new IllegalArgumentException(source.config.id() + " has another codec or quantizer configuration than "
                    + config.id() + ": its decoder cannot be used here");
        }
        var theirs = source.codec.block();
        requireIdentical("encoder", codec.block().encoder().getParameters(), theirs.encoder().getParameters());
        requireIdentical("quantizer", codec.block().quantizer().getParameters(), theirs.quantizer().getParameters());
        MusicModel target = config.codec().equals(source.config.codec()) ? this
                : withDecoder(source.config.codec().spectralDecoder(), 0);
        try {
            copyParameters("decoder", theirs.decoder(), target.codec.block().decoder());
        } catch (RuntimeException e) {
            if (target != this) {
                target.close();
            }
            throw e;
        }
        target.hash = null;
        return target;
    }

    private static void requireIdentical(String part, ai.djl.util.PairList<String, ai.djl.nn.Parameter> a,
            ai.djl.util.PairList<String, ai.djl.nn.Parameter> b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("the " + part + "s have different parameter lists");
        }
        for (int i = 0; i < a.size(); i++) {
            var x = a.get(i).getValue().getArray();
            var y = b.get(i).getValue().getArray();
            if (!a.get(i).getKey().equals(b.get(i).getKey()) || !x.getShape().equals(y.getShape())
                    || !java.util.Arrays.equals(x.toFloatArray(), y.toFloatArray())) {
                throw new IllegalArgumentException("the " + part + " differs (" + a.get(i).getKey() + "): the codes "
                        + "would change, so a language model trained on them would no longer fit");
            }
        }
    }

    /** A generator over this model's networks, in windows no longer than its LM was trained on. */
    public Generator generator() {
        if (!config.canGenerate()) {
            throw new IllegalStateException("model " + config.id() + " is a codec only; it has no language model "
                    + "to generate with");
        }
        Provenance provenance = config.provenance();
        int trained = provenance == null ? 0 : provenance.lmTrainingFrames().orElse(0);
        return new Generator(codec, text, lm, pattern(), manager, trained);
    }

    public ModelConfig config() {
        return config;
    }

    public CompressionModel codec() {
        return codec;
    }

    /** The device the weights live on, for loading another model beside this one without naming its tensors. */
    public Device device() {
        return codec.manager().getDevice();
    }

    /** The language model, or null for a codec-only model. */
    public TransformerLm lm() {
        return lm;
    }

    /** The text conditioner, or null for a codec-only model. */
    public TextConditioner text() {
        return text;
    }

    /** The codebook pattern, or null for a codec-only model. */
    public CodebookPattern pattern() {
        return config.canGenerate() ? CodebookPattern.of(config.pattern(), config.codebooks()) : null;
    }

    /** Trainable and state values of all networks. */
    public long parameterCount() {
        long n = codec.parameterCount();
        if (lm != null) {
            n += lm.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
            n += text.encoder().getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
        }
        return n;
    }

    /** The folder it was loaded from or saved to, or null. */
    public Path folder() {
        return folder;
    }

    /**
     * How the weights were stored in the folder this model was loaded from (FULL for a model created in
     * memory). In memory they are float32 either way.
     */
    public WeightStorage weightStorage() {
        return storage;
    }

    /** The content hash of the saved files, or null when not saved. */
    public String hash() {
        return hash;
    }

    @Override
    public void close() {
        if (text != null) {
            text.close();
        }
        if (manager != null) {
            manager.close();
        }
        codec.close();
    }
}
