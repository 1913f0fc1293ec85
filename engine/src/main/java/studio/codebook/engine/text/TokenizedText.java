package studio.codebook.engine.text;

/**
 * The token ids of one caption.
 *
 * @param ids token ids, at most the tokenizer's {@code maxTokens}; empty for the empty caption
 * @param truncated whether the caption was longer than {@code maxTokens} tokens and was cut
 * @param warning a message for the user when something was done to the text (truncation), else ""
 */
public record TokenizedText(int[] ids, boolean truncated, String warning) {

    public TokenizedText {
        ids = ids.clone();
        warning = warning == null ? "" : warning;
    }

    /** Number of tokens. */
    public int length() {
        return ids.length;
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }

    /** The ids as int64, the type DJL and HF use. */
    public long[] longIds() {
        long[] out = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = ids[i];
        }
        return out;
    }
}
