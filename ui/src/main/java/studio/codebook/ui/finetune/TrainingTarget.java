package studio.codebook.ui.finetune;

/** Which parts of the base model a fine-tune trains. */
public enum TrainingTarget {
    /** The codec first, then the language model on the adapted codec's codes (the command line's finetune). */
    BOTH("Codec, then language model"),
    /**
     * The codec only; the language model is kept as it was, so it was trained on the old codec's codes:
     * good for reconstruction and for measuring dependence, weaker for generation.
     */
    CODEC("Codec only"),
    /** The language model and text encoder only, on the codes of the base model's codec. */
    LANGUAGE_MODEL("Language model only");

    private final String label;

    TrainingTarget(String label) {
        this.label = label;
    }

    public boolean trainsCodec() {
        return this != LANGUAGE_MODEL;
    }

    public boolean trainsLanguageModel() {
        return this != CODEC;
    }

    /** Shown in the settings' choice box. */
    @Override
    public String toString() {
        return label;
    }
}
