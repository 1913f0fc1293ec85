package studio.codebook.engine.audio;

/**
 * Level measurements: sample peak and RMS in dBFS (a full-scale sine reads 0.0 and −3.01 dBFS), and
 * integrated loudness in LUFS per ITU-R BS.1770-4: K-weighting (a high-shelf and a high-pass biquad,
 * designed for the clip's own sample rate as libebur128 does), mean square per channel over 400 ms
 * blocks overlapping by 75 %, channel weights (1.41 for the surrounds of a 6-channel WAV-order clip, 0
 * for its LFE, 1 otherwise), an absolute gate at −70 LUFS and a relative gate 10 LU below the
 * absolutely-gated mean.
 *
 * <p>A clip shorter than one 400 ms block is measured as a single block over its whole length (the
 * standard leaves it undefined); silence reads negative infinity.
 */
public final class Loudness {

    private static final double BLOCK_SECONDS = 0.4;
    private static final double STEP_SECONDS = 0.1;
    private static final double ABSOLUTE_GATE_LUFS = -70;
    private static final double RELATIVE_GATE_LU = -10;

    private Loudness() {
    }

    /** The largest absolute sample value in dBFS (negative infinity for silence). */
    public static double peakDbfs(AudioClip clip) {
        double peak = 0;
        for (int c = 0; c < clip.numChannels(); c++) {
            for (float v : clip.channel(c)) {
                peak = Math.max(peak, Math.abs(v));
            }
        }
        return 20 * Math.log10(peak);
    }

    /** The RMS of all samples of all channels in dBFS (a full-scale sine: −3.01). */
    public static double rmsDbfs(AudioClip clip) {
        double sum = 0;
        for (int c = 0; c < clip.numChannels(); c++) {
            for (float v : clip.channel(c)) {
                sum += (double) v * v;
            }
        }
        long count = (long) clip.numChannels() * clip.numFrames();
        return count == 0 ? Double.NEGATIVE_INFINITY : 10 * Math.log10(sum / count);
    }

    /** Integrated loudness in LUFS (ITU-R BS.1770-4). */
    public static double integratedLufs(AudioClip clip) {
        int n = clip.numFrames();
        if (n == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        int rate = clip.sampleRate();
        int block = Math.min(n, (int) Math.round(BLOCK_SECONDS * rate));
        int step = Math.max(1, (int) Math.round(STEP_SECONDS * rate));
        int blocks = (n - block) / step + 1;
        double[] power = new double[blocks]; // weighted sum over channels of each block's mean square
        for (int c = 0; c < clip.numChannels(); c++) {
            double weight = channelWeight(c, clip.numChannels());
            if (weight == 0) {
                continue;
            }
            double[] prefix = prefixSumOfSquares(kWeighted(clip.channel(c), rate));
            for (int j = 0; j < blocks; j++) {
                int start = j * step;
                power[j] += weight * (prefix[start + block] - prefix[start]) / block;
            }
        }
        double absoluteGate = powerOf(ABSOLUTE_GATE_LUFS);
        double relativeGate = powerOf(lufsOf(meanAbove(power, absoluteGate)) + RELATIVE_GATE_LU);
        return lufsOf(meanAbove(power, Math.max(absoluteGate, relativeGate)));
    }

    /**
     * The gain in dB that brings {@code clip} to {@code targetLufs}, reduced if needed so that the sample
     * peak stays at or below {@code peakCeilingDb} (then the result is quieter than the target). 0 for
     * silence.
     */
    public static double normalizationGainDb(AudioClip clip, double targetLufs, double peakCeilingDb) {
        double loudness = integratedLufs(clip);
        if (Double.isInfinite(loudness)) {
            return 0;
        }
        double gain = targetLufs - loudness;
        double peak = peakDbfs(clip);
        return Math.min(gain, peakCeilingDb - peak);
    }

    /** A new clip at {@code targetLufs}, or quieter if the peak ceiling demands it (a plain gain; no limiter). */
    public static AudioClip normalize(AudioClip clip, double targetLufs, double peakCeilingDb) {
        return applyGain(clip, normalizationGainDb(clip, targetLufs, peakCeilingDb));
    }

    /** {@code clip} scaled by {@code gainDb}. */
    public static AudioClip applyGain(AudioClip clip, double gainDb) {
        float g = (float) Math.pow(10, gainDb / 20);
        float[][] out = new float[clip.numChannels()][];
        for (int c = 0; c < out.length; c++) {
            out[c] = clip.channel(c);
            for (int i = 0; i < out[c].length; i++) {
                out[c][i] *= g;
            }
        }
        return new AudioClip(out, clip.sampleRate());
    }

    private static double channelWeight(int c, int channels) {
        if (channels == 6) { // FL FR FC LFE BL BR
            return c == 3 ? 0 : c >= 4 ? 1.41 : 1.0;
        }
        return 1.0;
    }

    private static double meanAbove(double[] power, double gate) {
        double sum = 0;
        int count = 0;
        for (double p : power) {
            if (p > gate) {
                sum += p;
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    private static double lufsOf(double power) {
        return -0.691 + 10 * Math.log10(power);
    }

    private static double powerOf(double lufs) {
        return Math.pow(10, (lufs + 0.691) / 10);
    }

    private static double[] prefixSumOfSquares(double[] x) {
        double[] prefix = new double[x.length + 1];
        for (int i = 0; i < x.length; i++) {
            prefix[i + 1] = prefix[i] + x[i] * x[i];
        }
        return prefix;
    }

    /** The two K-weighting stages, designed by the bilinear transform for {@code rate}. */
    static double[] kWeighted(float[] x, int rate) {
        // Stage 1: high shelf (+4 dB above ~1.7 kHz), modelling the head.
        double f0 = 1681.974450955533;
        double gainDb = 3.999843853973347;
        double q = 0.7071752369554196;
        double k = Math.tan(Math.PI * f0 / rate);
        double vh = Math.pow(10, gainDb / 20);
        double vb = Math.pow(vh, 0.4996667741545416);
        double a0 = 1 + k / q + k * k;
        double[] b1 = {(vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0};
        double[] a1 = {2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0};
        // Stage 2: the RLB high-pass at ~38 Hz.
        f0 = 38.13547087602444;
        q = 0.5003270373238773;
        k = Math.tan(Math.PI * f0 / rate);
        a0 = 1 + k / q + k * k;
        double[] b2 = {1, -2, 1};
        double[] a2 = {2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0};
        return biquad(biquad(toDouble(x), b1, a1), b2, a2);
    }

    private static double[] toDouble(float[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i];
        }
        return y;
    }

    /** Direct form II transposed. */
    private static double[] biquad(double[] x, double[] b, double[] a) {
        double[] y = new double[x.length];
        double z1 = 0;
        double z2 = 0;
        for (int i = 0; i < x.length; i++) {
            double out = b[0] * x[i] + z1;
            z1 = b[1] * x[i] - a[0] * out + z2;
            z2 = b[2] * x[i] - a[1] * out;
            y[i] = out;
        }
        return y;
    }
}
