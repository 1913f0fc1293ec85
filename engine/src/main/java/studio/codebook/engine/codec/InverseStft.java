package studio.codebook.engine.codec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;

/**
 * The inverse short-time Fourier transform of a {@link SpectralDecoder}: one-sided spectra, one per codec
 * frame, become audio by an inverse real DFT (a product with a fixed basis), a periodic Hann synthesis window
 * and overlap-add, divided by the summed squared windows. Frame t is centred on sample t · hop, so T frames
 * give exactly T · hop samples; at the two ends fewer frames overlap and the division uses only the windows
 * that are there. With spectra that are the windowed DFTs of a signal ({@link #analyse}), the output is that
 * signal exactly, ends included.
 *
 * <p>Differentiable (products, sums and a division by a constant), so it trains inside a decoder. The two
 * basis matrices ([bins, fftSize], window folded in) are made once per manager, not per call.
 */
public final class InverseStft {

    private final int hop;
    private final int overlap;
    private final int fftSize;
    private final int bins;
    private final float[] window;
    private NDManager basisManager;
    private NDArray cosBasis;
    private NDArray sinBasis;

    /**
     * @param hop samples between frames
     * @param overlap window length in hops (even, ≥ 2)
     */
    public InverseStft(int hop, int overlap) {
        if (hop < 1 || overlap < 2 || overlap % 2 != 0) {
            throw new IllegalArgumentException("the inverse STFT needs a positive hop and an even overlap ≥ 2");
        }
        this.hop = hop;
        this.overlap = overlap;
        this.fftSize = hop * overlap;
        this.bins = fftSize / 2 + 1;
        this.window = new float[fftSize];
        for (int n = 0; n < fftSize; n++) {
            window[n] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * n / fftSize));
        }
    }

    public int fftSize() {
        return fftSize;
    }

    public int bins() {
        return bins;
    }

    /**
     * Audio from spectra.
     *
     * @param real real parts [N, T, bins]
     * @param imag imaginary parts [N, T, bins]
     * @param owner the long-lived manager that keeps the basis between calls (the decoder's parameters')
     * @return audio [N, T · hop]
     */
    public NDArray apply(NDArray real, NDArray imag, NDManager owner) {
        Shape shape = real.getShape();
        if (shape.dimension() != 3 || shape.get(2) != bins || !shape.equals(imag.getShape())) {
            throw new IllegalArgumentException("expected real and imaginary parts [N, T, " + bins + "], got " + shape
                    + " and " + imag.getShape());
        }
        long rows = shape.get(0);
        int frames = Math.toIntExact(shape.get(1));
        NDManager manager = real.getManager();
        ensureBasis(owner);
        NDArray windowed = real.matMul(cosBasis).add(imag.matMul(sinBasis)); // [N, T, fftSize]
        NDArray pieces = windowed.reshape(rows, frames, overlap, hop);
        NDArray sum = null;
        for (int j = 0; j < overlap; j++) {
            NDArray piece = pieces.get(":, :, " + j + ", :");
            NDList parts = new NDList();
            if (j > 0) {
                parts.add(manager.zeros(new Shape(rows, j, hop), real.getDataType()));
            }
            parts.add(piece);
            if (j < overlap - 1) {
                parts.add(manager.zeros(new Shape(rows, overlap - 1 - j, hop), real.getDataType()));
            }
            NDArray placed = parts.size() == 1 ? piece : NDArrays.concat(parts, 1);
            sum = sum == null ? placed : sum.add(placed);
        }
        // block b covers samples [(b − overlap/2)·hop, …): frame t starts at block t and is centred on t·hop
        NDArray blocks = sum.get(":, " + overlap / 2 + ":" + (overlap / 2 + frames) + ", :");
        NDArray envelope = manager.create(envelope(frames)).toType(real.getDataType(), false);
        return blocks.reshape(rows, (long) frames * hop).div(envelope);
    }

    /** Sum over the frames present of the squared window at each of the T · hop output samples. */
    float[] envelope(int frames) {
        float[] env = new float[frames * hop];
        for (int t = 0; t < frames; t++) {
            int start = t * hop - fftSize / 2;
            for (int n = 0; n < fftSize; n++) {
                int s = start + n;
                if (s >= 0 && s < env.length) {
                    env[s] += window[n] * window[n];
                }
            }
        }
        return env;
    }

    /**
     * The spectra this transform inverts: for each of the ⌈L / hop⌉ frames, the DFT of the Hann-windowed
     * samples around t · hop (zeros outside the signal), as [frames][bins] real and imaginary parts. For tests
     * and diagnostics; not used in training or decoding.
     */
    public float[][][] analyse(float[] signal) {
        int frames = (signal.length + hop - 1) / hop;
        float[][][] out = new float[2][frames][bins];
        for (int t = 0; t < frames; t++) {
            int start = t * hop - fftSize / 2;
            for (int k = 0; k < bins; k++) {
                double re = 0;
                double im = 0;
                for (int n = 0; n < fftSize; n++) {
                    int s = start + n;
                    if (s >= 0 && s < signal.length) {
                        double angle = 2 * Math.PI * k * n / fftSize;
                        double v = window[n] * signal[s];
                        re += v * Math.cos(angle);
                        im -= v * Math.sin(angle);
                    }
                }
                out[0][t][k] = (float) re;
                out[1][t][k] = (float) im;
            }
        }
        return out;
    }

    private synchronized void ensureBasis(NDManager owner) {
        if (cosBasis != null && basisManager == owner && owner.isOpen()) {
            return;
        }
        float[] cos = new float[bins * fftSize];
        float[] sin = new float[bins * fftSize];
        for (int k = 0; k < bins; k++) {
            double weight = (k == 0 || k == fftSize / 2 ? 1.0 : 2.0) / fftSize;
            for (int n = 0; n < fftSize; n++) {
                // k·n mod fftSize keeps the angle exact for large k·n
                double angle = 2 * Math.PI * ((long) k * n % fftSize) / fftSize;
                cos[k * fftSize + n] = (float) (weight * Math.cos(angle) * window[n]);
                sin[k * fftSize + n] = (float) (-weight * Math.sin(angle) * window[n]);
            }
        }
        cosBasis = owner.create(cos, new Shape(bins, fftSize));
        sinBasis = owner.create(sin, new Shape(bins, fftSize));
        NDScope.unregister(cosBasis, sinBasis);
        basisManager = owner;
    }
}
