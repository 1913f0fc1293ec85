package studio.codebook.ui.generate;

/** The file formats a clip can be exported to. */
public enum ExportFormat {
    WAV_16("WAV 16-bit", "wav", 16),
    WAV_24("WAV 24-bit", "wav", 24),
    FLAC("FLAC", "flac", 16);

    private final String label;
    private final String extension;
    private final int bits;

    ExportFormat(String label, String extension, int bits) {
        this.label = label;
        this.extension = extension;
        this.bits = bits;
    }

    public String label() {
        return label;
    }

    /** Without the dot. */
    public String extension() {
        return extension;
    }

    public int bits() {
        return bits;
    }
}
