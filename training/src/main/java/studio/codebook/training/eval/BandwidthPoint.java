package studio.codebook.training.eval;

/**
 * Reconstruction quality when decoding with the first k codebooks, averaged over the segments.
 *
 * @param codebooks k
 * @param kbps the bit rate of k codebooks: k · log2(V) · frame rate / 1000
 * @param siSnrDb mean SI-SNR in dB (higher is better)
 * @param siSnrStdDb standard deviation of SI-SNR over the segments
 * @param melDistance mean mel distance (lower is better)
 * @param melDistanceStd standard deviation of the mel distance over the segments
 */
public record BandwidthPoint(int codebooks, double kbps, double siSnrDb, double siSnrStdDb, double melDistance,
        double melDistanceStd) {}
