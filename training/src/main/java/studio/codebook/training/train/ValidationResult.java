package studio.codebook.training.train;

import java.util.Map;

/**
 * Metrics on the validation segments.
 *
 * @param step steps done when measured
 * @param loss the number checkpoints are ranked by (codec: mean reconstruction loss; LM: mean NLL over
 *     codebooks, nats)
 * @param metrics every measured value by name
 * @param best whether {@code loss} is the lowest so far
 */
public record ValidationResult(int step, double loss, Map<String, Double> metrics, boolean best) {

    public ValidationResult {
        metrics = Map.copyOf(metrics);
    }
}
