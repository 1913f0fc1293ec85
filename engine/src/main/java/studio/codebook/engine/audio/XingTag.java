package studio.codebook.engine.audio;

/**
 * The Xing/Info tag LAME (and ffmpeg) write into the first MPEG frame, a frame with no audio, and the
 * LAME extension that follows it. The extension stores the encoder delay and the padding in 12 bits
 * each; with them a decoder returns exactly the samples that went into the encoder ("gapless").
 *
 * @param frames audio frames in the stream (the tag frame excluded), or -1 when not stated
 * @param bytes bytes of the stream including the tag frame, or -1 when not stated
 * @param encoderDelay samples the encoder put in front of the audio, or -1 without a LAME extension
 * @param padding samples the encoder appended to fill the last frame, or -1 without a LAME extension
 */
record XingTag(long frames, long bytes, int encoderDelay, int padding) {

    /** The decoder's own delay for layer III (the synthesis filter bank), as LAME and ffmpeg count it. */
    static final int LAYER3_DECODER_DELAY = 528 + 1;

    boolean hasGaplessInfo() {
        return encoderDelay >= 0 && padding >= 0;
    }

    /** The tag in the frame at {@code frame}, or null when that frame is an ordinary audio frame. */
    static XingTag parse(byte[] b, int frame, MpegFrameHeader h) {
        int p = frame + h.sideInfoEnd();
        int end = Math.min(b.length, frame + h.frameLength());
        if (p + 8 > end || !(AudioFileType.startsWith(b, p, "Xing") || AudioFileType.startsWith(b, p, "Info"))) {
            return null;
        }
        int flags = (int) be32(b, p + 4);
        p += 8;
        long frames = -1;
        long bytes = -1;
        if ((flags & 1) != 0 && p + 4 <= end) {
            frames = be32(b, p);
            p += 4;
        }
        if ((flags & 2) != 0 && p + 4 <= end) {
            bytes = be32(b, p);
            p += 4;
        }
        if ((flags & 4) != 0) {
            p += 100; // seek table
        }
        if ((flags & 8) != 0) {
            p += 4; // quality
        }
        int delay = -1;
        int padding = -1;
        // LAME extension: 9-byte encoder name, then revision, lowpass, peak (4), two gains (2+2), flags,
        // bitrate, and the 3 bytes holding delay and padding.
        if (p + 24 <= end && (AudioFileType.startsWith(b, p, "LAME") || AudioFileType.startsWith(b, p, "Lavc")
                || AudioFileType.startsWith(b, p, "Lavf"))) {
            int q = p + 21;
            int v = ((b[q] & 0xFF) << 16) | ((b[q + 1] & 0xFF) << 8) | (b[q + 2] & 0xFF);
            delay = v >>> 12;
            padding = v & 0xFFF;
        }
        return new XingTag(frames, bytes, delay, padding);
    }

    private static long be32(byte[] b, int p) {
        return ((b[p] & 0xFFL) << 24) | ((b[p + 1] & 0xFFL) << 16) | ((b[p + 2] & 0xFFL) << 8) | (b[p + 3] & 0xFFL);
    }
}
