package studio.codebook.ui.generate;

import java.util.List;
import javafx.collections.ObservableList;
import studio.codebook.ui.common.Playback;

/**
 * Plays variants through the one {@link Playback}: play, pause and resume on the same variant, a new
 * variant replaces the old, the selected span (if any) bounds what plays, and the loop switch applies at
 * once. While a variant is still generating it plays through the {@link StreamingOutput} when one is set,
 * fed each chunk as it arrives; without one it plays what has arrived. Keeps each card's playing flag and
 * playhead in step with the output.
 */
final class VariantPlayer {

    private final Playback playback;
    private final ObservableList<VariantViewModel> variants;
    private StreamingOutput streamingOutput;
    private VariantViewModel active;
    private StreamingOutput.Stream stream;
    private boolean paused;

    VariantPlayer(Playback playback, ObservableList<VariantViewModel> variants) {
        this.playback = playback;
        this.variants = variants;
        playback.position().addListener((obs, old, now) -> {
            if (active != null) {
                active.setPlayhead(now.doubleValue());
            }
        });
        playback.playing().addListener((obs, old, now) -> {
            if (active != null) {
                active.setPlaying(now);
            }
        });
    }

    void setStreamingOutput(StreamingOutput output) {
        this.streamingOutput = output;
    }

    /** Whether generating variants can be played as they stream in. */
    boolean canStream() {
        return streamingOutput != null && playback.available();
    }

    boolean available() {
        return playback.available();
    }

    String unavailableReason() {
        return playback.unavailableReason();
    }

    VariantViewModel active() {
        return active;
    }

    /** Play, pause or resume {@code v}. @return false when nothing can play (no device, no audio yet) */
    boolean toggle(VariantViewModel v) {
        if (!playback.available()) {
            return false;
        }
        if (v == active && playback.playing().get()) {
            playback.pause();
            paused = true;
            return true;
        }
        if (v == active && paused) {
            playback.resume();
            paused = false;
            return true;
        }
        return start(v, -1);
    }

    /** Starts {@code v} from its selection (or from {@code fromSeconds} when ≥ 0, or the start). */
    boolean start(VariantViewModel v, double fromSeconds) {
        if (!playback.available() || v.audio().length() == 0) {
            return false;
        }
        becomeActive(v);
        paused = false;
        int rate = v.audio().sampleRate();
        float[] samples = v.audio().copy();
        if (v.state() == VariantViewModel.State.GENERATING && streamingOutput != null && v.selection() == null) {
            stream = streamingOutput.open(rate);
            if (stream != null) {
                stream.append(samples);
                return true;
            }
        }
        stream = null;
        double[] span = v.selection();
        double duration = (double) samples.length / rate;
        double start = span != null ? span[0] : Math.max(0, fromSeconds);
        double end = span != null ? span[1] : duration;
        if (start >= end) {
            start = 0;
        }
        playback.play(samples, rate, start, end, v.loopProperty().get());
        return true;
    }

    /** A variant's audio grew: feed the stream if it is the one streaming. */
    void appended(VariantViewModel v, float[] chunk) {
        if (stream != null && v == active) {
            stream.append(chunk);
        }
    }

    /** A variant's generation ended: close its stream so the output plays out. */
    void ended(VariantViewModel v) {
        if (stream != null && v == active) {
            stream.finish();
            stream = null;
        }
    }

    /** The loop switch of {@code v} changed: apply it to what plays now. */
    void loopChanged(VariantViewModel v) {
        if (v == active && stream == null && playback.playing().get()) {
            start(v, playback.position().get());
        }
    }

    void stop() {
        if (active != null) {
            playback.stop();
            active.setPlaying(false);
            active.setPlayhead(-1);
        }
        stream = null;
        paused = false;
        active = null;
    }

    /** The variants list is being replaced: stop what belongs to it. */
    void forget(List<VariantViewModel> old) {
        if (old.contains(active)) {
            stop();
        }
    }

    private void becomeActive(VariantViewModel v) {
        if (active != null && active != v) {
            active.setPlaying(false);
            active.setPlayhead(-1);
        }
        active = v;
        for (VariantViewModel other : variants) {
            if (other != v) {
                other.setPlaying(false);
            }
        }
    }
}
