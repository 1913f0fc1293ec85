package studio.codebook.engine.generate;

import java.util.Arrays;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.codec.Codes;
import studio.codebook.engine.codec.CompressionModel;

/**
 * Decodes frames as the pattern completes them and hands the audio to the listener in order, a chunk of
 * {@link Generator#STREAM_CHUNK_FRAMES} frames at a time with {@link Generator#STREAM_CONTEXT_FRAMES} frames
 * of left context that are decoded and dropped, so chunk joins are continuous.
 */
final class StreamingDecoder {

    private final CompressionModel codec;
    private final GenerationListener listener;
    private final int[] emitted;

    StreamingDecoder(CompressionModel codec, GenerationListener listener, int variants) {
        this.codec = codec;
        this.listener = listener;
        this.emitted = new int[variants];
    }

    /** Decodes and delivers what is complete, once a whole chunk is ready. */
    void advance(int[][][] codes, int completeFrames) {
        for (int v = 0; v < codes.length; v++) {
            if (completeFrames - emitted[v] >= Generator.STREAM_CHUNK_FRAMES) {
                emit(v, codes[v], completeFrames);
            }
        }
    }

    /** Delivers the rest. */
    void finish(int[][][] codes, int totalFrames) {
        for (int v = 0; v < codes.length; v++) {
            if (emitted[v] < totalFrames) {
                emit(v, codes[v], totalFrames);
            }
        }
    }

    private void emit(int v, int[][] codes, int to) {
        int from = Math.max(0, emitted[v] - Generator.STREAM_CONTEXT_FRAMES);
        from -= from % codec.frameAlignment(); // a spectral decoder's phase is defined from frame 0
        int[][] slice = new int[codes.length][];
        for (int q = 0; q < codes.length; q++) {
            slice[q] = Arrays.copyOfRange(codes[q], from, to);
        }
        AudioClip decoded = codec.decode(new Codes(slice, codec.codebookSize(), codec.frameRate()), codes.length);
        int hop = codec.hopLength();
        int skip = (emitted[v] - from) * hop;
        float[][] part = new float[decoded.numChannels()][];
        for (int c = 0; c < part.length; c++) {
            part[c] = Arrays.copyOfRange(decoded.channel(c), skip, (to - from) * hop);
        }
        listener.audio(v, new AudioClip(part, codec.sampleRate()), (long) emitted[v] * hop);
        emitted[v] = to;
    }
}
