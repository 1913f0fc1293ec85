package studio.codebook.training.eval;

import java.util.List;

/**
 * Reconstruction quality of one segment at every bandwidth.
 *
 * @param trackId the track the segment was cut from (its content hash)
 * @param index position of the segment in the evaluated list
 * @param siSnrDb SI-SNR in dB for k = 1…K codebooks
 * @param melDistance mel distance for k = 1…K codebooks
 */
public record SegmentQuality(String trackId, int index, List<Double> siSnrDb, List<Double> melDistance) {

    public SegmentQuality {
        siSnrDb = List.copyOf(siSnrDb);
        melDistance = List.copyOf(melDistance);
    }
}
