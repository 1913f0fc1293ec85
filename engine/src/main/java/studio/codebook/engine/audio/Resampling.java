package studio.codebook.engine.audio;

import be.tarsos.dsp.resample.Resampler;

/**
 * Sample-rate conversion with TarsosDSP's band-limited (windowed-sinc, libresample) resampler in its
 * high-quality mode. A clip of n frames at rate r becomes exactly round(n · r'/r) frames at r', aligned
 * in time with the original (the resampler compensates its own filter delay).
 */
public final class Resampling {

    private Resampling() {
    }

    /** {@code clip} at {@code targetRate} (the clip itself when the rate already matches). */
    public static AudioClip resample(AudioClip clip, int targetRate) {
        if (targetRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, not " + targetRate);
        }
        if (targetRate == clip.sampleRate()) {
            return clip;
        }
        double factor = (double) targetRate / clip.sampleRate();
        int n = clip.numFrames();
        int expected = (int) Math.round(n * factor);
        float[][] out = new float[clip.numChannels()][];
        for (int c = 0; c < out.length; c++) {
            out[c] = resampleChannel(clip.channel(c), factor, expected);
        }
        return new AudioClip(out, targetRate);
    }

    private static float[] resampleChannel(float[] in, double factor, int expected) {
        Resampler resampler = new Resampler(true, factor, factor);
        // Room for the filter's tail: the resampler flushes it on the last batch.
        float[] out = new float[expected + resampler.getFilterWidth() * 4 + 16];
        int consumed = 0;
        int produced = 0;
        // Each pass consumes input or produces output; stop when neither happens.
        while (produced < out.length) {
            Resampler.Result r = resampler.process(factor, in, consumed, in.length - consumed, true,
                    out, produced, out.length - produced);
            consumed += r.inputSamplesConsumed;
            produced += r.outputSamplesGenerated;
            if (r.inputSamplesConsumed == 0 && r.outputSamplesGenerated == 0) {
                break;
            }
        }
        float[] exact = new float[expected];
        System.arraycopy(out, 0, exact, 0, Math.min(produced, expected));
        return exact;
    }
}
