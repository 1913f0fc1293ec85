package studio.codebook.ui.inspect;

import java.nio.file.Path;
import java.util.List;
import studio.codebook.engine.stats.CodebookStatistics;

/**
 * A clip and its codes as the Inspect view shows them: plain Java data only.
 *
 * @param file the audio file
 * @param original the file's audio mixed to mono, at its own rate (what "original" plays)
 * @param originalRate samples per second of {@code original}
 * @param codes codes[k][t], K codebooks × T frames
 * @param codebookSize V
 * @param frameRate frames per second
 * @param modelRate the codec's sample rate (decodes come out at this rate)
 * @param modelSamples the clip's length at the codec's rate: decodes are cut to it
 * @param modelId the model that encoded it
 * @param usage per-codebook histogram, entropy, perplexity and usage
 */
public record EncodedClip(Path file, float[] original, int originalRate, int[][] codes, int codebookSize,
        double frameRate, int modelRate, int modelSamples, String modelId, List<CodebookStatistics> usage) {

    public EncodedClip {
        usage = List.copyOf(usage);
    }

    /** K. */
    public int numCodebooks() {
        return codes.length;
    }

    /** T. */
    public int numFrames() {
        return codes[0].length;
    }

    /** Seconds of the original audio. */
    public double durationSeconds() {
        return original.length / (double) originalRate;
    }
}
