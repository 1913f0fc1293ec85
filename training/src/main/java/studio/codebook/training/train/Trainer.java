package studio.codebook.training.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;
import studio.codebook.engine.model.ModelFolder;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.engine.model.Provenance;
import studio.codebook.engine.device.Scalars;

/**
 * What the codec and LM trainers share: the guarded optimiser step, validation bookkeeping, checkpoints,
 * resume, and the provenance of the finished model. A trainer is driven by a {@link TrainingRun} (or
 * directly, one {@link #trainStep()} at a time) from a single thread.
 *
 * <h2>The step</h2>
 * Forward and backward run inside an {@link NDScope} (every temporary of the step is freed at its end);
 * a subclass may back-propagate several objectives (the codec's independence loss is a second backward),
 * whose gradients add up. Then the global gradient norm is computed and read back to Java together with
 * every reported loss — the step's only read-back. If any of them is not finite the step changes nothing:
 * no parameter, no optimiser moment, no state parameter (the quantizer's EMA codebooks, updated during the
 * forward, are restored from a copy taken before it); the gradients are zeroed and the step counted as
 * skipped. Otherwise gradients are scaled to the clip norm if above it and Adam updates the weights.
 *
 * <p>A subclass may train a second network in the same step with its own optimiser (the codec's
 * discriminator, see {@link #companion()}): its gradient norm joins the read-back and the guard, so a
 * non-finite value anywhere skips both updates; it is not clipped, and it has its own constant rate.
 */
public abstract sealed class Trainer implements AutoCloseable permits CodecTrainer, LmTrainer {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Back-propagates one objective of a step (gradients of successive calls add up). */
    protected interface Backprop {
        void backward(NDArray objective);
    }

    /**
     * A second network trained in the same step (its gradients are made by {@link #forwardBackward}).
     *
     * @param name prefix of its reported gradient norm ("disc" → "discGradNorm")
     * @param optimizer its own Adam, over its own parameters
     * @param learningRate its constant rate
     * @param checkpoint writes its weights and optimiser state into a checkpoint folder
     */
    protected record Companion(String name, AdamOptimizer optimizer, double learningRate,
            CheckpointStore.Part checkpoint) {}

    /** One step's outcome. */
    public record StepResult(int step, boolean skipped, Map<String, Double> losses) {}

    protected final MusicModel model;
    private final boolean ownsModel;
    protected final OptimizerSettings settings;
    protected final Path runDir;
    protected final RunDescription description;
    protected final AdamOptimizer optimizer;
    protected final ParameterStore parameterStore;
    private final NDManager stepParent;
    private final List<Parameter> stateParameters;
    private final CheckpointStore checkpoints;
    private final String startedAt;
    private final double elapsedBefore;
    private final long constructedAt = System.nanoTime();
    private int step;
    private int skipped;
    private Double bestValidation;
    private Integer bestStep;
    private int lastCheckpointStep = -1;
    private Map<String, Double> lastLosses = Map.of();
    private ValidationResult lastValidation;
    private IntToDoubleFunction lossMultiplier = s -> 1.0;

    Trainer(MusicModel model, boolean ownsModel, OptimizerSettings settings, Path runDir, RunDescription description,
            Map<String, Parameter> trainable, List<Parameter> stateParameters, Restored restored) throws IOException {
        this.model = model;
        this.ownsModel = ownsModel;
        this.settings = settings;
        this.runDir = runDir;
        this.description = description;
        Files.createDirectories(runDir);
        this.checkpoints = new CheckpointStore(runDir);
        this.stepParent = trainable.values().iterator().next().getArray().getManager();
        this.parameterStore = new ParameterStore(stepParent, false);
        this.optimizer = new AdamOptimizer(trainable, settings.beta1(), settings.beta2(), 1e-8, settings.weightDecay(),
                stepParent);
        this.stateParameters = List.copyOf(stateParameters);
        if (restored != null) {
            optimizer.load(restored.folder().resolve(CheckpointStore.OPTIMIZER_FILE));
            TrainerState s = restored.state();
            this.step = s.step();
            this.skipped = s.skippedSteps();
            this.bestValidation = s.bestValidation();
            this.bestStep = s.bestStep();
            this.startedAt = s.startedAt();
            this.elapsedBefore = s.elapsedSeconds();
            this.lastCheckpointStep = s.step();
        } else {
            this.startedAt = Instant.now().toString();
            this.elapsedBefore = 0;
        }
    }

    /** A checkpoint read back: its folder, its state, and the model loaded from it. */
    record Restored(Path folder, TrainerState state, MusicModel model) {}

    /** Makes the trainer of a restored checkpoint from the run's saved configuration. */
    interface Resumption<C, T extends Trainer> {
        T trainer(C config, Restored restored) throws IOException;
    }

    /**
     * Reads the latest checkpoint of a {@code kind} run, loads its model and its saved configuration (a
     * {@code configType}) and makes the trainer that continues it; the loaded model is closed if that fails.
     */
    static <C, T extends Trainer> T resume(Path runDir, String kind, ai.djl.Device device, Class<C> configType,
            Resumption<C, T> resumption) throws IOException {
        Restored r = restore(runDir, kind, device);
        try {
            return resumption.trainer(JSON.treeToValue(r.state().config(), configType), r);
        } catch (IOException | RuntimeException e) {
            r.model().close();
            throw e;
        }
    }

    /** Reads the latest checkpoint of a run and loads its model. */
    private static Restored restore(Path runDir, String kind, ai.djl.Device device) throws IOException {
        CheckpointStore store = new CheckpointStore(runDir);
        Path folder = store.latest().orElseThrow(() -> new IOException(runDir + ": no checkpoint to resume from"));
        TrainerState state = JSON.readValue(folder.resolve(CheckpointStore.STATE_FILE).toFile(), TrainerState.class);
        if (!kind.equals(state.kind())) {
            throw new IOException(folder + " is a checkpoint of a " + state.kind() + " run, not a " + kind + " run");
        }
        MusicModel model = MusicModel.load(folder.resolve(CheckpointStore.MODEL_DIR), device);
        return new Restored(folder, state, model);
    }

    /** "codec" or "lm". */
    public abstract String kind();

    /** Runs the step's forward passes and back-propagates through {@code backprop}; returns reported scalars,
     * "loss" among them. Java-side figures (timings) go into {@code extra}. */
    protected abstract Map<String, NDArray> forwardBackward(NDManager scope, int step, Backprop backprop,
            Map<String, Double> extra);

    /** Validation metrics; must contain "loss". */
    protected abstract Map<String, Double> measureValidation();

    /** The second network trained with the model, or null (the default). */
    protected Companion companion() {
        return null;
    }

    /** Called at the start of every step, before any random draw (the codec reseeds its quantizer). */
    protected void beforeStep(int stepIndex) {}

    /** Steps done. */
    public int step() {
        return step;
    }

    public int totalSteps() {
        return settings.steps();
    }

    public int skippedSteps() {
        return skipped;
    }

    public OptimizerSettings settings() {
        return settings;
    }

    public MusicModel model() {
        return model;
    }

    public Path runDir() {
        return runDir;
    }

    public AdamOptimizer optimizer() {
        return optimizer;
    }

    /** Test hook: the loss of step s is multiplied by f(s) before back-propagation (NaN to test the guard). */
    void setLossMultiplier(IntToDoubleFunction f) {
        this.lossMultiplier = f;
    }

    /** One guarded optimiser step. */
    public StepResult trainStep() {
        int s = step;
        JniUtils.setGradMode(false);
        beforeStep(s);
        double lr = settings.schedule().at(s);
        double factor = lossMultiplier.applyAsDouble(s);
        Map<String, Double> losses = new LinkedHashMap<>();
        boolean skip;
        try (NDScope scope = new NDScope(); NDManager sub = stepParent.newSubManager()) {
            scope.suppressNotUsedWarning();
            List<NDArray> saved = new ArrayList<>(stateParameters.size());
            for (Parameter p : stateParameters) {
                saved.add(p.getArray().duplicate());
            }
            Map<String, NDArray> reported;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                reported = forwardBackward(sub, s, objective -> gc.backward(factor == 1 ? objective
                        : objective.mul(Scalars.of(objective, factor))), losses);
            }
            List<NDArray> gradients = optimizer.gradients();
            Companion companion = companion();
            List<NDArray> companionGradients = companion == null ? List.of() : companion.optimizer().gradients();
            NDList read = new NDList();
            read.add(globalNorm(gradients));
            if (companion != null) {
                read.add(globalNorm(companionGradients));
            }
            int first = read.size();
            for (NDArray value : reported.values()) {
                read.add(value.reshape(1));
            }
            float[] values = NDArrays.concat(read).toFloatArray();
            double norm = values[0];
            Iterator<String> names = reported.keySet().iterator();
            skip = false;
            for (int i = 0; i < values.length; i++) {
                if (i >= first) {
                    losses.put(names.next(), (double) values[i]);
                }
                skip |= !Double.isFinite(values[i]);
            }
            skip |= !Double.isFinite(factor * losses.getOrDefault("loss", 0.0));
            losses.put("gradNorm", norm);
            if (companion != null) {
                losses.put(companion.name() + "GradNorm", (double) values[1]);
            }
            losses.put("lr", lr);
            if (skip) {
                for (int i = 0; i < stateParameters.size(); i++) {
                    stateParameters.get(i).getArray().intern(saved.get(i));
                }
            } else {
                double clip = settings.gradientClip();
                double scale = clip > 0 && norm > clip ? clip / (norm + 1e-6) : 1.0;
                optimizer.update(gradients, lr, scale);
                if (companion != null) {
                    companion.optimizer().update(companionGradients, companion.learningRate(), 1.0);
                }
            }
            optimizer.clearGradients();
            if (companion != null) {
                companion.optimizer().clearGradients();
            }
        }
        if (skip) {
            skipped++;
        }
        step = s + 1;
        lastLosses = Map.copyOf(losses);
        return new StepResult(step, skip, losses);
    }

    /** √Σ‖g‖² as a [1] array. */
    private static NDArray globalNorm(List<NDArray> gradients) {
        NDList parts = new NDList();
        for (NDArray g : gradients) {
            parts.add(g.square().sum());
        }
        return NDArrays.stack(parts).sum().sqrt().reshape(1);
    }

    /** Measures the validation metrics; a new best is remembered (and should be checkpointed). */
    public ValidationResult validate() {
        JniUtils.setGradMode(false);
        Map<String, Double> metrics = measureValidation();
        double loss = metrics.get("loss");
        boolean best = Double.isFinite(loss) && (bestValidation == null || loss < bestValidation);
        if (best) {
            bestValidation = loss;
            bestStep = step;
        }
        lastValidation = new ValidationResult(step, loss, metrics, best);
        return lastValidation;
    }

    /** Whether a checkpoint of the current step is on disk. */
    public boolean hasCheckpointAtStep() {
        return lastCheckpointStep == step;
    }

    /**
     * Writes a checkpoint of the current step (model with provenance so far, optimiser state, trainer.json),
     * then deletes all but the newest {@code keepCheckpoints} and the best.
     */
    public Path checkpoint() throws IOException {
        JniUtils.setGradMode(false);
        TrainerState state = state();
        byte[] stateJson = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state);
        Provenance provenance = provenance("checkpoint at step " + step + " of " + settings.steps());
        List<CheckpointStore.Part> parts = new ArrayList<>();
        parts.add(folder -> saveModel(folder.resolve(CheckpointStore.MODEL_DIR), provenance));
        parts.add(folder -> optimizer.save(folder.resolve(CheckpointStore.OPTIMIZER_FILE)));
        Companion companion = companion();
        if (companion != null) {
            parts.add(companion.checkpoint());
        }
        parts.add(folder -> studio.codebook.engine.io.AtomicWrite.write(folder.resolve(CheckpointStore.STATE_FILE),
                stateJson));
        Path dir = checkpoints.write(step, parts);
        lastCheckpointStep = step;
        checkpoints.retain(settings.keepCheckpoints(), bestStep);
        return dir;
    }

    public CheckpointStore checkpoints() {
        return checkpoints;
    }

    /** Saves the model as trained so far into {@code runDir/model} with its provenance. */
    public Path saveModel(String notes) throws IOException {
        Path dir = runDir.resolve("model");
        saveModel(dir, provenance(notes));
        return dir;
    }

    /** The metrics the provenance records: the last step's losses, the last validation, the skipped count. */
    public Map<String, Double> finalMetrics() {
        Map<String, Double> m = new TreeMap<>();
        lastLosses.forEach((k, v) -> {
            if (Double.isFinite(v)) {
                m.put("train." + k, v);
            }
        });
        if (lastValidation != null) {
            lastValidation.metrics().forEach((k, v) -> {
                if (Double.isFinite(v)) {
                    m.put("validation." + k, v);
                }
            });
            m.put("validation.step", (double) lastValidation.step());
        }
        if (bestValidation != null) {
            m.put("validation.best", bestValidation);
            m.put("validation.bestStep", (double) bestStep);
        }
        m.put("skippedSteps", (double) skipped);
        m.put("trainingSeconds", elapsedSeconds());
        return m;
    }

    private void saveModel(Path dir, Provenance provenance) throws IOException {
        model.saveTo(dir);
        // MusicModel keeps its config; the provenance is written over model.json (atomically, last)
        ModelFolder.writeConfig(dir, model.config().withProvenance(provenance));
    }

    Provenance provenance(String notes) {
        Map<String, Object> hyper = new TreeMap<>();
        flatten("", JSON.valueToTree(settings), hyper);
        hyper.put("trainer", kind());
        hyper.put("startedAt", startedAt);
        Provenance before = model.config().provenance();
        if (!"lm".equals(kind()) && before != null) {
            // a codec or decoder training leaves the LM as it was: keep the window it was trained on
            before.lmTrainingFrames().ifPresent(frames -> hyper.put(Provenance.LM_FRAMES, frames));
        }
        String base = description.baseModel() != null ? description.baseModel() : model.config().id();
        return new Provenance(Instant.now().toString(), description.createdBy(), settings.seed(), base,
                description.data(), step, hyper, finalMetrics(), notes);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Object> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                    e.getValue(), out));
        } else {
            out.put(prefix, JSON.convertValue(node, Object.class));
        }
    }

    TrainerState state() {
        DataOrder order = dataOrder();
        return new TrainerState(1, kind(), step, settings.seed(), order.position(step), order.epoch(step), skipped,
                bestValidation, bestStep, JSON.valueToTree(settings), description, startedAt, elapsedSeconds());
    }

    /** The order the training examples are visited in. */
    protected abstract DataOrder dataOrder();

    private double elapsedSeconds() {
        return elapsedBefore + (System.nanoTime() - constructedAt) / 1e9;
    }

    /** A seed for draw {@code purpose} of step {@code s}: independent of everything that came before. */
    protected long stepSeed(int s, long purpose) {
        return DataOrder.mix(DataOrder.mix(settings.seed(), purpose), s);
    }

    @Override
    public void close() {
        optimizer.close();
        if (ownsModel) {
            model.close();
        }
    }
}
