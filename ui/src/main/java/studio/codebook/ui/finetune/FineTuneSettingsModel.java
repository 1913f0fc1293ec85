package studio.codebook.ui.finetune;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import studio.codebook.training.loss.Alignment;

/**
 * The settings sheet's state: one property per setting, starting at the command line's defaults, and the
 * validated {@link FineTuneSettings} they make. Suggests a free name for the new model from the base
 * model's ("base-tuned", "base-tuned-2" …) until the user types one.
 */
public final class FineTuneSettingsModel {

    /** Seed of the data order, validation split and the losses' draws: the command line's default. */
    static final long SEED = 1;

    private final Path modelsFolder;
    private final ObjectProperty<TrainingTarget> target = new SimpleObjectProperty<>(this, "target");
    private final ObjectProperty<Double> independenceWeight = new SimpleObjectProperty<>(this, "independenceWeight");
    private final ObjectProperty<Alignment> alignment = new SimpleObjectProperty<>(this, "alignment");
    private final ObjectProperty<Integer> steps = new SimpleObjectProperty<>(this, "steps");
    private final ObjectProperty<Integer> batchSize = new SimpleObjectProperty<>(this, "batchSize");
    private final ObjectProperty<Double> codecLearningRate = new SimpleObjectProperty<>(this, "codecLearningRate");
    private final ObjectProperty<Double> lmLearningRate = new SimpleObjectProperty<>(this, "lmLearningRate");
    private final ObjectProperty<Double> segmentSeconds = new SimpleObjectProperty<>(this, "segmentSeconds");
    private final ObjectProperty<Integer> lmFrames = new SimpleObjectProperty<>(this, "lmFrames");
    private final StringProperty modelName = new SimpleStringProperty(this, "modelName", "");
    private final ReadOnlyStringWrapper baseModelName = new ReadOnlyStringWrapper(this, "baseModelName");
    private String suggestedName = "";

    FineTuneSettingsModel(ObservableValue<Path> baseModelFolder, Path modelsFolder) {
        this.modelsFolder = Objects.requireNonNull(modelsFolder);
        FineTuneSettings d = FineTuneSettings.defaults("tuned");
        target.set(d.target());
        independenceWeight.set(d.independenceWeight());
        alignment.set(d.alignment());
        steps.set(d.steps());
        batchSize.set(d.batchSize());
        codecLearningRate.set(d.codecLearningRate());
        lmLearningRate.set(d.lmLearningRate());
        segmentSeconds.set(d.segmentSeconds());
        lmFrames.set(d.lmFrames());
        baseModelFolder.addListener((obs, old, now) -> baseModelChanged(now));
        baseModelChanged(baseModelFolder.getValue());
    }

    /**
     * The settings as chosen.
     *
     * @throws IllegalArgumentException naming the setting that is missing or out of range
     */
    public FineTuneSettings settings() {
        return new FineTuneSettings(value(target, "what to train"), value(independenceWeight, "λ"),
                value(alignment, "alignment"), value(steps, "steps"), value(batchSize, "batch size"),
                value(codecLearningRate, "codec learning rate"), value(lmLearningRate, "language-model learning rate"),
                value(segmentSeconds, "segment length"), value(lmFrames, "language-model window"), SEED,
                modelName.get());
    }

    private static <T> T value(ObservableValue<T> property, String name) {
        T v = property.getValue();
        if (v == null) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return v;
    }

    private void baseModelChanged(Path base) {
        baseModelName.set(base == null ? "(none: choose a model in the window's model selector)"
                : String.valueOf(base.getFileName()));
        if (base != null && (modelName.get().isBlank() || modelName.get().equals(suggestedName))) {
            suggestedName = freeName(base.getFileName() + "-tuned");
            modelName.set(suggestedName);
        }
    }

    /** {@code wanted} made a valid name, with "-2", "-3" … when the models folder has a model of that name. */
    private String freeName(String wanted) {
        String clean = wanted.replaceAll("[^A-Za-z0-9 ._-]", "-").replaceFirst("^[^A-Za-z0-9]+", "");
        String name = clean.isEmpty() ? "tuned" : clean;
        String candidate = name;
        for (int i = 2; Files.exists(ModelPublisher.target(modelsFolder, candidate)); i++) {
            candidate = name + "-" + i;
        }
        return candidate;
    }

    public ObjectProperty<TrainingTarget> targetProperty() {
        return target;
    }

    public ObjectProperty<Double> independenceWeightProperty() {
        return independenceWeight;
    }

    public ObjectProperty<Alignment> alignmentProperty() {
        return alignment;
    }

    public ObjectProperty<Integer> stepsProperty() {
        return steps;
    }

    public ObjectProperty<Integer> batchSizeProperty() {
        return batchSize;
    }

    public ObjectProperty<Double> codecLearningRateProperty() {
        return codecLearningRate;
    }

    public ObjectProperty<Double> lmLearningRateProperty() {
        return lmLearningRate;
    }

    public ObjectProperty<Double> segmentSecondsProperty() {
        return segmentSeconds;
    }

    public ObjectProperty<Integer> lmFramesProperty() {
        return lmFrames;
    }

    public StringProperty modelNameProperty() {
        return modelName;
    }

    /** The base model's folder name, for display. */
    public ReadOnlyStringProperty baseModelNameProperty() {
        return baseModelName.getReadOnlyProperty();
    }
}
