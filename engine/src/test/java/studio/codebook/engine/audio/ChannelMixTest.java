package studio.codebook.engine.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChannelMixTest {

    private static final float[] A = {0.1f, 0.2f, 0.3f};
    private static final float[] B = {0.3f, 0.0f, -0.3f};
    private static final float[] C = {0.5f, 0.5f, 0.5f};

    @Test
    void monoIsDuplicatedToEveryChannel() {
        AudioClip out = ChannelMix.toChannels(AudioClip.mono(A, 8000), 3);
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(A, out.channel(c));
        }
    }

    @Test
    void toMonoIsTheMean() {
        AudioClip out = ChannelMix.toChannels(new AudioClip(new float[][] {A, B}, 8000), 1);
        assertArrayEquals(new float[] {0.2f, 0.1f, 0f}, out.channel(0), 1e-6f);
    }

    @Test
    void threeToTwoFoldsTheThirdIntoTheFirst() {
        AudioClip out = ChannelMix.toChannels(new AudioClip(new float[][] {A, B, C}, 8000), 2);
        assertEquals(2, out.numChannels());
        assertArrayEquals(new float[] {0.3f, 0.35f, 0.4f}, out.channel(0), 1e-6f);
        assertArrayEquals(B, out.channel(1));
    }
}
