package studio.codebook.engine.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;
import studio.codebook.engine.io.AtomicWrite;

/**
 * Writes clips as integer PCM WAV, 16 or 24-bit. Samples are clipped to [-1, 1] and rounded to the
 * nearest step (ties to even), with full scale = 2^(bits-1), the same scale the reader uses, so that
 * write → read → write is bit-exact. More than two channels, or 24 bits, are written as
 * WAVE_FORMAT_EXTENSIBLE, as the format's specification asks.
 *
 * <p>The file is written atomically: to a temporary file in the same folder, flushed to disk, then moved
 * over the final name, so a crash never leaves a half-written file under that name.
 */
public final class WavWriter {

    /** The sample formats we write. */
    public enum BitDepth {
        PCM_16(16), PCM_24(24);

        private final int bits;

        BitDepth(int bits) {
            this.bits = bits;
        }

        public int bits() {
            return bits;
        }
    }

    private static final int PCM = 1;
    private static final int EXTENSIBLE = 0xFFFE;
    /** The KSDATAFORMAT_SUBTYPE_PCM GUID after its first two bytes (the format tag). */
    private static final byte[] PCM_GUID_TAIL = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00,
        (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};

    private WavWriter() {
    }

    /** Writes {@code clip} to {@code file}, replacing it if it exists. */
    public static void write(AudioClip clip, Path file, BitDepth depth) throws IOException {
        AtomicWrite.write(file, encode(clip, depth));
    }

    /** Writes {@code clip} with 16 or 24 bits per sample. */
    public static void write(AudioClip clip, Path file, int bits) throws IOException {
        write(clip, file, depth(bits));
    }

    /**
     * Writes {@code clip} with a {@code LIST/INFO} chunk of tags before the audio data; the names are those of
     * {@link AudioTags} (title, comment, software ...).
     */
    public static void write(AudioClip clip, Path file, int bits, Map<String, String> tags) throws IOException {
        AtomicWrite.write(file, encode(clip, depth(bits), tags));
    }

    private static BitDepth depth(int bits) {
        return switch (bits) {
            case 16 -> BitDepth.PCM_16;
            case 24 -> BitDepth.PCM_24;
            default -> throw new IllegalArgumentException("WAV bit depth must be 16 or 24, not " + bits);
        };
    }

    /** The complete WAV file for {@code clip}. */
    public static byte[] encode(AudioClip clip, BitDepth depth) {
        return encode(clip, depth, Map.of());
    }

    /** The complete WAV file for {@code clip}, with a {@code LIST/INFO} chunk when {@code tags} has any for it. */
    public static byte[] encode(AudioClip clip, BitDepth depth, Map<String, String> tags) {
        byte[] info = AudioTags.infoChunk(tags);
        int channels = clip.numChannels();
        int bytesPerSample = depth.bits() / 8;
        long dataBytes = (long) clip.numFrames() * channels * bytesPerSample;
        boolean extensible = channels > 2 || depth.bits() > 16;
        int fmtSize = extensible ? 40 : 16;
        long riffSize = 4 + (8 + fmtSize) + info.length + (8 + dataBytes + (dataBytes & 1));
        if (riffSize > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("the clip is too long for a WAV file (" + clip + ")");
        }
        ByteBuffer b = ByteBuffer.allocate((int) (8 + riffSize)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt((int) riffSize).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(fmtSize);
        b.putShort((short) (extensible ? EXTENSIBLE : PCM)).putShort((short) channels).putInt(clip.sampleRate())
                .putInt(clip.sampleRate() * channels * bytesPerSample).putShort((short) (channels * bytesPerSample))
                .putShort((short) depth.bits());
        if (extensible) {
            b.putShort((short) 22).putShort((short) depth.bits()).putInt(0) // valid bits; no channel mask
                    .putShort((short) PCM).put(PCM_GUID_TAIL);
        }
        b.put(info);
        b.put(ascii("data")).putInt((int) dataBytes);
        float[][] samples = new float[channels][];
        for (int c = 0; c < channels; c++) {
            samples[c] = clip.channel(c);
        }
        double scale = 1 << (depth.bits() - 1);
        int max = (1 << (depth.bits() - 1)) - 1;
        int min = -(1 << (depth.bits() - 1));
        for (int i = 0; i < clip.numFrames(); i++) {
            for (int c = 0; c < channels; c++) {
                int q = quantize(samples[c][i], scale, min, max);
                b.put((byte) q).put((byte) (q >> 8));
                if (bytesPerSample == 3) {
                    b.put((byte) (q >> 16));
                }
            }
        }
        return b.array(); // a pad byte, when needed, is already the zero at the end
    }

    static int quantize(float x, double scale, int min, int max) {
        if (Float.isNaN(x)) {
            return 0;
        }
        double v = Math.rint(x * scale);
        return (int) Math.max(min, Math.min(max, v));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
