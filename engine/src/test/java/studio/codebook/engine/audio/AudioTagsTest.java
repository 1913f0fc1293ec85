package studio.codebook.engine.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.audio.WavWriter.BitDepth;

class AudioTagsTest {

    @TempDir
    Path dir;

    private static AudioClip sine(int channels) {
        float[][] x = new float[channels][];
        for (int c = 0; c < channels; c++) {
            x[c] = Signals.sine(220 * (c + 1), 16_000, 8001, 0.5);
        }
        return new AudioClip(x, 16_000);
    }

    @Test
    void wavInfoTagsRoundTripAndTheAudioStillReads() throws IOException {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(AudioTags.TITLE, "energetic techno with a saw lead, 128 BPM");
        tags.put(AudioTags.COMMENT, "{\"prompt\":\"é ünïcode 🎛\",\"seed\":7}"); // odd byte length: padded
        tags.put(AudioTags.SOFTWARE, "Codebook Studio");
        tags.put("IKEY", "techno");
        for (int bits : new int[] {16, 24}) {
            for (int channels : new int[] {1, 2}) {
                AudioClip clip = sine(channels);
                Path file = dir.resolve("t" + bits + channels + ".wav");
                WavWriter.write(clip, file, bits, tags);

                assertEquals(tags, AudioTags.read(file));
                AudioClip read = AudioReader.read(file);
                AudioClip plain = AudioReader.read(writePlain(clip, bits));
                assertEquals(clip.numFrames(), read.numFrames());
                for (int c = 0; c < channels; c++) {
                    assertArrayEquals(plain.channel(c), read.channel(c), 0f);
                }
            }
        }
    }

    @Test
    void keysWithoutAnInfoIdAreLeftOutOfWav() throws IOException {
        Path file = dir.resolve("x.wav");
        WavWriter.write(sine(1), file, 16, Map.of("SEED", "42", AudioTags.TITLE, "t"));
        assertEquals(Map.of(AudioTags.TITLE, "t"), AudioTags.read(file));
    }

    @Test
    void withoutTagsTheBytesAreExactlyThoseOfThePlainWriter() {
        AudioClip clip = sine(2);
        assertArrayEquals(WavWriter.encode(clip, BitDepth.PCM_16), WavWriter.encode(clip, BitDepth.PCM_16, Map.of()));
        assertTrue(AudioTags.infoChunk(Map.of("SEED", "1")).length == 0);
    }

    private Path writePlain(AudioClip clip, int bits) throws IOException {
        Path p = dir.resolve("plain" + bits + ".wav");
        WavWriter.write(clip, p, bits);
        return p;
    }
}
