package studio.codebook.engine.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Where a model came from, so that any model can be retraced and re-made: what made it, from what data
 * and base model, with which settings and seed, and how well it did.
 *
 * @param createdAt ISO-8601 instant
 * @param createdBy the program and command, e.g. "Codebook Studio 0.1.0: model init --preset tiny"
 * @param seed the random seed of initialisation and training
 * @param baseModel id of the model this one was fine-tuned from, or null
 * @param data what it was trained on (e.g. a manifest hash), or null for random weights
 * @param steps training steps taken (0 for random weights)
 * @param hyperparameters every training setting (λ and the stream kind of the independence loss among them)
 * @param metrics final metrics by name
 * @param notes free text
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provenance(
        String createdAt,
        String createdBy,
        long seed,
        String baseModel,
        String data,
        long steps,
        Map<String, Object> hyperparameters,
        Map<String, Double> metrics,
        String notes) {

    @JsonCreator
    public Provenance(
            @JsonProperty("createdAt") String createdAt,
            @JsonProperty("createdBy") String createdBy,
            @JsonProperty("seed") long seed,
            @JsonProperty("baseModel") String baseModel,
            @JsonProperty("data") String data,
            @JsonProperty("steps") long steps,
            @JsonProperty("hyperparameters") Map<String, Object> hyperparameters,
            @JsonProperty("metrics") Map<String, Double> metrics,
            @JsonProperty("notes") String notes) {
        this.createdAt = createdAt;
        this.createdBy = createdBy;
        this.seed = seed;
        this.baseModel = baseModel;
        this.data = data;
        this.steps = steps;
        this.hyperparameters = hyperparameters == null ? Map.of() : new TreeMap<>(hyperparameters);
        this.metrics = metrics == null ? Map.of() : new TreeMap<>(metrics);
        this.notes = notes;
    }

    /**
     * Key under which a later training that is not the LM's (a codec or decoder refinement) carries the LM's
     * window forward, so the model still knows it.
     */
    public static final String LM_FRAMES = "lmFrames";

    /**
     * The window, in frames, the language model was last trained on: the LM trainer's {@code frames} setting
     * when the last training recorded here was the LM's ({@code trainer} "lm"), otherwise the window a later
     * codec or decoder training carried forward ({@link #LM_FRAMES}). Generation and evaluation stay within
     * it, since positions past it were never trained. Empty for random weights or a model whose LM was never
     * trained here.
     */
    public OptionalInt lmTrainingFrames() {
        Object frames = "lm".equals(hyperparameters.get("trainer")) ? hyperparameters.get("frames")
                : hyperparameters.get(LM_FRAMES);
        if (!(frames instanceof Number n) || n.intValue() < 1) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(n.intValue());
    }

    /** Provenance of a model with random weights made now. */
    public static Provenance randomInit(String createdBy, long seed) {
        return new Provenance(Instant.now().toString(), createdBy, seed, null, null, 0, Map.of(), Map.of(),
                "random weights: for tests and experiments, not for listening");
    }
}
