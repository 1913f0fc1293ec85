package studio.codebook.engine.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import studio.codebook.engine.io.AtomicWrite;

/**
 * Writes clips as FLAC, 16 or 24-bit, in pure Java: STREAMINFO (with the MD5 of the audio, so
 * {@code flac -t} verifies the file), a VORBIS_COMMENT block with the tags, then frames of
 * {@value #BLOCK_SIZE} samples whose channels are coded independently (see {@link FlacSubframe}).
 * Samples are quantized exactly as {@link WavWriter} does, so a FLAC and a WAV of the same clip decode to
 * the same integers. The file is written atomically.
 *
 * <p>Tags use the names of {@link AudioTags}; every key is written as a Vorbis comment field, with
 * {@link AudioTags#SOFTWARE} as the conventional {@code ENCODER}.
 */
public final class FlacWriter {

    static final int BLOCK_SIZE = 4096;
    static final String VENDOR = "Codebook Studio";

    private FlacWriter() {
    }

    /** Writes {@code clip} to {@code file} with 16 or 24 bits per sample and the given tags (may be empty). */
    public static void write(AudioClip clip, Path file, int bits, Map<String, String> tags) throws IOException {
        byte[] bytes = encode(clip, bits, tags);
        AtomicWrite.write(file, bytes);
    }

    /** The complete FLAC file for {@code clip}. */
    public static byte[] encode(AudioClip clip, int bits, Map<String, String> tags) {
        if (bits != 16 && bits != 24) {
            throw new IllegalArgumentException("FLAC bit depth must be 16 or 24, not " + bits);
        }
        int channels = clip.numChannels();
        if (channels > 8) {
            throw new IllegalArgumentException("FLAC holds at most 8 channels, not " + channels);
        }
        if (clip.sampleRate() > 655_350) {
            throw new IllegalArgumentException("FLAC cannot store a sample rate of " + clip.sampleRate() + " Hz");
        }
        int frames = clip.numFrames();
        int[][] pcm = quantize(clip, bits);
        int blockSize = frames >= BLOCK_SIZE ? BLOCK_SIZE : Math.max(16, frames);

        FlacBitWriter audio = new FlacBitWriter(frames * channels * bits / 16 + 1024);
        FlacSubframe[] coders = new FlacSubframe[channels];
        for (int c = 0; c < channels; c++) {
            coders[c] = new FlacSubframe(bits, blockSize);
        }
        int[] block = new int[blockSize];
        int minFrame = Integer.MAX_VALUE;
        int maxFrame = 0;
        long frameNumber = 0;
        for (int start = 0; start < frames; start += blockSize, frameNumber++) {
            int n = Math.min(blockSize, frames - start);
            int frameStart = audio.length();
            writeFrameHeader(audio, n, clip.sampleRate(), channels, bits, frameNumber);
            for (int c = 0; c < channels; c++) {
                System.arraycopy(pcm[c], start, block, 0, n);
                coders[c].write(audio, block, n);
            }
            audio.align();
            audio.bits(audio.crc16(frameStart), 16);
            int size = audio.length() - frameStart;
            minFrame = Math.min(minFrame, size);
            maxFrame = Math.max(maxFrame, size);
        }
        if (frames == 0) {
            minFrame = 0;
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream(audio.length() + 1024);
        out.writeBytes(new byte[] {'f', 'L', 'a', 'C'});
        byte[] comments = AudioTags.vorbisComment(tags, VENDOR);
        out.writeBytes(blockHeader(0, 34, false));
        out.writeBytes(streamInfo(blockSize, minFrame, maxFrame, clip.sampleRate(), channels, bits, frames,
                md5(pcm, frames, bits)));
        out.writeBytes(blockHeader(4, comments.length, true));
        out.writeBytes(comments);
        out.writeBytes(audio.toByteArray());
        return out.toByteArray();
    }

    private static int[][] quantize(AudioClip clip, int bits) {
        double scale = 1 << (bits - 1);
        int max = (1 << (bits - 1)) - 1;
        int min = -(1 << (bits - 1));
        int[][] pcm = new int[clip.numChannels()][];
        for (int c = 0; c < pcm.length; c++) {
            float[] x = clip.channel(c);
            int[] q = new int[x.length];
            for (int i = 0; i < x.length; i++) {
                q[i] = WavWriter.quantize(x[i], scale, min, max);
            }
            pcm[c] = q;
        }
        return pcm;
    }

    private static byte[] blockHeader(int type, int length, boolean last) {
        return new byte[] {(byte) ((last ? 0x80 : 0) | type), (byte) (length >> 16), (byte) (length >> 8), (byte) length};
    }

    private static byte[] streamInfo(int blockSize, int minFrame, int maxFrame, int rate, int channels, int bits,
            long totalSamples, byte[] md5) {
        FlacBitWriter w = new FlacBitWriter(34);
        w.bits(blockSize, 16);
        w.bits(blockSize, 16);
        w.bits(minFrame, 24);
        w.bits(maxFrame, 24);
        w.bits(rate, 20);
        w.bits(channels - 1, 3);
        w.bits(bits - 1, 5);
        w.bits(totalSamples >>> 32, 4);
        w.bits(totalSamples, 32);
        w.bytes(md5);
        return w.toByteArray();
    }

    /** MD5 of the samples interleaved as signed little-endian integers of bits/8 bytes, as FLAC defines it. */
    private static byte[] md5(int[][] pcm, int frames, int bits) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no MD5", e);
        }
        int bytesPerSample = bits / 8;
        byte[] buf = new byte[4096 * pcm.length * bytesPerSample];
        int at = 0;
        for (int i = 0; i < frames; i++) {
            for (int[] channel : pcm) {
                int v = channel[i];
                for (int b = 0; b < bytesPerSample; b++) {
                    buf[at++] = (byte) (v >> (8 * b));
                }
            }
            if (at + pcm.length * bytesPerSample > buf.length) {
                md.update(buf, 0, at);
                at = 0;
            }
        }
        md.update(buf, 0, at);
        return md.digest();
    }

    private static void writeFrameHeader(FlacBitWriter w, int n, int rate, int channels, int bits, long frameNumber) {
        int start = w.length();
        w.bits(0b11111111111110, 14); // sync
        w.bits(0, 1); // reserved
        w.bits(0, 1); // fixed block size: the header carries the frame number
        int sizeCode = blockSizeCode(n);
        int rateCode = sampleRateCode(rate);
        w.bits(sizeCode, 4);
        w.bits(rateCode, 4);
        w.bits(channels - 1, 4); // independent channels
        w.bits(bits == 16 ? 0b100 : 0b110, 3);
        w.bits(0, 1);
        writeUtf8Number(w, frameNumber);
        if (sizeCode == 6) {
            w.bits(n - 1, 8);
        } else if (sizeCode == 7) {
            w.bits(n - 1, 16);
        }
        if (rateCode == 13) {
            w.bits(rate, 16);
        } else if (rateCode == 14) {
            w.bits(rate / 10, 16);
        }
        w.bits(w.crc8(start), 8);
    }

    static int blockSizeCode(int n) {
        if (n == 192) {
            return 1;
        }
        for (int c = 2; c <= 5; c++) {
            if (n == 576 << (c - 2)) {
                return c;
            }
        }
        for (int c = 8; c <= 15; c++) {
            if (n == 256 << (c - 8)) {
                return c;
            }
        }
        return n <= 256 ? 6 : 7;
    }

    static int sampleRateCode(int rate) {
        return switch (rate) {
            case 88_200 -> 1;
            case 176_400 -> 2;
            case 192_000 -> 3;
            case 8_000 -> 4;
            case 16_000 -> 5;
            case 22_050 -> 6;
            case 24_000 -> 7;
            case 32_000 -> 8;
            case 44_100 -> 9;
            case 48_000 -> 10;
            case 96_000 -> 11;
            default -> rate <= 0xFFFF ? 13 : rate % 10 == 0 ? 14 : 0;
        };
    }

    /** The frame number in FLAC's UTF-8-like variable-length code. */
    private static void writeUtf8Number(FlacBitWriter w, long v) {
        if (v < 0x80) {
            w.bits(v, 8);
            return;
        }
        int continuation = 1;
        while (v >= 1L << (6 - continuation + 6 * continuation)) {
            continuation++;
        }
        long lead = (0xFF00 >> (continuation + 1)) & 0xFF; // continuation+1 leading ones
        w.bits(lead | (v >>> (6 * continuation)), 8);
        for (int i = continuation - 1; i >= 0; i--) {
            w.bits(0x80 | ((v >>> (6 * i)) & 0x3F), 8);
        }
    }
}
