package studio.codebook.training.eval;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import studio.codebook.engine.audio.Resampling;
import studio.codebook.training.loss.MelSpectrogram;
import studio.codebook.training.train.AdamOptimizer;
import studio.codebook.training.train.LearningRateSchedule;

/**
 * Trains an {@link AttributeClassifier} on labelled clips: the sum of the three heads' cross-entropies on
 * random crops, Adam with warm-up and cosine decay, global-norm clipping, and the trainer's guard (a step
 * whose loss or gradient norm is not finite changes nothing and is counted as skipped). The clips are split
 * by clip, with a seeded shuffle, into training and validation; validation clips are classified whole.
 */
public final class ClassifierTraining {

    /**
     * @param steps optimiser steps
     * @param batch crops per step
     * @param cropSeconds crop length (cut to the shortest clip when longer)
     * @param learningRate peak rate (cosine to a tenth of it)
     * @param validationFraction share of clips held out for validation (at least one when there are two or more)
     * @param seed split, crops and initial weights all follow from it
     */
    public record Settings(int steps, int batch, double cropSeconds, double learningRate, double validationFraction,
            long seed) {

        public Settings {
            if (steps < 1 || batch < 1 || !(cropSeconds > 0) || !(learningRate > 0)
                    || !(validationFraction >= 0 && validationFraction < 1)) {
                throw new IllegalArgumentException("steps and batch must be >= 1, crop and rate > 0, validation "
                        + "fraction in [0, 1)");
            }
        }

        /** 400 steps of 16 four-second crops at 1e-3, 15 % of the clips for validation. */
        public static Settings defaults(long seed) {
            return new Settings(400, 16, 4, 1e-3, 0.15, seed);
        }

        public Settings withSteps(int n) {
            return new Settings(n, batch, cropSeconds, learningRate, validationFraction, seed);
        }

        public Settings withBatch(int b) {
            return new Settings(steps, b, cropSeconds, learningRate, validationFraction, seed);
        }

        public Settings withCropSeconds(double s) {
            return new Settings(steps, batch, s, learningRate, validationFraction, seed);
        }
    }

    /** Progress: called after every step. */
    @FunctionalInterface
    public interface Listener {
        void step(int step, int total, double loss, boolean skipped);

        Listener NONE = (step, total, loss, skipped) -> { };
    }

    /**
     * What training reached.
     *
     * @param steps steps run
     * @param skipped steps the guard skipped
     * @param trainingClips clips trained on
     * @param validationClips clips held out
     * @param finalLoss mean loss of the last tenth of the steps
     * @param validation accuracies on the validation clips (NaN when there are none)
     * @param training accuracies on (at most 64 of) the training clips, classified whole
     * @param seconds wall-clock time of the steps
     */
    public record Result(int steps, int skipped, int trainingClips, int validationClips, double finalLoss,
            Accuracy validation, Accuracy training, double seconds) {

        /** For the classifier's JSON. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("steps", steps);
            m.put("skipped_steps", skipped);
            m.put("training_clips", trainingClips);
            m.put("validation_clips", validationClips);
            m.put("final_loss", finalLoss);
            m.put("validation_accuracy", validation.toMap());
            m.put("training_accuracy", training.toMap());
            m.put("seconds", seconds);
            return m;
        }
    }

    /** Share of clips whose argmax is the label, per head (clips without a label are left out of that head). */
    public record Accuracy(int clips, double genre, double lead, double drums) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("clips", clips);
            m.put("genre", genre);
            m.put("lead", lead);
            m.put("drums", drums);
            return m;
        }
    }

    private static final double GRADIENT_CLIP = 5.0;

    private ClassifierTraining() {}

    /** Trains {@code classifier} in place on the clips with a genre and a lead label; records the result in it. */
    public static Result train(AttributeClassifier classifier, List<LabeledClip> clips, Settings settings,
            Listener listener) {
        ClassifierConfig config = classifier.config();
        List<Labelled> data = new ArrayList<>();
        for (LabeledClip c : clips) {
            int g = c.genre(config);
            int l = c.lead(config);
            if (g >= 0 && l >= 0) {
                float[] mono = Resampling.resample(c.audio().toMono(), config.sampleRate()).channel(0);
                data.add(new Labelled(mono, g, l, c.drums(config)));
            }
        }
        if (data.size() < 2) {
            throw new IllegalArgumentException("need at least 2 clips with a genre and a lead among the classifier's "
                    + "labels, found " + data.size());
        }
        Random random = new Random(settings.seed());
        java.util.Collections.shuffle(data, random);
        int validationCount = settings.validationFraction() == 0 ? 0
                : Math.max(1, (int) Math.round(data.size() * settings.validationFraction()));
        List<Labelled> validation = data.subList(0, validationCount);
        List<Labelled> training = data.subList(validationCount, data.size());
        int shortest = training.stream().mapToInt(d -> d.samples.length).min().orElseThrow();
        int crop = (int) Math.min(shortest, Math.round(settings.cropSeconds() * config.sampleRate()));
        if (crop < config.fftSize()) {
            throw new IllegalArgumentException("clips are too short to train on (" + shortest + " samples)");
        }

        AttributeClassifierBlock block = classifier.block();
        Map<String, Parameter> named = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            named.put(p.getKey(), p.getValue());
        }
        NDManager parent = classifier.manager();
        LearningRateSchedule schedule = new LearningRateSchedule(settings.learningRate(), settings.learningRate() / 10,
                Math.min(20, settings.steps() / 10), settings.steps());
        int skipped = 0;
        double lossTail = 0;
        int tailCount = 0;
        int tailFrom = settings.steps() - Math.max(1, settings.steps() / 10);
        long start = System.nanoTime();
        try (AdamOptimizer optimizer = new AdamOptimizer(named, 0.9, 0.999, 1e-8, 0, parent)) {
            ParameterStore store = new ParameterStore(parent, false);
            int b = settings.batch();
            for (int step = 0; step < settings.steps(); step++) {
                float[] audio = new float[b * crop];
                int[][] labels = new int[3][b];
                for (int i = 0; i < b; i++) {
                    Labelled d = training.get(random.nextInt(training.size()));
                    int offset = random.nextInt(d.samples.length - crop + 1);
                    System.arraycopy(d.samples, offset, audio, i * crop, crop);
                    labels[0][i] = d.genre;
                    labels[1][i] = d.lead;
                    labels[2][i] = d.drums;
                }
                double loss;
                boolean skip;
                try (NDScope scope = new NDScope(); NDManager sub = parent.newSubManager()) {
                    scope.suppressNotUsedWarning();
                    NDArray x = MelSpectrogram.owned(sub.create(audio, new Shape(b, crop)));
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDList out = block.forward(store, new NDList(x), true);
                        NDArray objective = crossEntropy(sub, out.get(0), labels[0])
                                .add(crossEntropy(sub, out.get(1), labels[1]))
                                .add(crossEntropy(sub, out.get(2), labels[2]));
                        gc.backward(objective);
                        loss = objective.getFloat();
                    }
                    List<NDArray> gradients = optimizer.gradients();
                    NDList squares = new NDList();
                    for (NDArray g : gradients) {
                        squares.add(g.square().sum());
                    }
                    double norm = Math.sqrt(NDArrays.stack(squares).sum().getFloat());
                    skip = !Double.isFinite(loss) || !Double.isFinite(norm);
                    if (!skip) {
                        optimizer.update(gradients, schedule.at(step), norm > GRADIENT_CLIP ? GRADIENT_CLIP / (norm + 1e-6) : 1);
                    }
                    optimizer.clearGradients();
                }
                JniUtils.setGradMode(false);
                if (skip) {
                    skipped++;
                } else if (step >= tailFrom) {
                    lossTail += loss;
                    tailCount++;
                }
                listener.step(step + 1, settings.steps(), loss, skip);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Accuracy validationAccuracy = accuracy(classifier, validation);
        Accuracy trainingAccuracy = accuracy(classifier, training.subList(0, Math.min(64, training.size())));
        Result result = new Result(settings.steps(), skipped, training.size(), validation.size(),
                tailCount == 0 ? Double.NaN : lossTail / tailCount, validationAccuracy, trainingAccuracy, seconds);
        Map<String, Object> record = new LinkedHashMap<>(result.toMap());
        record.put("batch", settings.batch());
        record.put("crop_seconds", (double) crop / config.sampleRate());
        record.put("learning_rate", settings.learningRate());
        record.put("seed", settings.seed());
        classifier.setTraining(record);
        return result;
    }

    /** Accuracy of the classifier's argmax on labelled clips (each labelled clip's audio classified whole). */
    public static Accuracy measure(AttributeClassifier classifier, List<LabeledClip> clips) {
        ClassifierConfig config = classifier.config();
        List<Labelled> data = new ArrayList<>();
        for (LabeledClip c : clips) {
            data.add(new Labelled(Resampling.resample(c.audio().toMono(), config.sampleRate()).channel(0),
                    c.genre(config), c.lead(config), c.drums(config)));
        }
        return accuracy(classifier, data);
    }

    private static Accuracy accuracy(AttributeClassifier classifier, List<Labelled> data) {
        if (data.isEmpty()) {
            return new Accuracy(0, Double.NaN, Double.NaN, Double.NaN);
        }
        List<AttributePrediction> predictions = classifier.classifySamples(data.stream().map(d -> d.samples).toList());
        int[] hits = new int[3];
        int[] counted = new int[3];
        for (int i = 0; i < data.size(); i++) {
            Labelled d = data.get(i);
            AttributePrediction p = predictions.get(i);
            int[] truth = {d.genre, d.lead, d.drums};
            int[] guess = {p.genreClass(), p.leadClass(), p.drumsClass()};
            for (int h = 0; h < 3; h++) {
                if (truth[h] >= 0) {
                    counted[h]++;
                    hits[h] += truth[h] == guess[h] ? 1 : 0;
                }
            }
        }
        return new Accuracy(data.size(), share(hits[0], counted[0]), share(hits[1], counted[1]),
                share(hits[2], counted[2]));
    }

    private static double share(int hits, int n) {
        return n == 0 ? Double.NaN : (double) hits / n;
    }

    /**
     * Mean cross-entropy of logits [B, C] against class indices (rows labelled -1 contribute 0). The one-hot
     * matrix is a copy libtorch owns: the product keeps it for the backward pass.
     */
    static NDArray crossEntropy(NDManager manager, NDArray logits, int[] labels) {
        int classes = (int) logits.getShape().get(1);
        float[] oneHot = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= 0) {
                oneHot[i * classes + labels[i]] = 1;
            }
        }
        NDArray target = MelSpectrogram.owned(manager.create(oneHot, new Shape(labels.length, classes)));
        return logits.logSoftmax(1).mul(target).sum(new int[] {1}).mean().neg();
    }

    private record Labelled(float[] samples, int genre, int lead, int drums) {}
}
