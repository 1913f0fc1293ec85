package studio.codebook.engine.audio;

/**
 * One MPEG audio frame header (the 4 bytes starting with the 11-bit frame sync), enough to walk a stream
 * frame by frame and to find the Xing/Info tag. Returns null for anything that is not a valid header, so
 * callers can scan garbage without exceptions.
 */
record MpegFrameHeader(int version, int layer, int bitrateKbps, int sampleRate, int channels,
        boolean crc, int frameLength, int samplesPerFrame) {

    /** MPEG version codes as in the header: 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5. */
    static final int MPEG1 = 3;

    private static final int[][] BITRATES = {
        // MPEG-1 layer I, II, III
        {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
        {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
        // MPEG-2/2.5 layer I, then II and III
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
        {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
    };
    private static final int[] RATES_MPEG1 = {44100, 48000, 32000};

    /** The header at {@code pos}, or null when the bytes there are not a valid, complete header. */
    static MpegFrameHeader parse(byte[] b, int pos) {
        if (pos < 0 || pos + 4 > b.length) {
            return null;
        }
        int h = ((b[pos] & 0xFF) << 24) | ((b[pos + 1] & 0xFF) << 16) | ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
        if ((h >>> 21) != 0x7FF) {
            return null;
        }
        int version = (h >>> 19) & 3;
        int layerBits = (h >>> 17) & 3;
        int bitrateIndex = (h >>> 12) & 15;
        int rateIndex = (h >>> 10) & 3;
        if (version == 1 || layerBits == 0 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
            return null; // reserved values; free-format (index 0) is not supported either
        }
        if ((h & 3) == 2) {
            return null; // reserved emphasis
        }
        int layer = 4 - layerBits;
        boolean crc = ((h >>> 16) & 1) == 0;
        int padding = (h >>> 9) & 1;
        int channels = ((h >>> 6) & 3) == 3 ? 1 : 2;
        int rate = RATES_MPEG1[rateIndex] >> (version == MPEG1 ? 0 : version == 2 ? 1 : 2);
        int kbps = version == MPEG1 ? BITRATES[layer - 1][bitrateIndex] : BITRATES[layer == 1 ? 3 : 4][bitrateIndex];
        int samples;
        int length;
        if (layer == 1) {
            samples = 384;
            length = (12 * kbps * 1000 / rate + padding) * 4;
        } else {
            samples = layer == 3 && version != MPEG1 ? 576 : 1152;
            length = samples / 8 * kbps * 1000 / rate + padding;
        }
        return new MpegFrameHeader(version, layer, kbps, rate, channels, crc, length, samples);
    }

    /** Whether {@code other} can follow this frame in the same stream. */
    boolean sameStream(MpegFrameHeader other) {
        return other != null && other.version == version && other.layer == layer && other.sampleRate == sampleRate;
    }

    /** Offset of the Xing/Info tag from the frame start: header, optional CRC, then the side information. */
    int sideInfoEnd() {
        int side = version == MPEG1 ? (channels == 1 ? 17 : 32) : (channels == 1 ? 9 : 17);
        return 4 + (crc ? 2 : 0) + side;
    }

    /**
     * Where an MPEG audio stream starts at or after {@code from}, looking no further than {@code window}
     * bytes: a valid header followed by two more at the offsets the headers give, or a chain of headers
     * that runs to the end of the data. -1 when there is none.
     */
    static int findStream(byte[] b, int from, int window) {
        int end = (int) Math.min(b.length, (long) from + window);
        for (int pos = from; pos < end; pos++) {
            if ((b[pos] & 0xFF) != 0xFF) {
                continue;
            }
            MpegFrameHeader first = parse(b, pos);
            if (first == null) {
                continue;
            }
            int next = pos + first.frameLength;
            int chained = 1;
            while (chained < 3) {
                if (next >= b.length || (pos == from && next + 4 > b.length)) {
                    // The data ends inside or right after the chain: accept it only at the very start.
                    chained = pos == from ? 3 : chained;
                    break;
                }
                MpegFrameHeader h = parse(b, next);
                if (!first.sameStream(h)) {
                    break;
                }
                next += h.frameLength;
                chained++;
            }
            if (chained >= 3) {
                return pos;
            }
        }
        return -1;
    }
}
