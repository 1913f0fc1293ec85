package studio.codebook.training.eval;

/**
 * The language model's negative log-likelihood of one codebook's codes.
 *
 * @param codebook 0-based
 * @param nats mean NLL per code in nats
 * @param bits the same in bits per code (nats / ln 2)
 * @param codes codes scored
 */
public record CodebookNll(int codebook, double nats, double bits, long codes) {}
