package studio.codebook.ui.dependence;

/** What audio the dependence is measured over. */
public enum AudioSource {
    /** The clip selected in the library (or generated last). */
    SELECTED_CLIP("Selected clip"),
    /** Every audio file in a folder, recursively. */
    FOLDER("Folder"),
    /** The validation tracks of the run that trained the model. */
    VALIDATION_SET("Validation set");

    private final String label;

    AudioSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
