package studio.codebook.engine.audio;

import static studio.codebook.engine.audio.AudioFormatException.Kind.CORRUPT;
import static studio.codebook.engine.audio.AudioFormatException.Kind.NOT_AUDIO;
import static studio.codebook.engine.audio.AudioFormatException.Kind.TRUNCATED;
import static studio.codebook.engine.audio.AudioFormatException.Kind.UNSUPPORTED;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.JavaLayerException;
import javazoom.jl.decoder.Obuffer;

/**
 * MPEG audio (layer III, and I/II) through jlayer's {@code Bitstream}/{@code Decoder}, with gapless
 * trimming: when the first frame carries a Xing/Info tag with a LAME extension, the tag frame is not
 * decoded, the encoder delay plus the decoder delay (529 samples for layer III) are cut from the start
 * and the padding from the end, so the clip has exactly the samples the encoder was given. Without a
 * LAME extension the decoded frames are returned untrimmed.
 *
 * <p>We walk the frames ourselves before decoding: it tells a stream cut short (the last frame runs past
 * the end, or fewer frames than the tag declares) from one that is damaged (long runs of bytes that are
 * no frame), and it bounds jlayer's work by the number of frames we found.
 */
final class Mp3Decoder implements AudioDecoder {

    /** jlayer's synthesis filter scales samples to ±32700, not ±32768. */
    private static final float JLAYER_SCALE = 32700f;

    private record Walk(int firstAudioFrame, int end, int frames, int samplesPerFrame, boolean cutShort, long junkBytes) {
    }

    @Override
    public AudioClip decode(Path file, byte[] b, int offset) throws AudioFormatException {
        int start = MpegFrameHeader.findStream(b, offset, AudioFileType.MPEG_SEARCH_WINDOW);
        if (start < 0) {
            throw new AudioFormatException(file, NOT_AUDIO, "not an MP3 file (no frame sync in the first 64 KiB)");
        }
        MpegFrameHeader first = MpegFrameHeader.parse(b, start);
        XingTag tag = XingTag.parse(b, start, first);
        int audioStart = tag == null ? start : start + first.frameLength();
        Walk walk = walk(b, audioStart, first);
        if (walk.cutShort || (tag != null && tag.frames() > walk.frames)) {
            throw new AudioFormatException(file, TRUNCATED, String.format(
                    "the file is cut short: the last MP3 frame is incomplete%s; it was probably interrupted while copying",
                    tag != null && tag.frames() > 0 ? String.format(" (%d of %d frames present)", walk.frames, tag.frames()) : ""));
        }
        long audioBytes = Math.max(1, walk.end - audioStart);
        // A few stray bytes between frames are common (bad rippers, tag editors); this much is damage.
        if (walk.junkBytes * 20 > audioBytes || walk.junkBytes > 64 * 1024) {
            throw new AudioFormatException(file, CORRUPT, String.format(
                    "the MP3 data is damaged: %d of %d bytes are not valid frames", walk.junkBytes, audioBytes));
        }
        if (walk.frames == 0) {
            throw new AudioFormatException(file, tag != null ? TRUNCATED : CORRUPT, "it holds no MP3 audio frames");
        }
        PcmBuffer pcm = decodeFrames(file, b, walk, first.channels());
        int from = 0;
        int to = pcm.frames();
        if (tag != null && tag.hasGaplessInfo()) {
            int decoderDelay = first.layer() == 3 ? XingTag.LAYER3_DECODER_DELAY : 0;
            long total = (long) walk.frames * first.samplesPerFrame();
            long original = total - tag.encoderDelay() - tag.padding();
            from = Math.min(to, tag.encoderDelay() + decoderDelay);
            to = (int) Math.max(from, Math.min(to, from + Math.max(0, original)));
        }
        return pcm.toClip(first.sampleRate(), from, to, null);
    }

    /** Follows the frame chain from {@code from}, resynchronising over junk, up to the trailing tags. */
    private static Walk walk(byte[] b, int from, MpegFrameHeader reference) {
        int pos = from;
        int frames = 0;
        long junk = 0;
        int end = from;
        while (pos < b.length) {
            if (AudioFileType.startsWith(b, pos, "TAG") || AudioFileType.startsWith(b, pos, "APETAGEX")
                    || AudioFileType.startsWith(b, pos, "LYRICSBEGIN") || AudioFileType.startsWith(b, pos, "ID3")) {
                break; // trailing metadata
            }
            MpegFrameHeader h = MpegFrameHeader.parse(b, pos);
            if (reference.sameStream(h)) {
                if (pos + h.frameLength() > b.length) {
                    return new Walk(from, end, frames, reference.samplesPerFrame(), true, junk);
                }
                frames++;
                pos += h.frameLength();
                end = pos;
                continue;
            }
            int next = MpegFrameHeader.findStream(b, pos + 1, b.length);
            if (next < 0) {
                junk += b.length - pos;
                break;
            }
            junk += next - pos;
            pos = next;
        }
        return new Walk(from, end, frames, reference.samplesPerFrame(), false, junk);
    }

    private static PcmBuffer decodeFrames(Path file, byte[] b, Walk walk, int channels) throws AudioFormatException {
        FloatOutput out = new FloatOutput(channels, walk.frames * walk.samplesPerFrame);
        Bitstream stream = new Bitstream(new ByteArrayInputStream(b, walk.firstAudioFrame, walk.end - walk.firstAudioFrame));
        Decoder decoder = new Decoder();
        decoder.setOutputBuffer(out);
        try {
            // jlayer resynchronises over junk by itself; we allow it a few more frames than we counted.
            for (int n = 0; n < walk.frames + 16; n++) {
                Header header = stream.readFrame();
                if (header == null) {
                    break;
                }
                decoder.decodeFrame(header, stream);
                stream.closeFrame();
                out.endFrame();
                if (out.tooLong) {
                    throw new AudioFormatException(file, UNSUPPORTED, "it is too long to load at once; split it into shorter files");
                }
            }
        } catch (JavaLayerException | RuntimeException e) {
            throw new AudioFormatException(file, CORRUPT, "the MP3 data is damaged (" + e.getMessage() + ")", e);
        }
        return out.pcm;
    }

    /** Receives jlayer's float output, unquantised, per channel. */
    private static final class FloatOutput extends Obuffer {
        final PcmBuffer pcm;
        private final int[] written;
        boolean tooLong;

        FloatOutput(int channels, int expectedFrames) {
            pcm = new PcmBuffer(channels, Math.min(expectedFrames, 1 << 20));
            written = new int[channels];
        }

        @Override
        public void appendSamples(int channel, float[] f) {
            // room for what this frame has written to the channel so far, plus these samples
            if (channel >= written.length || !pcm.ensureRoom(written[channel] + f.length)) {
                tooLong |= channel < written.length;
                return;
            }
            float[] dst = pcm.channel(channel);
            int at = pcm.frames() + written[channel];
            for (int i = 0; i < f.length; i++) {
                dst[at + i] = f[i] / JLAYER_SCALE;
            }
            written[channel] += f.length;
        }

        @Override
        public void append(int channel, short value) {
            appendSamples(channel, new float[] {value});
        }

        /** All channels received the same count; a mono frame in a stereo stream is duplicated. */
        void endFrame() {
            int n = 0;
            for (int w : written) {
                n = Math.max(n, w);
            }
            for (int c = 0; c < written.length; c++) {
                if (written[c] < n) {
                    float[] dst = pcm.channel(c);
                    float[] src = pcm.channel(0);
                    for (int i = written[c]; i < n; i++) {
                        dst[pcm.frames() + i] = c == 0 ? 0f : src[pcm.frames() + i];
                    }
                }
                written[c] = 0;
            }
            pcm.advance(n);
        }

        @Override
        public void write_buffer(int val) {
        }

        @Override
        public void close() {
        }

        @Override
        public void clear_buffer() {
        }

        @Override
        public void set_stop_flag() {
        }
    }
}
