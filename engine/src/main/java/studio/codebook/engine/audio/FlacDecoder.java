package studio.codebook.engine.audio;

import static studio.codebook.engine.audio.AudioFormatException.Kind.CORRUPT;
import static studio.codebook.engine.audio.AudioFormatException.Kind.TRUNCATED;
import static studio.codebook.engine.audio.AudioFormatException.Kind.UNSUPPORTED;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.nio.file.Path;
import org.jflac.ChannelData;
import org.jflac.FrameListener;
import org.jflac.frame.Frame;
import org.jflac.metadata.Metadata;
import org.jflac.metadata.StreamInfo;

/**
 * FLAC through jflac's own {@code FLACDecoder} API, reading the decoded integers straight from its
 * channel buffers: that is bit-exact for every bit depth, whereas jflac's javax.sound provider fails on
 * 24-bit files. jflac skips frames whose CRC fails; we count them and report the file as damaged, and a
 * stream that ends before the sample count in STREAMINFO as cut short.
 *
 * <p>jflac is given the STREAMINFO block and the audio frames only: the other metadata blocks (tags,
 * pictures, cue sheets, seek tables) are not needed to decode, and jflac allocates for the counts and
 * lengths inside them before reading a byte (a VORBIS_COMMENT claiming 2^31 comments ran a 3 GB heap out of
 * memory: found by fuzzing).
 */
final class FlacDecoder implements AudioDecoder {

    /** "fLaC", the STREAMINFO block's 4-byte header and its 34 bytes. */
    private static final int STREAMINFO_END = 4 + 4 + 34;

    @Override
    public AudioClip decode(Path file, byte[] b, int offset) throws AudioFormatException {
        int audio = checkMetadataBlocks(file, b, offset);
        byte[] header = new byte[STREAMINFO_END];
        System.arraycopy(b, offset, header, 0, STREAMINFO_END);
        header[4] |= (byte) 0x80; // STREAMINFO becomes the last metadata block
        org.jflac.FLACDecoder decoder = new org.jflac.FLACDecoder(new SequenceInputStream(
                new ByteArrayInputStream(header), new ByteArrayInputStream(b, audio, b.length - audio)));
        decoder.addFrameListener(new StallGuard(decoder));
        StreamInfo info;
        try {
            decoder.readMetadata();
            info = decoder.getStreamInfo();
        } catch (EOFException e) {
            throw new AudioFormatException(file, TRUNCATED, "the file ends inside its FLAC header", e);
        } catch (IOException | RuntimeException e) {
            throw new AudioFormatException(file, CORRUPT, "its FLAC header is damaged (" + e.getMessage() + ")", e);
        }
        if (info == null) {
            throw new AudioFormatException(file, CORRUPT, "its FLAC header has no STREAMINFO block");
        }
        int channels = info.getChannels();
        int bits = info.getBitsPerSample();
        int rate = info.getSampleRate();
        if (channels < 1 || channels > 8 || bits < 4 || bits > 32 || rate <= 0) {
            throw new AudioFormatException(file, CORRUPT, "its FLAC header says " + channels + " channels of "
                    + bits + "-bit audio at " + rate + " Hz");
        }
        long declared = info.getTotalSamples(); // 0 when the encoder did not know
        float scale = (float) (1.0 / (1L << (bits - 1)));
        PcmBuffer pcm = new PcmBuffer(channels, (int) Math.min(declared, 1 << 20));
        try {
            decodeFrames(file, decoder, declared, pcm, scale, b.length);
        } catch (AudioFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new AudioFormatException(file, CORRUPT, "its FLAC audio is damaged (" + e.getMessage() + ")", e);
        }
        if (decoder.getBadFrames() > 0) {
            throw new AudioFormatException(file, CORRUPT, decoder.getBadFrames() + " FLAC frame(s) are damaged (checksum or header errors)");
        }
        if (declared > 0 && pcm.frames() < declared) {
            throw new AudioFormatException(file, TRUNCATED, String.format(
                    "the file is cut short: its header promises %.2f s of audio but only %.2f s decode",
                    (double) declared / rate, (double) pcm.frames() / rate));
        }
        int frames = declared > 0 ? (int) Math.min(declared, pcm.frames()) : pcm.frames();
        return pcm.toClip(rate, 0, frames, null);
    }

    /**
     * Decodes frames into {@code pcm} until the data ends or the declared samples are there. Each frame
     * consumes at least a few bytes, so at most {@code maxFrames} (the file's length) are read even if jflac
     * misbehaves.
     */
    private static void decodeFrames(Path file, org.jflac.FLACDecoder decoder, long declared, PcmBuffer pcm,
            float scale, long maxFrames) throws IOException {
        int channels = pcm.numChannels();
        try {
            Frame frame;
            // Once it has decoded the samples STREAMINFO declares, jflac stops looking for frame syncs and would
            // retry whatever follows as a frame: stop there ourselves; the clip is cut to that length anyway.
            for (long n = 0; n < maxFrames && !(declared > 0 && decoder.getSamplesDecoded() >= declared)
                    && (frame = decoder.readNextFrame()) != null; n++) {
                int blockSize = frame.header.blockSize;
                if (frame.header.channels != channels) {
                    throw new AudioFormatException(file, CORRUPT, "a FLAC frame has " + frame.header.channels
                            + " channels where the header says " + channels);
                }
                if (!pcm.ensureRoom(blockSize)) {
                    throw new AudioFormatException(file, UNSUPPORTED, "it is too long to load at once; split it into shorter files");
                }
                ChannelData[] data = decoder.getChannelData();
                for (int c = 0; c < channels; c++) {
                    int[] src = data[c].getOutput();
                    float[] dst = pcm.channel(c);
                    int at = pcm.frames();
                    for (int i = 0; i < blockSize; i++) {
                        dst[at + i] = src[i] * scale;
                    }
                }
                pcm.advance(blockSize);
            }
        } catch (StallGuard.Stalled e) {
            // jflac finds no further frame it can read: the audio ends here (its bad frames are counted)
        }
    }

    /**
     * Stops jflac where it would loop forever: its {@code readNextFrame} retries after a bad frame header, and
     * once its sync search has hit the end of the data (or stopped at the declared sample count) each retry
     * reads the same stale header again without consuming input (found by fuzzing: the reproducers are in the
     * fuzz test's inputs). An error reported with no input consumed since the previous one is that loop.
     */
    private static final class StallGuard implements FrameListener {

        private final org.jflac.FLACDecoder decoder;
        private long lastErrorAt = -1;

        StallGuard(org.jflac.FLACDecoder decoder) {
            this.decoder = decoder;
        }

        @Override
        public void processError(String message) {
            long at = decoder.getTotalBytesRead();
            if (at == lastErrorAt) {
                throw new Stalled();
            }
            lastErrorAt = at;
        }

        @Override
        public void processMetadata(Metadata metadata) {
        }

        @Override
        public void processFrame(Frame frame) {
        }

        /** Thrown through jflac to end its retry loop; caught in {@link FlacDecoder#decodeFrames}. */
        static final class Stalled extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Stalled() {
                super("jflac stalled", null, false, false);
            }
        }
    }

    /**
     * Walks the metadata block headers, so that a lying length is caught before anything is allocated for it,
     * and returns where the audio frames start.
     */
    private static int checkMetadataBlocks(Path file, byte[] b, int offset) throws AudioFormatException {
        int pos = offset + 4;
        boolean last = false;
        boolean first = true;
        while (!last) {
            if (pos + 4 > b.length) {
                throw new AudioFormatException(file, TRUNCATED, "the file ends inside its FLAC header");
            }
            last = (b[pos] & 0x80) != 0;
            int type = b[pos] & 0x7F;
            int length = ((b[pos + 1] & 0xFF) << 16) | ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
            if (first && (type != 0 || length != 34)) {
                throw new AudioFormatException(file, CORRUPT, "its FLAC header does not start with a valid STREAMINFO block");
            }
            if (type == 127) {
                throw new AudioFormatException(file, CORRUPT, "its FLAC header has an invalid metadata block");
            }
            pos += 4 + length;
            if (pos > b.length) {
                throw new AudioFormatException(file, TRUNCATED, "the file ends inside its FLAC header");
            }
            first = false;
        }
        return pos;
    }
}
