package studio.codebook.training.train;

/**
 * What the caller tells a run about itself, for the trained model's provenance.
 *
 * @param createdBy the program and command, e.g. "Codebook Studio 0.1.0: train codec --lambda 0.5"
 * @param baseModel id of the model training started from, or null for the model's own id
 * @param data what it trains on: the manifest hash of the track library
 */
public record RunDescription(String createdBy, String baseModel, String data) {}
