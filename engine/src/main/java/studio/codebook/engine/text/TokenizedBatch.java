package studio.codebook.engine.text;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Captions tokenized and padded to a common length L = max(1, longest): {@code ids[b]} holds the
 * tokens of caption b followed by {@link CaptionTokenizer#PAD_ID}; {@code lengths[b]} counts the real
 * ones. A batch of empty captions has L = 1 and every slot padding.
 *
 * @param ids [B][L] token ids
 * @param lengths real tokens per caption
 * @param warnings messages for the user (one per truncated caption), in batch order
 */
public record TokenizedBatch(int[][] ids, int[] lengths, List<String> warnings) {

    public TokenizedBatch {
        warnings = List.copyOf(warnings);
    }

    /** Pads the tokenized captions into a batch. */
    public static TokenizedBatch of(List<TokenizedText> texts) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("a text batch needs at least one caption (use \"\" for no prompt)");
        }
        int length = 1;
        for (TokenizedText t : texts) {
            length = Math.max(length, t.length());
        }
        int[][] ids = new int[texts.size()][length];
        int[] lengths = new int[texts.size()];
        List<String> warnings = new java.util.ArrayList<>();
        for (int b = 0; b < texts.size(); b++) {
            TokenizedText t = texts.get(b);
            int[] tokenIds = t.ids();
            System.arraycopy(tokenIds, 0, ids[b], 0, tokenIds.length);
            java.util.Arrays.fill(ids[b], tokenIds.length, length, CaptionTokenizer.PAD_ID);
            lengths[b] = tokenIds.length;
            if (!t.warning().isEmpty()) {
                warnings.add(t.warning());
            }
        }
        return new TokenizedBatch(ids, lengths, warnings);
    }

    /** B. */
    public int batchSize() {
        return ids.length;
    }

    /** L, the padded length. */
    public int length() {
        return ids[0].length;
    }

    /** {@code NDList(ids int64 [B, L], mask float32 [B, L])} on {@code manager}: the encoder's input. */
    public NDList toNDList(NDManager manager) {
        int b = batchSize();
        int l = length();
        long[] flatIds = new long[b * l];
        float[] mask = new float[b * l];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < l; j++) {
                flatIds[i * l + j] = ids[i][j];
                mask[i * l + j] = j < lengths[i] ? 1f : 0f;
            }
        }
        return new NDList(manager.create(flatIds, new Shape(b, l)), manager.create(mask, new Shape(b, l)));
    }
}
