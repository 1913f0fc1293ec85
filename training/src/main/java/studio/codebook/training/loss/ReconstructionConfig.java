package studio.codebook.training.loss;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Weights and front end of the codec's reconstruction loss (REFERENCE.md, "Codec losses").
 *
 * @param l1Weight weight of the waveform L1 (0.1 in the reference)
 * @param melWeight weight of the multi-scale mel loss, audiocraft's "msspec" (2 in the reference)
 * @param fftSizes STFT sizes, one per scale; window = n_fft (Hann), hop = n_fft / 4, so each must be a
 *     multiple of 4 and at least 8. Default 64 … 1024 (2^6 … 2^10, the reference's sizes in samples; at
 *     our 16 kHz they span 4–64 ms, bins 250–15.6 Hz apart)
 * @param mels mel bands per scale (64)
 * @param minHz lowest mel frequency (64 Hz); the highest is the Nyquist frequency
 * @param siSnrWeight weight of the negative scale-invariant SNR of the waveform, in dB (0 in the reference
 *     codec training; the decoder refinement uses it to learn the phase the mel loss ignores). Absent in
 *     configs saved before it existed, which therefore read as 0
 */
public record ReconstructionConfig(double l1Weight, double melWeight, List<Integer> fftSizes, int mels, double minHz,
        double siSnrWeight, double stftWeight) {

    public static final List<Integer> DEFAULT_FFT_SIZES = List.of(64, 128, 256, 512, 1024);

    @JsonCreator
    public ReconstructionConfig(
            @JsonProperty("l1Weight") double l1Weight,
            @JsonProperty("melWeight") double melWeight,
            @JsonProperty("fftSizes") List<Integer> fftSizes,
            @JsonProperty("mels") int mels,
            @JsonProperty("minHz") double minHz,
            @JsonProperty("siSnrWeight") double siSnrWeight,
            @JsonProperty("stftWeight") double stftWeight) {
        for (double w : new double[] {l1Weight, melWeight, siSnrWeight, stftWeight}) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("reconstruction weights must be finite and >= 0");
            }
        }
        List<Integer> sizes = fftSizes == null ? DEFAULT_FFT_SIZES : List.copyOf(fftSizes);
        if (sizes.isEmpty() || sizes.stream().anyMatch(n -> n == null || n < 8 || n % 4 != 0)) {
            throw new IllegalArgumentException("fftSizes must be multiples of 4, each >= 8 (hop = n_fft / 4), not " + fftSizes);
        }
        if (mels < 1) {
            throw new IllegalArgumentException("mels must be >= 1, not " + mels);
        }
        if (!(minHz >= 0)) {
            throw new IllegalArgumentException("minHz must be >= 0, not " + minHz);
        }
        this.l1Weight = l1Weight;
        this.melWeight = melWeight;
        this.fftSizes = sizes;
        this.mels = mels;
        this.minHz = minHz;
        this.siSnrWeight = siSnrWeight;
        this.stftWeight = stftWeight;
    }

    /** Without the linear-STFT term (weight 0), as configurations written before it read. */
    public ReconstructionConfig(double l1Weight, double melWeight, List<Integer> fftSizes, int mels, double minHz,
            double siSnrWeight) {
        this(l1Weight, melWeight, fftSizes, mels, minHz, siSnrWeight, 0.0);
    }

    /** Without the SI-SNR term (weight 0). */
    public ReconstructionConfig(double l1Weight, double melWeight, List<Integer> fftSizes, int mels, double minHz) {
        this(l1Weight, melWeight, fftSizes, mels, minHz, 0.0, 0.0);
    }

    /** The reference's weights (L1 0.1, msspec 2) and front end (n_fft 64…1024, 64 mels from 64 Hz). */
    public static ReconstructionConfig defaults() {
        return new ReconstructionConfig(0.1, 2.0, DEFAULT_FFT_SIZES, 64, 64.0, 0.0, 0.0);
    }

    /** The same front end with other weights of the waveform L1, the mel loss and the SI-SNR term. */
    public ReconstructionConfig withWeights(double l1, double mel, double siSnr) {
        return new ReconstructionConfig(l1, mel, fftSizes, mels, minHz, siSnr, stftWeight);
    }

    /**
     * With a weight on the linear-frequency log-magnitude distance (mean |log|X| − log|Y||, averaged over the
     * scales): mel bands merge the harmonics above about 1 kHz, so the mel terms cannot tell a bright, buzzy
     * tone from a mellow one with the same band energies; this term can.
     */
    public ReconstructionConfig withStftWeight(double stft) {
        return new ReconstructionConfig(l1Weight, melWeight, fftSizes, mels, minHz, siSnrWeight, stft);
    }
}
