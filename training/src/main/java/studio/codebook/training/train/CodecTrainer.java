package studio.codebook.training.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Files;
import studio.codebook.engine.codec.CodecBlock;
import studio.codebook.engine.model.ModelFileException;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.engine.model.SafeTensors;
import studio.codebook.engine.quantize.QuantizedLatent;
import ai.djl.pytorch.jni.JniUtils;
import studio.codebook.training.data.Segment;
import studio.codebook.training.loss.AdversarialConfig;
import studio.codebook.training.loss.AdversarialLoss;
import studio.codebook.training.loss.AudioMetrics;
import studio.codebook.training.loss.MultiScaleStftDiscriminator;
import studio.codebook.training.loss.IndependenceConfig;
import studio.codebook.training.loss.IndependenceLoss;
import studio.codebook.training.loss.ReconstructionLoss;
import studio.codebook.engine.device.Scalars;

/**
 * Trains a model's codec: per step a batch of segments through encoder → quantizer (EMA-updated) → decoder,
 * loss = reconstruction + commitmentWeight · commitment.
 *
 * <h2>The independence loss (METHOD.md points 6–7)</h2>
 * When λ > 0, every M = {@code independence.macroBatches} steps (after steps M−1, 2M−1, …) the segments of
 * the last M batches are re-encoded in training mode (with gradients), the quantizer's K per-stage streams
 * are taken without touching the EMA codebooks, and λ · MMD² is back-propagated in its <em>own</em>
 * backward pass, after the step's reconstruction backward has freed its graph, so only one graph is alive
 * at a time. Its gradients are <em>accumulated</em> with that step's, and one clipped Adam update applies
 * both. Why not a separate optimiser step: Adam's moments and step count, the learning-rate schedule and
 * the non-finite guard then all stay one-per-step (a resumed run and an uninterrupted one take the same
 * updates), and a separate step would feed Adam a gradient of a different scale every M-th update, which
 * biases its second moment. The cost: the macro-batch gradient shares the step's clip norm.
 *
 * <p>The last M batches are not kept in memory: the data order is a function of (seed, step), so they are
 * rebuilt from the step number (the segments themselves are Java float arrays), which also makes a resumed
 * run compute the same macro-batch. To bound the cost, only as many of the macro-batch's segments are
 * re-encoded as hold {@code independence.maxSamples} frames (a random choice, seeded per step); the loss may
 * subsample frames further. The MMD's time (re-encode, streams, loss, backward) is reported as "mmdMillis".
 *
 * <h2>The adversarial loss (when {@code adversarial} is true)</h2>
 * A {@link MultiScaleStftDiscriminator} with its own Adam (constant rate, no clipping) is trained in the same
 * step. The discriminator runs once on [real; detached reconstruction] (its logits give the hinge loss, the
 * real half's feature maps are the feature-matching targets) and once on the attached reconstruction (adv
 * and fm). The codec's objective becomes reconstruction + commitment + adversarialWeight · adv + featureWeight
 * · fm; after its backward, which also reached the discriminator's weights, their gradients are zeroed and
 * the hinge loss is back-propagated into the discriminator alone. Both networks therefore see the
 * discriminator as it was at the start of the step (a simultaneous update; audiocraft updates the
 * discriminator first and then runs the generator against the updated one). That costs nothing in quality
 * that we know of and keeps the step all-or-nothing: both gradient norms and adv, fm, disc are in the
 * step's one read-back, and a non-finite value anywhere skips both updates. The discriminator's weights and
 * Adam state are part of every checkpoint ({@value #DISCRIMINATOR_FILE}, {@value #DISCRIMINATOR_OPTIMIZER_FILE}),
 * so a resumed run continues exactly. Validation is unchanged (reconstruction only): the best checkpoint is
 * not chosen by a moving discriminator.
 *
 * <h2>Decoder-only refinement (when {@code decoderOnly} is true)</h2>
 * The codes of a trained codec are what its language model learnt, so a refinement of the reconstruction
 * must not change them. The encoder and quantizer then run in evaluation mode with autograd off: no graph,
 * no gradients, no EMA update, k-means, dead-code replacement or dropout, exactly the path of
 * {@code CompressionModel.encode}. Only the decoder's parameters are given to the optimiser and receive
 * gradients, from the quantized latent (a constant) onwards. Checkpoints, resume and validation are the
 * normal ones; the optimiser state in a checkpoint then holds the decoder's moments only.
 *
 * <h2>Determinism</h2>
 * The quantizer draws random numbers (dead-code replacement, dropout) from generators it creates at
 * construction and does not save; a resumed model would start them afresh. So before every step the
 * trainer reseeds them from (seed, step) through {@code Quantizer.reseed}.
 */
public final class CodecTrainer extends Trainer {

    private static final long PURPOSE_MMD_PICK = 11;
    private static final long PURPOSE_MMD_PERMUTATIONS = 12;
    private static final long PURPOSE_QUANTIZER = 13;
    private static final long PURPOSE_DISCRIMINATOR = 14;

    /** The discriminator's weights in a checkpoint folder (adversarial runs only). */
    public static final String DISCRIMINATOR_FILE = "discriminator.safetensors";
    /** The discriminator's Adam state in a checkpoint folder (adversarial runs only). */
    public static final String DISCRIMINATOR_OPTIMIZER_FILE = "discriminator-optimizer.safetensors";

    private final CodecTrainingConfig config;
    private final List<Segment> train;
    private final List<Segment> validation;
    private final int segmentLength;
    private final DataOrder order;
    private final ReconstructionLoss reconstruction;
    private final IndependenceLoss independence;
    private final CodecBlock block;
    /** The adversarial part, or null when {@code adversarial} is false. */
    private final MultiScaleStftDiscriminator discriminator;
    private final NDManager discriminatorManager;
    private final AdamOptimizer discriminatorOptimizer;
    private final Companion companion;

    private CodecTrainer(MusicModel model, boolean owns, CodecTrainingConfig config, List<Segment> train,
            List<Segment> validation, Path runDir, RunDescription description, Restored restored) throws IOException {
        super(model, owns, config, runDir, description, trainable(model.codec().block(), config.decoderOnly()),
                state(model.codec().block()), restored);
        this.config = config;
        this.train = List.copyOf(train);
        this.validation = List.copyOf(validation);
        this.segmentLength = checkSegments(train, validation);
        this.order = new DataOrder(train.size(), config.batchSize(), config.seed());
        this.reconstruction = new ReconstructionLoss(model.config().sampleRate(), config.reconstruction());
        this.independence = new IndependenceLoss(config.independence());
        this.block = model.codec().block();
        if (config.adversarial()) {
            AdversarialConfig adv = config.adversarialLoss();
            this.discriminatorManager = model.codec().manager().newSubManager();
            this.discriminator = MultiScaleStftDiscriminator.builder().setConfig(adv)
                    .optSeed(DataOrder.mix(config.seed(), PURPOSE_DISCRIMINATOR)).build();
            discriminator.initialize(discriminatorManager, DataType.FLOAT32, new Shape(1, 1, segmentLength));
            Map<String, Parameter> named = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : discriminator.getParameters()) {
                named.put(p.getKey(), p.getValue());
            }
            this.discriminatorOptimizer = new AdamOptimizer(named, adv.beta1(), adv.beta2(), 1e-8, 0.0,
                    discriminatorManager);
            this.companion = new Companion("disc", discriminatorOptimizer, adv.learningRate(), this::saveDiscriminator);
            if (restored != null) {
                loadDiscriminator(restored.folder());
            }
        } else {
            this.discriminatorManager = null;
            this.discriminator = null;
            this.discriminatorOptimizer = null;
            this.companion = null;
        }
    }

    /**
     * A new run in {@code runDir} training {@code model}'s codec (the caller keeps ownership of the model).
     *
     * @param train segments of equal length, at the model's sample rate
     * @param validation segments of the same length (may be empty: validation then reports NaN)
     */
    public static CodecTrainer start(MusicModel model, CodecTrainingConfig config, List<Segment> train,
            List<Segment> validation, Path runDir, RunDescription description) throws IOException {
        return new CodecTrainer(model, false, config, train, validation, runDir, description, null);
    }

    /**
     * Continues the run in {@code runDir} from its latest checkpoint, with its saved config; the same
     * segments (in the same order) must be given. The trainer owns the model it loads.
     */
    public static CodecTrainer resume(Path runDir, List<Segment> train, List<Segment> validation, Device device)
            throws IOException {
        return resume(runDir, "codec", device, CodecTrainingConfig.class, (config, r) ->
                new CodecTrainer(r.model(), true, config, train, validation, runDir, r.state().description(), r));
    }

    @Override
    public String kind() {
        return "codec";
    }

    public CodecTrainingConfig config() {
        return config;
    }

    /** The discriminator of an adversarial run, or null. */
    public MultiScaleStftDiscriminator discriminator() {
        return discriminator;
    }

    /** The discriminator's optimiser of an adversarial run, or null. */
    public AdamOptimizer discriminatorOptimizer() {
        return discriminatorOptimizer;
    }

    @Override
    protected Companion companion() {
        return companion;
    }

    @Override
    protected DataOrder dataOrder() {
        return order;
    }

    @Override
    protected void beforeStep(int s) {
        reseedQuantizer(block, stepSeed(s, PURPOSE_QUANTIZER));
    }

    @Override
    protected Map<String, NDArray> forwardBackward(NDManager scope, int s, Backprop backprop,
            Map<String, Double> extra) {
        NDArray audio = audio(scope, order.batch(s));
        NDList out = config.decoderOnly() ? frozenCodesForward(audio)
                : block.forward(parameterStore, new NDList(audio), true);
        NDList rec = reconstruction.compute(out.get(0), audio);
        NDArray commitment = out.get(2);
        NDArray loss = rec.get(0).add(commitment.mul(Scalars.of(commitment, config.commitmentWeight())));
        Map<String, NDArray> reported = new LinkedHashMap<>();
        reported.put("loss", loss);
        reported.put("reconstruction", rec.get(0));
        reported.put("l1", rec.get(1));
        reported.put("mel", rec.get(2));
        reported.put("commitment", commitment);
        reported.put("sisnr", rec.get(3).neg());
        if (discriminator == null) {
            backprop.backward(loss);
        } else {
            long t0 = System.nanoTime();
            AdversarialConfig adv = config.adversarialLoss();
            NDArray fake = out.get(0);
            long rows = audio.getShape().get(0);
            MultiScaleStftDiscriminator.Output both = discriminator.discriminate(parameterStore,
                    audio.concat(fake.stopGradient(), 0), true);
            MultiScaleStftDiscriminator.Output real = both.rows(0, rows);
            MultiScaleStftDiscriminator.Output detached = both.rows(rows, 2 * rows);
            MultiScaleStftDiscriminator.Output attached = discriminator.discriminate(parameterStore, fake, true);
            NDArray generator = AdversarialLoss.generator(attached.logits(), adv.generatorLoss());
            NDArray features = AdversarialLoss.featureMatching(real.features(), attached.features());
            loss = loss.add(generator.mul(Scalars.of(generator, adv.adversarialWeight())))
                    .add(features.mul(Scalars.of(features, adv.featureWeight())));
            reported.put("loss", loss);
            backprop.backward(loss);
            // that backward also filled the discriminator's gradients (with the generator's objective)
            discriminatorOptimizer.clearGradients();
            NDArray disc = AdversarialLoss.discriminator(real.logits(), detached.logits());
            backprop.backward(disc);
            reported.put("adv", generator);
            reported.put("fm", features);
            reported.put("disc", disc);
            extra.put("advMillis", (System.nanoTime() - t0) / 1e6);
        }
        IndependenceConfig ind = config.independence();
        if (ind.weight() > 0 && (s + 1) % ind.macroBatches() == 0) {
            long t0 = System.nanoTime();
            int[] chosen = macroBatch(s);
            NDArray macro = audio(scope, chosen);
            NDArray latent = block.encoder().forward(parameterStore, new NDList(macro), true).singletonOrThrow();
            NDList streams = block.quantizer().streams(parameterStore, latent, ind.streamKind());
            NDArray mmd = independence.compute(streams, new Random(stepSeed(s, PURPOSE_MMD_PERMUTATIONS)));
            backprop.backward(mmd.mul(Scalars.of(mmd, ind.weight())));
            reported.put("mmd", mmd);
            extra.put("mmdMillis", (System.nanoTime() - t0) / 1e6);
            extra.put("mmdSegments", (double) chosen.length);
        }
        return reported;
    }

    /**
     * {@link CodecBlock}'s forward outputs (reconstruction, codes, commitment, latent) with the encoder and
     * quantizer frozen: evaluation mode and autograd off up to the quantized latent, the decoder in training
     * mode with gradients.
     */
    private NDList frozenCodesForward(NDArray audio) {
        long length = audio.getShape().get(2);
        NDArray latent;
        QuantizedLatent q;
        JniUtils.setGradMode(false);
        try {
            latent = block.encoder().forward(parameterStore, new NDList(audio), false).singletonOrThrow();
            q = block.quantizer().quantize(parameterStore, latent, false);
        } finally {
            JniUtils.setGradMode(true);
        }
        NDArray decoded = block.decoder().forward(parameterStore, new NDList(q.quantized().stopGradient()), true)
                .singletonOrThrow();
        return new NDList(decoded.get(":, :, :" + length), q.codes(), q.commitmentLoss(), latent);
    }

    private void saveDiscriminator(Path folder) throws IOException {
        Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : discriminator.getParameters()) {
            NDArray a = p.getValue().getArray();
            tensors.put(p.getKey(), SafeTensors.Tensor.ofFloats(a.toFloatArray(), a.getShape().getShape()));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "codebook-discriminator");
        metadata.put("discriminator", discriminator.toString());
        SafeTensors.write(folder.resolve(DISCRIMINATOR_FILE), tensors, metadata);
        discriminatorOptimizer.save(folder.resolve(DISCRIMINATOR_OPTIMIZER_FILE));
    }

    private void loadDiscriminator(Path folder) throws IOException {
        Path weights = folder.resolve(DISCRIMINATOR_FILE);
        if (!Files.isRegularFile(weights)) {
            throw new IOException(folder + ": the run is adversarial but the checkpoint holds no discriminator ("
                    + DISCRIMINATOR_FILE + ")");
        }
        SafeTensors.Content content = SafeTensors.read(weights);
        for (Pair<String, Parameter> p : discriminator.getParameters()) {
            SafeTensors.Tensor t = content.tensors().get(p.getKey());
            NDArray target = p.getValue().getArray();
            if (t == null || !java.util.Arrays.equals(t.shape(), target.getShape().getShape())) {
                throw new ModelFileException(weights, "has no tensor '" + p.getKey() + "' of shape "
                        + target.getShape() + ": it belongs to another discriminator");
            }
            target.set(t.toFloats());
        }
        discriminatorOptimizer.load(folder.resolve(DISCRIMINATOR_OPTIMIZER_FILE));
    }

    @Override
    public void close() {
        if (discriminator != null) {
            discriminatorOptimizer.close();
            discriminatorManager.close();
        }
        super.close();
    }

    /** The segments of the last M batches (steps s−M+1 … s), subsampled to about maxSamples frames. */
    int[] macroBatch(int s) {
        IndependenceConfig ind = config.independence();
        List<Integer> all = new ArrayList<>();
        for (int b = Math.max(0, s - ind.macroBatches() + 1); b <= s; b++) {
            for (int i : order.batch(b)) {
                all.add(i);
            }
        }
        int frames = framesPerSegment();
        int wanted = ind.maxSamples() > 0 ? Math.max(1, (ind.maxSamples() + frames - 1) / frames) : all.size();
        if (wanted < all.size()) {
            java.util.Collections.shuffle(all, new Random(stepSeed(s, PURPOSE_MMD_PICK)));
            all = all.subList(0, wanted);
        }
        return all.stream().mapToInt(Integer::intValue).toArray();
    }

    private int framesPerSegment() {
        int hop = model.config().hopLength();
        return (segmentLength + hop - 1) / hop;
    }

    @Override
    protected Map<String, Double> measureValidation() {
        Map<String, Double> m = new LinkedHashMap<>();
        if (validation.isEmpty()) {
            m.put("loss", Double.NaN);
            return m;
        }
        double[] v = ValidationBatches.means(validation.size(), config.batchSize(), model.codec().manager(),
                (sub, from, to) -> {
                    NDArray audio = audio(sub, validation.subList(from, to));
                    NDList out = block.forward(parameterStore, new NDList(audio), false);
                    NDList r = reconstruction.compute(out.get(0), audio);
                    float[] losses = NDArrays.stack(new NDList(r.get(0), r.get(1), r.get(2), out.get(2),
                            r.get(3).neg())).toFloatArray();
                    float[] withComb = Arrays.copyOf(losses, losses.length + 1);
                    withComb[losses.length] = (float) meanComb(out.get(0));
                    return withComb;
                });
        m.put("loss", v[0]);
        m.put("reconstruction", v[0]);
        m.put("l1", v[1]);
        m.put("mel", v[2]);
        m.put("commitment", v[3]);
        m.put("sisnr", v[4]);
        m.put("comb", v[5]);
        try {
            m.put("mmd", validationMmd());
        } catch (IllegalArgumentException e) {
            m.put("mmd", Double.NaN); // e.g. an "off" independence config the loss refuses to compute with
        }
        return m;
    }

    /**
     * Mean frame-rate comb ({@link AudioMetrics#frameRateComb}) of a batch of reconstructions [B, C, T], each
     * channel on its own, in blocks of {@link AudioMetrics#COMB_WINDOW_FRAMES} frames (shorter segments: all
     * their frames in one block).
     */
    private double meanComb(NDArray reconstructions) {
        float[] all = reconstructions.toFloatArray();
        int length = (int) reconstructions.getShape().get(2);
        int rows = all.length / length;
        int hop = model.config().hopLength();
        int window = Math.max(2, Math.min(AudioMetrics.COMB_WINDOW_FRAMES, length / hop));
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            sum += AudioMetrics.frameRateComb(Arrays.copyOfRange(all, i * length, (i + 1) * length), hop, window);
        }
        return sum / rows;
    }

    /** MMD² (unweighted) on the first validation segments that hold maxSamples frames, fixed permutations. */
    private double validationMmd() {
        IndependenceConfig ind = config.independence();
        int frames = framesPerSegment();
        int count = ind.maxSamples() > 0 ? Math.max(1, (ind.maxSamples() + frames - 1) / frames) : validation.size();
        count = Math.min(count, validation.size());
        try (NDScope scope = new NDScope(); NDManager sub = model.codec().manager().newSubManager()) {
            scope.suppressNotUsedWarning();
            NDArray audio = audio(sub, validation.subList(0, count));
            NDArray latent = block.encoder().forward(parameterStore, new NDList(audio), false).singletonOrThrow();
            NDList streams = block.quantizer().streams(parameterStore, latent, ind.streamKind());
            return independence.compute(streams, new Random(config.seed())).getFloat();
        }
    }

    private NDArray audio(NDManager scope, int[] indices) {
        List<Segment> chosen = new ArrayList<>(indices.length);
        for (int i : indices) {
            chosen.add(train.get(i));
        }
        return audio(scope, chosen);
    }

    private NDArray audio(NDManager scope, List<Segment> segments) {
        float[] flat = new float[segments.size() * segmentLength];
        for (int i = 0; i < segments.size(); i++) {
            System.arraycopy(segments.get(i).samples(), 0, flat, i * segmentLength, segmentLength);
        }
        return scope.create(flat, new Shape(segments.size(), 1, segmentLength));
    }

    private static int checkSegments(List<Segment> train, List<Segment> validation) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training segments");
        }
        int length = train.get(0).samples().length;
        for (List<Segment> list : List.of(train, validation)) {
            for (Segment s : list) {
                if (s.samples().length != length) {
                    throw new IllegalArgumentException("segments must all have the same length: " + s.trackId()
                            + " has " + s.samples().length + " samples, the first has " + length);
                }
            }
        }
        return length;
    }

    /** The parameters the optimiser updates: all trainable ones, or only the decoder's. */
    static Map<String, Parameter> trainable(CodecBlock block, boolean decoderOnly) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        List<Parameter> decoder = decoderOnly
                ? block.decoder().getParameters().values() : List.of();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient() && (!decoderOnly || decoder.contains(p.getValue()))) {
                out.put("codec." + p.getKey(), p.getValue());
            }
        }
        return out;
    }

    static List<Parameter> state(CodecBlock block) {
        List<Parameter> out = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (!p.getValue().requiresGradient()) {
                out.add(p.getValue());
            }
        }
        return out;
    }

    /** Reseeds every random generator the quantizer and its codebooks hold (see the class comment). */
    static void reseedQuantizer(CodecBlock block, long seed) {
        block.quantizer().reseed(seed);
    }
}
