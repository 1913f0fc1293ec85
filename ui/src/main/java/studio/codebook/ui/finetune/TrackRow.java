package studio.codebook.ui.finetune;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import studio.codebook.training.data.CaptionSource;
import studio.codebook.training.data.SkippedFile;
import studio.codebook.training.data.Split;
import studio.codebook.training.data.TrackEntry;

/**
 * A line of the track table: a usable track (with its caption, which the user may edit) or a skipped
 * file (with the reason). The caption changes only through {@link FineTuneViewModel#editCaption}, which
 * also records the edit in the manifest training uses.
 */
public final class TrackRow {

    private final String path;
    private final double durationSeconds;
    private final boolean usable;
    private final Split split;
    private final String skipReason;
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper(this, "caption", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

    private TrackRow(String path, double durationSeconds, boolean usable, Split split, String skipReason) {
        this.path = path;
        this.durationSeconds = durationSeconds;
        this.usable = usable;
        this.split = split;
        this.skipReason = skipReason;
    }

    static TrackRow of(TrackEntry track) {
        TrackRow row = new TrackRow(track.relativePath(), track.durationSeconds(), true, track.split(), "");
        row.setCaption(track.caption().text(), track.caption().source());
        return row;
    }

    static TrackRow of(SkippedFile skipped) {
        TrackRow row = new TrackRow(skipped.relativePath(), Double.NaN, false, null, skipped.reason());
        row.status.set("skipped: " + skipped.reason());
        return row;
    }

    void setCaption(String text, CaptionSource source) {
        caption.set(text);
        String use = split == Split.VALIDATION ? "held out for validation" : "training";
        status.set("ok, " + use + (source == CaptionSource.EDITED ? ", caption edited" : ", caption from "
                + describe(source)));
    }

    private static String describe(CaptionSource source) {
        return switch (source) {
            case SIDECAR_TXT -> ".txt sidecar";
            case SIDECAR_JSON -> ".json sidecar";
            case TAGS -> "tags";
            case ANALYSIS -> "analysis";
            case EDITED -> "you";
        };
    }

    /** Path inside the library folder, '/'-separated. */
    public String path() {
        return path;
    }

    /** Decoded duration in seconds; NaN for a skipped file. */
    public double durationSeconds() {
        return durationSeconds;
    }

    /** Whether the track is used (a skipped file is not). */
    public boolean usable() {
        return usable;
    }

    /** Training or validation; null for a skipped file. */
    public Split split() {
        return split;
    }

    /** Why the file is skipped; empty for a usable track. */
    public String skipReason() {
        return skipReason;
    }

    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    public String caption() {
        return caption.get();
    }

    /** "ok, training, caption from tags" or "skipped: why". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public String status() {
        return status.get();
    }

    @Override
    public String toString() {
        return path;
    }
}
