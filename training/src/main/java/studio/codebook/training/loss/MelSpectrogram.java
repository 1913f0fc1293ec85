package studio.codebook.training.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * The multi-scale mel front end of the reconstruction loss and of the "mel distance" metric, built to
 * match audiocraft's {@code MelSpectrogramWrapper} (torchaudio underneath) with its msspec settings:
 *
 * <ul>
 *   <li>per scale, n_fft = window length, hop = n_fft / 4, periodic Hann window;
 *   <li>the signal is reflect-padded by (n_fft − hop) / 2 on both sides, then zero-padded on the right so
 *       every frame is full (no centring): ⌈L / hop⌉ frames for L a multiple of the hop;
 *   <li>power spectrum |X|² divided by Σ w² (torchaudio's {@code normalized=True});
 *   <li>mel filterbank on the <b>HTK</b> scale (mel = 2595·log10(1 + f/700)), triangles with unit peak and
 *       no area normalisation, evaluated at the bin frequencies, from {@code minHz} to the Nyquist
 *       frequency (torchaudio's default {@code mel_scale="htk", norm=None}).
 * </ul>
 *
 * <p>The STFT is exact and differentiable: framing is four reshaped, shifted views of the padded signal
 * (hop = n_fft / 4), and the windowed DFT is one matrix product with a [n_fft, 2·(n_fft/2+1)] cos/sin
 * matrix. At small n_fft some of the mel triangles fall between two bins and are all zero (at 16 kHz and
 * n_fft 64, {@link #emptyBands}); they contribute 0 to every loss, as in the reference.
 */
public final class MelSpectrogram {

    private final int sampleRate;
    private final int mels;
    private final double minHz;
    private final int[] fftSizes;
    /** Per scale: [n_fft, 2·bins] windowed, normalised DFT matrix (cos then −sin). */
    private final float[][] dft;
    /** Per scale: [bins, mels] filterbank. */
    private final float[][] filterbanks;

    public MelSpectrogram(int sampleRate, List<Integer> fftSizes, int mels, double minHz) {
        if (sampleRate < 1) {
            throw new IllegalArgumentException("sample rate must be positive, not " + sampleRate);
        }
        if (!(minHz < sampleRate / 2.0)) {
            throw new IllegalArgumentException("minHz " + minHz + " must be below the Nyquist frequency " + sampleRate / 2.0);
        }
        this.sampleRate = sampleRate;
        this.mels = mels;
        this.minHz = minHz;
        this.fftSizes = fftSizes.stream().mapToInt(Integer::intValue).toArray();
        this.dft = new float[this.fftSizes.length][];
        this.filterbanks = new float[this.fftSizes.length][];
        for (int s = 0; s < this.fftSizes.length; s++) {
            int n = this.fftSizes[s];
            if (n < 8 || n % 4 != 0) {
                throw new IllegalArgumentException("n_fft must be a multiple of 4 and >= 8, not " + n);
            }
            dft[s] = dftMatrix(n);
            double[][] fb = filterbank(sampleRate, n, mels, minHz, sampleRate / 2.0);
            int bins = n / 2 + 1;
            filterbanks[s] = new float[bins * mels];
            for (int f = 0; f < bins; f++) {
                for (int m = 0; m < mels; m++) {
                    filterbanks[s][f * mels + m] = (float) fb[f][m];
                }
            }
        }
    }

    /** The front end a reconstruction configuration describes. */
    public static MelSpectrogram of(int sampleRate, ReconstructionConfig config) {
        return new MelSpectrogram(sampleRate, config.fftSizes(), config.mels(), config.minHz());
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int mels() {
        return mels;
    }

    public int scales() {
        return fftSizes.length;
    }

    public int fftSize(int scale) {
        return fftSizes[scale];
    }

    public int hop(int scale) {
        return fftSizes[scale] / 4;
    }

    /** Frames of a signal of {@code length} samples at this scale. */
    public long frames(int scale, long length) {
        return frameCount(fftSizes[scale], length);
    }

    /** Frames of a signal of {@code length} samples with this class's framing at window n_fft (hop n_fft / 4). */
    public static long frameCount(int nFft, long length) {
        int hop = nFft / 4;
        long padded = length + 2L * ((nFft - hop) / 2);
        return padded <= nFft ? 1 : (padded - nFft + hop - 1) / hop + 1;
    }

    /**
     * Mel power spectrogram at one scale.
     *
     * @param audio [B, C, L] or [B, L]
     * @return [B·C, mels, frames], on the audio's manager, differentiable
     */
    public NDArray mel(NDArray audio, int scale) {
        return melOf(power(audio, scale), scale);
    }

    /**
     * Linear-frequency power spectrogram at one scale (the input of {@link #melOf}).
     *
     * @param audio [B, C, L] or [B, L]
     * @return [B·C, frames, n_fft / 2 + 1], on the audio's manager, differentiable
     */
    public NDArray power(NDArray audio, int scale) {
        Shape shape = audio.getShape();
        long length = shape.get(shape.dimension() - 1);
        long rows = audio.size() / length;
        int n = fftSizes[scale];
        int bins = n / 2 + 1;
        long frames = frames(scale, length);
        NDArray spectrum = spectrum(audio, n, dft[scale]);
        return spectrum.square().reshape(rows, frames, 2, bins).sum(new int[] {2});
    }

    /** The mel power spectrogram [rows, mels, frames] of a {@link #power} spectrogram of the same scale. */
    public NDArray melOf(NDArray power, int scale) {
        int bins = fftSizes[scale] / 2 + 1;
        NDArray fb = owned(power.getManager().create(filterbanks[scale], new Shape(bins, mels)))
                .toType(power.getDataType(), false);
        return power.matMul(fb).transpose(0, 2, 1);
    }

    /**
     * The complex STFT with this class's framing and periodic Hann window (hop n_fft / 4), normalised by
     * √Σw² (torchaudio's {@code normalized=True}): the front end the mel scales use, public for the
     * discriminator, which reads real and imaginary parts rather than power.
     *
     * @param audio [B, C, L] or [B, L]
     * @param nFft window and FFT size, a multiple of 4 and at least 8
     * @param dft {@link #dftMatrix(int)} of {@code nFft} (callers cache it: it is n_fft · (n_fft + 2) floats)
     * @return [B·C, frames, 2·(n_fft/2 + 1)]: the real parts of bins 0 … n_fft/2, then their imaginary parts;
     *     on the audio's manager, differentiable
     */
    public static NDArray spectrum(NDArray audio, int nFft, float[] dft) {
        int bins = nFft / 2 + 1;
        if (dft.length != nFft * 2 * bins) {
            throw new IllegalArgumentException("the DFT matrix does not belong to n_fft " + nFft);
        }
        return spectrum(audio, nFft, owned(audio.getManager().create(dft, new Shape(nFft, 2L * bins))));
    }

    /** As {@link #spectrum(NDArray, int, float[])} with the DFT matrix already an array [n_fft, n_fft + 2]. */
    public static NDArray spectrum(NDArray audio, int nFft, NDArray dft) {
        if (nFft < 8 || nFft % 4 != 0) {
            throw new IllegalArgumentException("n_fft must be a multiple of 4 and >= 8, not " + nFft);
        }
        int bins = nFft / 2 + 1;
        Shape shape = audio.getShape();
        long length = shape.get(shape.dimension() - 1);
        NDArray x = audio.reshape(-1, length);
        long rows = x.getShape().get(0);
        int hop = nFft / 4;
        long frames = frameCount(nFft, length);
        NDManager manager = audio.getManager();
        NDArray padded = x.concat(manager.zeros(new Shape(rows, 1), x.getDataType()), 1)
                .gather(owned(manager.create(padIndex(length, (nFft - hop) / 2, (frames + 3) * hop, rows), new Shape(rows, (frames + 3) * hop))), 1);
        NDArray chunks = padded.reshape(rows, frames + 3, hop);
        NDList shifted = new NDList(4);
        for (int j = 0; j < 4; j++) {
            shifted.add(chunks.get(new NDIndex(":, {}:{}, :", j, j + frames)));
        }
        NDArray framed = NDArrays.concat(shifted, 2); // [R, F, n]
        return framed.matMul(dft.toType(x.getDataType(), false));
    }

    /**
     * A copy of {@code wrapped} whose memory PyTorch owns; {@code wrapped} is closed. Why: DJL's PyTorch engine
     * makes an array from Java data by wrapping a direct buffer without copying ({@code from_blob}), and only
     * the Java array keeps that buffer alive. The autograd graph keeps the native tensor (gather saves its
     * index, matMul its other operand), so when a caller's {@code NDScope} closes the array before backward
     * (as {@link ReconstructionLoss#compute} does) and the buffer is collected, backward reads freed memory:
     * a crash for the index ("index 139985774661168 is out of bounds", seen here), silently wrong gradients
     * for the matrices. The copy costs one memcpy per call.
     */
    public static NDArray owned(NDArray wrapped) {
        NDArray copy = wrapped.duplicate();
        wrapped.close();
        return copy;
    }

    /** The mel spectrograms of all scales. */
    public NDList melAll(NDArray audio) {
        NDList out = new NDList(fftSizes.length);
        for (int s = 0; s < fftSizes.length; s++) {
            out.add(mel(audio, s));
        }
        return out;
    }

    /**
     * Indices into a row [x_0 … x_{L−1}, 0] that give the reflect-padded (p each side), then zero-padded
     * signal of {@code total} samples, repeated for each of {@code rows} rows.
     */
    static long[] padIndex(long length, int p, long total, long rows) {
        long[] row = new long[Math.toIntExact(total)];
        for (int i = 0; i < total; i++) {
            long j = i - p;
            row[i] = j < length + p ? reflect(j, length) : length;
        }
        long[] all = new long[Math.toIntExact(rows * total)];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(row, 0, all, (int) (r * total), row.length);
        }
        return all;
    }

    /** Reflection without repeating the edge sample (as torch's "reflect"), bouncing if the pad is long. */
    static long reflect(long j, long length) {
        if (length == 1) {
            return 0;
        }
        long period = 2 * (length - 1);
        long m = Math.floorMod(j, period);
        return m < length ? m : period - m;
    }

    /** [n, 2·bins]: w_j·cos(2π f j / n) / √Σw² in the first bins columns, −w_j·sin(…) / √Σw² in the rest. */
    public static float[] dftMatrix(int n) {
        int bins = n / 2 + 1;
        double[] w = hann(n);
        double norm = 0;
        for (double v : w) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        float[] m = new float[n * 2 * bins];
        for (int j = 0; j < n; j++) {
            for (int f = 0; f < bins; f++) {
                double angle = 2 * Math.PI * (((long) f * j) % n) / n;
                m[j * 2 * bins + f] = (float) (w[j] * Math.cos(angle) / norm);
                m[j * 2 * bins + bins + f] = (float) (-w[j] * Math.sin(angle) / norm);
            }
        }
        return m;
    }

    /** The periodic Hann window (torch.hann_window's default). */
    public static double[] hann(int n) {
        double[] w = new double[n];
        for (int j = 0; j < n; j++) {
            w[j] = 0.5 - 0.5 * Math.cos(2 * Math.PI * j / n);
        }
        return w;
    }

    /** HTK mel of a frequency in Hz. */
    public static double hzToMel(double hz) {
        return 2595.0 * Math.log10(1.0 + hz / 700.0);
    }

    /** Frequency in Hz of an HTK mel value. */
    public static double melToHz(double mel) {
        return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
    }

    /**
     * The mels + 2 edge frequencies of the triangles: band m rises from edge m to its peak at edge m + 1
     * and falls to edge m + 2.
     */
    public static double[] bandEdges(int mels, double minHz, double maxHz) {
        double lo = hzToMel(minHz);
        double hi = hzToMel(maxHz);
        double[] edges = new double[mels + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = melToHz(lo + (hi - lo) * i / (mels + 1));
        }
        return edges;
    }

    /**
     * HTK triangular filterbank [n_fft/2 + 1][mels], bin f at f·sampleRate/n_fft Hz, peaks 1, no
     * normalisation (torchaudio's {@code melscale_fbanks} with {@code norm=None, mel_scale="htk"}).
     */
    public static double[][] filterbank(int sampleRate, int nFft, int mels, double minHz, double maxHz) {
        int bins = nFft / 2 + 1;
        double[] edges = bandEdges(mels, minHz, maxHz);
        double[][] fb = new double[bins][mels];
        for (int f = 0; f < bins; f++) {
            double hz = (sampleRate / 2.0) * f / (bins - 1);
            for (int m = 0; m < mels; m++) {
                double up = (hz - edges[m]) / (edges[m + 1] - edges[m]);
                double down = (edges[m + 2] - hz) / (edges[m + 2] - edges[m + 1]);
                fb[f][m] = Math.max(0, Math.min(up, down));
            }
        }
        return fb;
    }

    /** Mel bands with no weight on any bin at this scale (they read 0 for every signal). */
    public int emptyBands(int scale) {
        int bins = fftSizes[scale] / 2 + 1;
        int empty = 0;
        for (int m = 0; m < mels; m++) {
            double sum = 0;
            for (int f = 0; f < bins; f++) {
                sum += filterbanks[scale][f * mels + m];
            }
            if (sum == 0) {
                empty++;
            }
        }
        return empty;
    }

    /** Lowest mel frequency. */
    public double minHz() {
        return minHz;
    }
}
