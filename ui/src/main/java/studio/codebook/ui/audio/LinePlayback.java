package studio.codebook.ui.audio;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import studio.codebook.ui.common.Playback;
import studio.codebook.ui.common.PlaybackStream;

/**
 * Plays clips through an {@link AudioOutput} (the sound card) from one daemon thread, as 16-bit PCM.
 * Commands (play, pause, resume, stop, a new stream) return at once; the thread picks them up within a
 * few milliseconds. The output is open only while something plays. The playhead is what is heard, not what was written: it follows the output's played
 * frame count, and is published to the FX thread about 30 times a second.
 *
 * <p>Audio still being generated plays through {@link #openStream(int)}: the playhead waits when it
 * catches up with the audio appended so far.
 *
 * <p>Without a sound card (see {@link SourceLineOutput#probe()}) it is {@linkplain #available()
 * unavailable}, says why, and every command does nothing.
 */
public final class LinePlayback implements Playback, AutoCloseable {

    private static final int CHUNK_FRAMES = 1024;
    private static final long PUBLISH_NANOS = 33_000_000L;

    private final AudioOutput output;
    private final String unavailableReason;
    private final Executor fx;
    private final Object lock = new Object();
    private final ReadOnlyDoubleWrapper position = new ReadOnlyDoubleWrapper(this, "position");
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(this, "playing");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final AtomicBoolean publishPending = new AtomicBoolean();
    private final Thread thread;

    // guarded by lock: the command state the thread follows
    private Source source;
    private int rate;
    private long startSample;
    private long endSample;
    private long cursor;
    private boolean loop;
    private boolean paused;
    private int generation;
    private boolean closed;

    // written by the thread (and commands), read by the publisher
    private volatile double publishedPosition;
    private volatile boolean publishedPlaying;
    private volatile String publishedError = "";

    /** The system's sound output, or an unavailable playback when there is none. */
    public static LinePlayback forSystem() {
        return new LinePlayback(new SourceLineOutput(), SourceLineOutput.probe().orElse(null), Platform::runLater);
    }

    /**
     * @param output where samples go
     * @param unavailableReason why nothing can play, or null when the output works
     * @param fx runs property updates (Platform::runLater; tests pass Runnable::run)
     */
    public LinePlayback(AudioOutput output, String unavailableReason, Executor fx) {
        this.output = Objects.requireNonNull(output);
        this.unavailableReason = unavailableReason;
        this.fx = Objects.requireNonNull(fx);
        if (unavailableReason == null) {
            thread = new Thread(this::run, "studio-playback");
            thread.setDaemon(true);
            thread.start();
        } else {
            thread = null;
        }
    }

    @Override
    public boolean available() {
        return unavailableReason == null;
    }

    @Override
    public String unavailableReason() {
        return unavailableReason == null ? "" : unavailableReason;
    }

    @Override
    public void play(float[] mono, int sampleRate, double startSeconds, double endSeconds, boolean loop) {
        Objects.requireNonNull(mono, "mono");
        float[] copy = mono.clone();
        long start = clampSample(startSeconds, sampleRate, copy.length);
        long end = endSeconds <= startSeconds ? copy.length : clampSample(endSeconds, sampleRate, copy.length);
        command(new FixedSource(copy), sampleRate, start, Math.max(start, end), loop);
    }

    /** Plays a whole clip once from its start. */
    public void play(float[] mono, int sampleRate) {
        play(mono, sampleRate, 0, 0, false);
    }

    @Override
    public PlaybackStream openStream(int sampleRate) {
        StreamSource stream = new StreamSource();
        command(stream, sampleRate, 0, Long.MAX_VALUE, false);
        return stream;
    }

    /** Loops (or stops looping) what plays now, between the same start and end. */
    public void setLoop(boolean loop) {
        synchronized (lock) {
            this.loop = loop;
        }
    }

    @Override
    public void pause() {
        synchronized (lock) {
            if (source == null) {
                return;
            }
            paused = true;
            lock.notifyAll();
        }
        publish(publishedPosition, false);
    }

    @Override
    public void resume() {
        synchronized (lock) {
            if (source == null) {
                return;
            }
            paused = false;
            lock.notifyAll();
        }
        publish(publishedPosition, true);
    }

    @Override
    public void stop() {
        double back;
        synchronized (lock) {
            back = rate > 0 ? (double) startSample / rate : 0;
            source = null;
            paused = false;
            generation++;
            lock.notifyAll();
        }
        publish(back, false);
    }

    @Override
    public ReadOnlyDoubleProperty position() {
        return position.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyBooleanProperty playing() {
        return playing.getReadOnlyProperty();
    }

    /** The last failure to open the output ("the device is busy"), or empty. */
    public ReadOnlyStringProperty error() {
        return error.getReadOnlyProperty();
    }

    /** Stops the thread and closes the output. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            source = null;
            lock.notifyAll();
        }
        if (thread != null) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void command(Source next, int sampleRate, long start, long end, boolean repeat) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, not " + sampleRate);
        }
        if (!available()) {
            if (next instanceof StreamSource s) {
                s.cancel();
            }
            return;
        }
        synchronized (lock) {
            if (source instanceof StreamSource old && old != next) {
                old.cancelled = true;
            }
            source = next;
            rate = sampleRate;
            startSample = start;
            endSample = end;
            cursor = start;
            loop = repeat;
            paused = false;
            generation++;
            lock.notifyAll();
        }
        publishedError = "";
        publish((double) start / sampleRate, true);
    }

    private static long clampSample(double seconds, int rate, int length) {
        return Math.max(0, Math.min(length, Math.round(Math.max(0, seconds) * rate)));
    }

    // ---- the playback thread ----

    /** Where written chunks sit in the output's frame count, so the played count maps back to samples. */
    private record Mark(long lineFrame, long sample, int frames) {}

    private void run() {
        ArrayDeque<Mark> marks = new ArrayDeque<>();
        byte[] pcm = new byte[CHUNK_FRAMES * 2];
        float[] samples = new float[CHUNK_FRAMES];
        int seen = -1;
        long written = 0;
        boolean running = false;
        long lastPublish = 0;
        while (true) {
            Source src;
            int gen;
            boolean isPaused;
            int srcRate;
            synchronized (lock) {
                if (closed) {
                    break;
                }
                src = source;
                gen = generation;
                isPaused = paused;
                srcRate = rate;
            }
            try {
                if (gen != seen) {
                    // A fresh line for every new clip or stream: after a flush some drivers stop counting
                    // played frames (the ALSA null device does), and an idle line holds the sound card.
                    seen = gen;
                    marks.clear();
                    running = false;
                    output.close();
                    if (src != null) {
                        output.open(srcRate);
                    }
                    written = output.playedFrames();
                }
                if (src == null || isPaused) {
                    if (running) {
                        output.stop();
                        running = false;
                    }
                    synchronized (lock) {
                        if (generation == gen && paused == isPaused && source == src && !closed) {
                            lock.wait(200);
                        }
                    }
                    continue;
                }
                // fill the output's buffer
                boolean ended = false;
                while (true) {
                    int room = output.availableFrames();
                    if (room <= 0) {
                        break;
                    }
                    long from;
                    long to;
                    synchronized (lock) {
                        if (generation != gen) {
                            break;
                        }
                        long end = Math.min(endSample, src.length());
                        if (cursor >= end) {
                            boolean complete = src.complete() || endSample <= src.length();
                            if (complete && loop && end > startSample) {
                                cursor = startSample;
                                continue;
                            }
                            ended = complete;
                            break;
                        }
                        from = cursor;
                        to = Math.min(end, cursor + Math.min(room, CHUNK_FRAMES));
                        cursor = to;
                    }
                    int n = (int) (to - from);
                    src.copy(from, samples, n);
                    toPcm16(samples, n, pcm);
                    output.write(pcm, n);
                    marks.add(new Mark(written, from, n));
                    written += n;
                }
                if (!running) {
                    output.start();
                    running = true;
                }
                long heard = output.playedFrames();
                double pos = heardPosition(marks, heard) / (double) srcRate;
                if (ended && heard >= written) {
                    synchronized (lock) {
                        if (generation == gen) {
                            source = null;
                            generation++;
                        }
                    }
                    publish(pos, false);
                    continue;
                }
                long now = System.nanoTime();
                if (now - lastPublish >= PUBLISH_NANOS) {
                    lastPublish = now;
                    publish(pos, true);
                }
                synchronized (lock) {
                    if (generation == gen && !paused && !closed) {
                        lock.wait(5);
                    }
                }
            } catch (InterruptedException e) {
                break;
            } catch (Exception e) {
                publishedError = "Audio output failed: " + e.getMessage();
                synchronized (lock) {
                    if (generation == gen) {
                        source = null;
                        generation++;
                    }
                }
                publish(publishedPosition, false);
            }
        }
        output.close();
    }

    /** The sample being heard, from the played frame count; the marks before it are dropped. */
    private static long heardPosition(ArrayDeque<Mark> marks, long heard) {
        while (marks.size() > 1 && marks.peekFirst().lineFrame() + marks.peekFirst().frames() <= heard) {
            marks.pollFirst();
        }
        Mark m = marks.peekFirst();
        if (m == null) {
            return 0;
        }
        long into = Math.max(0, Math.min(m.frames(), heard - m.lineFrame()));
        return m.sample() + into;
    }

    static void toPcm16(float[] samples, int n, byte[] out) {
        for (int i = 0; i < n; i++) {
            float x = samples[i];
            int q = Float.isNaN(x) ? 0 : (int) Math.rint(Math.max(-1f, Math.min(1f, x)) * 32767f);
            out[2 * i] = (byte) q;
            out[2 * i + 1] = (byte) (q >> 8);
        }
    }

    private void publish(double pos, boolean isPlaying) {
        publishedPosition = pos;
        publishedPlaying = isPlaying;
        if (publishPending.compareAndSet(false, true)) {
            fx.execute(() -> {
                synchronized (publishPending) {
                    publishPending.set(false);
                    position.set(publishedPosition);
                    playing.set(publishedPlaying);
                    error.set(publishedError);
                }
            });
        }
    }

    // ---- sources ----

    private interface Source {
        /** Samples available now. */
        long length();

        /** True when no more samples will come. */
        boolean complete();

        void copy(long from, float[] to, int n);
    }

    private record FixedSource(float[] samples) implements Source {
        @Override
        public long length() {
            return samples.length;
        }

        @Override
        public boolean complete() {
            return true;
        }

        @Override
        public void copy(long from, float[] to, int n) {
            System.arraycopy(samples, (int) from, to, 0, n);
        }
    }

    /** A growing buffer: the generator appends, the playback thread reads behind it. */
    private final class StreamSource implements Source, PlaybackStream {
        private float[] buffer = new float[1 << 15];
        private int size;
        private boolean finished;
        volatile boolean cancelled;

        @Override
        public synchronized long length() {
            return size;
        }

        @Override
        public synchronized boolean complete() {
            return finished || cancelled;
        }

        @Override
        public synchronized void copy(long from, float[] to, int n) {
            System.arraycopy(buffer, (int) from, to, 0, n);
        }

        @Override
        public void append(float[] mono) {
            synchronized (this) {
                if (finished || cancelled) {
                    return;
                }
                if (size + mono.length > buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + mono.length));
                }
                System.arraycopy(mono, 0, buffer, size, mono.length);
                size += mono.length;
            }
            wake();
        }

        @Override
        public void finish() {
            synchronized (this) {
                finished = true;
            }
            synchronized (lock) {
                if (source == this) {
                    endSample = Math.min(endSample, length());
                }
            }
            wake();
        }

        @Override
        public void cancel() {
            cancelled = true;
            boolean mine;
            synchronized (lock) {
                mine = source == this;
            }
            if (mine) {
                stop();
            }
        }

        private void wake() {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }
}
