package studio.codebook.engine.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class InverseStftTest {

    @ParameterizedTest
    @CsvSource({"8, 4, 12", "5, 2, 7", "4, 6, 3", "6, 4, 1"})
    void theSpectraOfASignalGiveTheSignalBackEndsIncluded(int hop, int overlap, int frames) {
        InverseStft istft = new InverseStft(hop, overlap);
        float[] signal = CodecTestSupport.randomFloats(new Random(hop * 31L + overlap), frames * hop);
        float[][][] spectra = istft.analyse(signal);
        assertEquals(frames, spectra[0].length);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray audio = istft.apply(batch(manager, spectra[0]), batch(manager, spectra[1]), manager);
            assertEquals(new Shape(1, (long) frames * hop), audio.getShape());
            assertArrayEquals(signal, audio.toFloatArray(), 1e-4f);
        }
    }

    @Test
    void aSingleBinIsACosineOfItsFrequencyAndAmplitude() {
        int hop = 8;
        int overlap = 4;
        int frames = 10;
        InverseStft istft = new InverseStft(hop, overlap);
        int n = istft.fftSize();
        int bin = 4; // a multiple of the overlap: its phase advances by whole turns from frame to frame
        float[][] real = new float[frames][istft.bins()];
        for (float[] frame : real) {
            frame[bin] = 3f;
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] audio = istft.apply(batch(manager, real), batch(manager, new float[frames][istft.bins()]), manager)
                    .toFloatArray();
            // where all 4 frames overlap, the Hann windows sum to 2 and their squares to 1.5
            for (int s = n / 2; s < audio.length - n / 2; s++) {
                // frame t's sample 0 is at t·hop − n/2, so sample s is at phase 2π·bin·(s + n/2)/n
                double expected = 2 * 3.0 / n * Math.cos(2 * Math.PI * bin * (s + n / 2.0) / n) * 2 / 1.5;
                assertEquals(expected, audio[s], 1e-5, "sample " + s);
            }
        }
    }

    @Test
    void refusesSpectraOfAnotherSize() {
        InverseStft istft = new InverseStft(8, 4);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray wrong = manager.zeros(new Shape(1, 3, istft.bins() - 1));
            assertThrows(IllegalArgumentException.class, () -> istft.apply(wrong, wrong, manager));
        }
        assertThrows(IllegalArgumentException.class, () -> new InverseStft(8, 3));
        assertThrows(IllegalArgumentException.class, () -> new InverseStft(0, 4));
    }

    private static NDArray batch(NDManager manager, float[][] frames) {
        int bins = frames[0].length;
        float[] flat = new float[frames.length * bins];
        for (int t = 0; t < frames.length; t++) {
            System.arraycopy(frames[t], 0, flat, t * bins, bins);
        }
        return manager.create(flat, new Shape(1, frames.length, bins));
    }
}
