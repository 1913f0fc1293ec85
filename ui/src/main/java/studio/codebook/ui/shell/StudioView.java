package studio.codebook.ui.shell;

/** The main window's views, in tab order (Ctrl+1 … Ctrl+5). */
public enum StudioView {
    GENERATE("Generate", "Make music from a prompt"),
    INSPECT("Inspect", "The token streams of the selected clip"),
    DEPENDENCE("Dependence", "Mutual information between codebooks"),
    FINETUNE("Fine-tune", "Train the model on your own tracks"),
    LIBRARY("Library", "Every clip you generated");

    private final String title;
    private final String description;

    StudioView(String title, String description) {
        this.title = title;
        this.description = description;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }
}
