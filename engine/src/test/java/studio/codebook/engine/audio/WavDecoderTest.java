package studio.codebook.engine.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import studio.codebook.engine.audio.AudioFormatException.Kind;
import studio.codebook.engine.audio.WavWriter.BitDepth;

/** WAV structure: chunks, padding, streamed sizes and headers that lie. */
class WavDecoderTest {

    private static final Path FILE = Path.of("take.wav");
    private static final AudioClip CLIP = new AudioClip(new float[][] {
        Signals.sine(440, 8000, 801, 0.5), Signals.sine(660, 8000, 801, 0.25)}, 8000);

    private static byte[] wav() {
        return WavWriter.encode(CLIP, BitDepth.PCM_16);
    }

    private static void putU32(byte[] b, int at, long v) {
        ByteBuffer.wrap(b, at, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v);
    }

    private static void assertSameAudio(AudioClip expected, AudioClip actual) {
        assertEquals(expected.numChannels(), actual.numChannels());
        for (int c = 0; c < expected.numChannels(); c++) {
            assertArrayEquals(expected.channel(c), actual.channel(c));
        }
    }

    @Test
    void skipsUnknownChunksIncludingTheirPadByte() throws Exception {
        byte[] plain = wav();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 36); // RIFF header and fmt chunk
        out.write("LIST".getBytes());
        out.write(new byte[] {3, 0, 0, 0, 'a', 'b', 'c', 0}); // odd size, then its pad byte
        out.write("junk".getBytes());
        out.write(new byte[] {0, 0, 0, 0});
        out.write(plain, 36, plain.length - 36);
        byte[] b = out.toByteArray();
        putU32(b, 4, b.length - 8);
        assertSameAudio(AudioReader.decode(FILE, plain), AudioReader.decode(FILE, b));
    }

    @Test
    void aStreamedDataSizeMeansToTheEndOfTheFile() throws Exception {
        AudioClip expected = AudioReader.decode(FILE, wav());
        byte[] b = wav();
        putU32(b, 40, 0xFFFFFFFFL);
        assertSameAudio(expected, AudioReader.decode(FILE, b));
        byte[] c = wav();
        putU32(c, 4, 0);
        putU32(c, 40, 0);
        assertSameAudio(expected, AudioReader.decode(FILE, c));
    }

    @Test
    void aDataChunkLongerThanTheFileIsTruncatedWithoutAllocatingWhatItClaims() {
        byte[] b = wav();
        putU32(b, 40, 0xFFFFFFF0L); // claims 4 GiB
        AudioFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(AudioFormatException.class, () -> AudioReader.decode(FILE, b)));
        assertEquals(Kind.TRUNCATED, e.kind());
        assertTrue(e.getMessage().startsWith("take.wav: the file is cut short"), e.getMessage());
    }

    @Test
    void lyingFormatFieldsAreCorruptOrUnsupportedNotCrashes() {
        byte[] zeroChannels = wav();
        zeroChannels[22] = 0;
        assertEquals(Kind.CORRUPT, assertThrows(AudioFormatException.class, () -> AudioReader.decode(FILE, zeroChannels)).kind());
        byte[] adpcm = wav();
        adpcm[20] = 2;
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioReader.decode(FILE, adpcm));
        assertEquals(Kind.UNSUPPORTED, e.kind());
        assertTrue(e.getMessage().contains("ADPCM"), e.getMessage());
        byte[] manyChannels = wav();
        manyChannels[22] = (byte) 0xFF;
        manyChannels[23] = (byte) 0xFF; // 65535 channels: fewer frames than one, an empty clip at most
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try {
                assertEquals(0, AudioReader.decode(FILE, manyChannels).numFrames());
            } catch (AudioFormatException ignored) {
                // also acceptable
            }
        });
    }

    @Test
    void randomHeaderDamageNeverEscapesAsAnotherException() {
        java.util.Random random = new java.util.Random(99);
        byte[] original = wav();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int trial = 0; trial < 2000; trial++) {
                byte[] b = Arrays.copyOf(original, original.length);
                for (int k = 0; k < 1 + random.nextInt(4); k++) {
                    b[random.nextInt(48)] = (byte) random.nextInt();
                }
                try {
                    AudioClip clip = AudioReader.decode(FILE, b);
                    assertTrue(clip.numFrames() <= 801 * 2, "no more frames than bytes allow");
                } catch (AudioFormatException expected) {
                    assertTrue(expected.getMessage().startsWith("take.wav: "));
                }
            }
        });
    }
}
