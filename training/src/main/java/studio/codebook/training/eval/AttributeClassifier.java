package studio.codebook.training.eval;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.Resampling;
import studio.codebook.engine.io.AtomicWrite;
import studio.codebook.engine.model.ModelFileException;
import studio.codebook.engine.model.ModelWeights;

/**
 * A small CNN that hears a clip's genre, lead instrument and drum style (see {@link AttributeClassifierBlock}),
 * the judge of generated music: prompt adherence, label-distribution KL and the Fréchet distance of its
 * embeddings are measured with it ({@link GenerationEvaluation}).
 *
 * <p>A classifier is a folder: {@value #CONFIG_FILE} (format, configuration, seed, training record) and
 * {@value #WEIGHTS_FILE} (every parameter under its block name). It owns its native memory: close it.
 */
public final class AttributeClassifier implements AutoCloseable {

    public static final String CONFIG_FILE = "classifier.json";
    public static final String WEIGHTS_FILE = "classifier.safetensors";
    static final String FORMAT = "codebook-attribute-classifier";
    static final int FORMAT_VERSION = 1;
    /** Clips classified together (all of one length); bounds the memory of a call. */
    private static final int BATCH = 8;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ClassifierConfig config;
    private final long seed;
    private final NDManager manager;
    private final AttributeClassifierBlock block;
    private Map<String, Object> training = new LinkedHashMap<>();

    private AttributeClassifier(ClassifierConfig config, long seed, Device device) {
        this.config = config;
        this.seed = seed;
        this.manager = NDManager.newBaseManager(device);
        this.block = new AttributeClassifierBlock(config, seed);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, config.sampleRate()));
    }

    /** A new classifier with seeded random weights. */
    public static AttributeClassifier create(ClassifierConfig config, long seed) {
        return new AttributeClassifier(config, seed, Device.cpu());
    }

    /**
     * Reads a classifier folder.
     *
     * @throws ModelFileException when a file is missing, is not a classifier's, or does not fit the other
     */
    public static AttributeClassifier load(Path dir) throws ModelFileException {
        Path configFile = dir.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(configFile)) {
            throw new ModelFileException(dir, "is not an attribute classifier (no " + CONFIG_FILE
                    + "); train one with 'codebook-studio classifier train'");
        }
        JsonNode root;
        ClassifierConfig config;
        try {
            root = JSON.readTree(configFile.toFile());
            if (!FORMAT.equals(root.path("format").asText()) || root.path("version").asInt() != FORMAT_VERSION) {
                throw new ModelFileException(configFile, "is not an attribute classifier of format version "
                        + FORMAT_VERSION);
            }
            config = JSON.treeToValue(root.path("config"), ClassifierConfig.class);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelFileException(configFile, "cannot be read (" + e.getMessage() + ")");
        }
        AttributeClassifier c = new AttributeClassifier(config, root.path("seed").asLong(), Device.cpu());
        try {
            ModelWeights.load(c.block, dir.resolve(WEIGHTS_FILE));
        } catch (ModelFileException e) {
            c.close();
            throw e;
        }
        if (root.path("training").isObject()) {
            c.training = JSON.convertValue(root.path("training"), Map.class);
        }
        return c;
    }

    /** Writes the folder (created if needed); the weights first, the JSON that names them last. */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        ModelWeights.save(block, dir.resolve(WEIGHTS_FILE), Map.of("format", FORMAT));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("version", FORMAT_VERSION);
        root.put("seed", seed);
        root.put("config", config);
        root.put("training", training);
        AtomicWrite.write(dir.resolve(CONFIG_FILE), JSON.writeValueAsBytes(root));
    }

    public ClassifierConfig config() {
        return config;
    }

    /** How it was trained (data, steps, accuracies), as recorded in its JSON; empty for an untrained one. */
    public Map<String, Object> training() {
        return training;
    }

    void setTraining(Map<String, Object> record) {
        this.training = new LinkedHashMap<>(record);
    }

    /** Adds a fact to the training record saved with the classifier (e.g. the corpus folder it learned from). */
    public void noteTraining(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(training);
        m.put(key, value);
        this.training = m;
    }

    AttributeClassifierBlock block() {
        return block;
    }

    NDManager manager() {
        return manager;
    }

    /** Parameters in the network. */
    public long parameterCount() {
        long n = 0;
        for (var p : block.getParameters()) {
            n += p.getValue().getArray().size();
        }
        return n;
    }

    /** One clip (any rate, down-mixed to mono) classified whole. */
    public AttributePrediction classify(AudioClip clip) {
        return classify(List.of(clip)).get(0);
    }

    /** Clips classified whole, each at its own length; results in input order. */
    public List<AttributePrediction> classify(List<AudioClip> clips) {
        List<float[]> mono = new ArrayList<>(clips.size());
        for (AudioClip c : clips) {
            mono.add(Resampling.resample(c.toMono(), config.sampleRate()).channel(0));
        }
        return classifySamples(mono);
    }

    /**
     * Mono clips already at {@link ClassifierConfig#sampleRate()}; runs of equal length go through the network
     * together (at most {@value #BATCH} at a time).
     */
    public List<AttributePrediction> classifySamples(List<float[]> clips) {
        List<AttributePrediction> out = new ArrayList<>(clips.size());
        int i = 0;
        while (i < clips.size()) {
            int length = clips.get(i).length;
            int j = i + 1;
            while (j < clips.size() && j - i < BATCH && clips.get(j).length == length) {
                j++;
            }
            out.addAll(classifyBatch(clips.subList(i, j)));
            i = j;
        }
        return out;
    }

    private List<AttributePrediction> classifyBatch(List<float[]> batch) {
        int length = batch.get(0).length;
        if (length < config.fftSize()) {
            throw new IllegalArgumentException("a clip of " + length + " samples is too short to classify (at least "
                    + config.fftSize() + " at " + config.sampleRate() + " Hz)");
        }
        float[] flat = new float[batch.size() * length];
        for (int b = 0; b < batch.size(); b++) {
            System.arraycopy(batch.get(b), 0, flat, b * length, length);
        }
        JniUtils.setGradMode(false);
        try (NDManager scope = manager.newSubManager()) {
            NDArray audio = scope.create(flat, new Shape(batch.size(), length));
            NDList outputs = block.forward(new ParameterStore(scope, false), new NDList(audio), false);
            float[][] genre = rows(outputs.get(0).softmax(1));
            float[][] lead = rows(outputs.get(1).softmax(1));
            float[][] drums = rows(outputs.get(2).softmax(1));
            float[][] embedding = rows(outputs.get(3));
            List<AttributePrediction> out = new ArrayList<>(batch.size());
            for (int b = 0; b < batch.size(); b++) {
                out.add(new AttributePrediction(genre[b], lead[b], drums[b], embedding[b]));
            }
            return out;
        }
    }

    private static float[][] rows(NDArray a) {
        int n = (int) a.getShape().get(0);
        int d = (int) a.getShape().get(1);
        float[] flat = a.toFloatArray();
        float[][] out = new float[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * d, out[i], 0, d);
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
