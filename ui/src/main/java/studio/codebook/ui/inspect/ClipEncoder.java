package studio.codebook.ui.inspect;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.AudioReader;
import studio.codebook.engine.codec.Codes;
import studio.codebook.engine.codec.CompressionModel;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.engine.stats.CodeStatistics;
import studio.codebook.ui.common.TaskContext;

/**
 * The engine work behind the Inspect view, run inside background tasks: read and encode a clip, and decode
 * it again from its first k codebooks. Only plain arrays come out.
 */
final class ClipEncoder {

    private ClipEncoder() {
    }

    /** Reads {@code file}, encodes it with the model's codec and measures how each codebook is used. */
    static EncodedClip encode(MusicModel model, Path file, TaskContext context) throws IOException {
        context.progress(-1, "reading " + file.getFileName());
        AudioClip clip = AudioReader.read(file);
        context.checkCancelled();
        if (clip.numFrames() == 0) {
            throw new IOException(file.getFileName() + ": the file holds no audio");
        }
        CompressionModel codec = model.codec();
        context.progress(-1, String.format("encoding %.1f s", clip.durationSeconds()));
        AudioClip prepared = codec.prepare(clip);
        context.checkCancelled();
        Codes codes = codec.encode(prepared);
        context.checkCancelled();
        context.progress(-1, "measuring codebook usage");
        CodeStatistics stats = CodeStatistics.of(codes);
        return new EncodedClip(file, clip.monoSamples(), clip.sampleRate(), codes.codes(), codes.codebookSize(),
                codes.frameRate(), codec.sampleRate(), prepared.numFrames(), model.config().id(), stats.codebooks());
    }

    /**
     * The clip decoded from its first {@code k} codebooks (as {@code decode --codebooks k} does), mono and
     * cut to the clip's length.
     */
    static DecodedAudio decodeFirst(MusicModel model, EncodedClip clip, int k, TaskContext context) {
        context.progress(-1, "decoding with " + k + " of " + clip.numCodebooks() + " codebooks");
        CompressionModel codec = model.codec();
        Codes codes = new Codes(clip.codes(), clip.codebookSize(), clip.frameRate());
        AudioClip decoded = codec.decode(codes, k);
        context.checkCancelled();
        float[] mono = decoded.monoSamples();
        return new DecodedAudio(k, Arrays.copyOf(mono, Math.min(mono.length, clip.modelSamples())),
                decoded.sampleRate());
    }
}
