package studio.codebook.ui.controls;

import java.util.Arrays;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * The samples a {@link WaveformView} draws, growing as audio streams in, with the minimum and maximum of
 * every block of {@value #BLOCK} samples kept alongside: the per-pixel envelope of any zoom then costs
 * about one read per block instead of one per sample, so redrawing on the FX thread stays cheap for long
 * clips. Plain data, no Node; change it on the FX thread (views redraw on {@link #revision()}).
 */
public final class WaveformData {

    static final int BLOCK = 256;

    private final int sampleRate;
    private float[] samples = new float[0];
    private int length;
    private float[] blockMin = new float[0];
    private float[] blockMax = new float[0];
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(this, "revision");

    public WaveformData(int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, not " + sampleRate);
        }
        this.sampleRate = sampleRate;
    }

    /** Adds samples at the end. */
    public void append(float[] chunk) {
        if (chunk.length == 0) {
            return;
        }
        ensureCapacity(length + chunk.length);
        System.arraycopy(chunk, 0, samples, length, chunk.length);
        int firstBlock = length / BLOCK;
        length += chunk.length;
        updateBlocks(firstBlock);
        revision.set(revision.get() + 1);
    }

    /** Replaces all samples (e.g. the final decode after the streamed preview). */
    public void replace(float[] all) {
        samples = all.clone();
        length = all.length;
        blockMin = new float[0];
        blockMax = new float[0];
        updateBlocks(0);
        revision.set(revision.get() + 1);
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Samples held. */
    public int length() {
        return length;
    }

    public double durationSeconds() {
        return (double) length / sampleRate;
    }

    /** A copy of all samples. */
    public float[] copy() {
        return Arrays.copyOf(samples, length);
    }

    /** Increases on every change. */
    public ReadOnlyIntegerProperty revision() {
        return revision.getReadOnlyProperty();
    }

    /**
     * The envelope of {@code pixels} columns, column i covering samples [start + i·perPixel, start + (i+1)·perPixel);
     * columns past the end get min = max = 0 and are reported by the return value.
     *
     * @return how many columns hold audio
     */
    public int envelope(double start, double perPixel, float[] min, float[] max) {
        int pixels = min.length;
        int filled = 0;
        for (int i = 0; i < pixels; i++) {
            int a = (int) Math.floor(start + i * perPixel);
            int b = (int) Math.floor(start + (i + 1) * perPixel);
            b = Math.max(b, a + 1);
            a = Math.max(0, a);
            b = Math.min(length, b);
            if (a >= b) {
                min[i] = 0;
                max[i] = 0;
                continue;
            }
            filled = i + 1;
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            int j = a;
            while (j < b) {
                if (j % BLOCK == 0 && j + BLOCK <= b) {
                    int block = j / BLOCK;
                    lo = Math.min(lo, blockMin[block]);
                    hi = Math.max(hi, blockMax[block]);
                    j += BLOCK;
                } else {
                    float v = samples[j++];
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            min[i] = lo;
            max[i] = hi;
        }
        return filled;
    }

    private void ensureCapacity(int needed) {
        if (needed > samples.length) {
            samples = Arrays.copyOf(samples, Math.max(needed, samples.length * 2));
        }
    }

    /** Recomputes the peaks of blocks from {@code first} on (only whole blocks are used). */
    private void updateBlocks(int first) {
        int blocks = length / BLOCK;
        if (blocks > blockMin.length) {
            blockMin = Arrays.copyOf(blockMin, Math.max(blocks, blockMin.length * 2));
            blockMax = Arrays.copyOf(blockMax, blockMin.length);
        }
        for (int k = first; k < blocks; k++) {
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (int j = k * BLOCK, end = j + BLOCK; j < end; j++) {
                lo = Math.min(lo, samples[j]);
                hi = Math.max(hi, samples[j]);
            }
            blockMin[k] = lo;
            blockMax[k] = hi;
        }
    }
}
