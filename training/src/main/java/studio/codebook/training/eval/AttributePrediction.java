package studio.codebook.training.eval;

/**
 * What the classifier hears in one clip: a probability per class of each head, and the embedding.
 *
 * @param genre softmax over {@link ClassifierConfig#genres()}
 * @param lead softmax over {@link ClassifierConfig#leads()}
 * @param drums softmax over {@link ClassifierConfig#drums()}
 * @param embedding the pooled features the heads read (for the Fréchet distance)
 */
public record AttributePrediction(float[] genre, float[] lead, float[] drums, float[] embedding) {

    public int genreClass() {
        return argmax(genre);
    }

    public int leadClass() {
        return argmax(lead);
    }

    public int drumsClass() {
        return argmax(drums);
    }

    static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
