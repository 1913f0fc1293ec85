package studio.codebook.training.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code trainer.json} of a checkpoint: everything besides the model and the optimiser state that a
 * resumed run needs to continue exactly where the checkpoint was taken.
 *
 * <p>There is no random-generator state to save: every random draw of a step (data order, windows,
 * condition dropout, the independence loss's permutations, the quantizer's dead-code draws) is seeded from
 * ({@code seed}, step), so the seed and the step are the whole state.
 *
 * @param version format version (1)
 * @param kind "codec" or "lm"
 * @param step steps done (the next step to run)
 * @param seed the run's seed
 * @param dataPosition examples consumed so far (step × batch size), for people reading the file
 * @param epoch the epoch the next batch starts in
 * @param skippedSteps steps skipped by the non-finite guard so far
 * @param bestValidation the lowest validation loss so far, or null
 * @param bestStep the step of that validation (a checkpoint exists for it), or null
 * @param config the training config ({@link CodecTrainingConfig} or {@link LmTrainingConfig}) as JSON
 * @param description what the run was told about itself
 * @param startedAt when the run (its first segment) started, ISO-8601
 * @param elapsedSeconds training time so far, summed over resumed segments
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainerState(
        int version,
        String kind,
        int step,
        long seed,
        long dataPosition,
        long epoch,
        int skippedSteps,
        Double bestValidation,
        Integer bestStep,
        JsonNode config,
        RunDescription description,
        String startedAt,
        double elapsedSeconds) {}
