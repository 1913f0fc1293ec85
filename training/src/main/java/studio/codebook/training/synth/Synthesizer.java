package studio.codebook.training.synth;

import java.util.List;
import java.util.Random;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.Loudness;

/**
 * Renders {@link Attributes} to audio: composes an {@link Arrangement}, plays each part on its instrument,
 * mixes (lead loudest, light reverb) and normalises the loudness. Mono; deterministic by seed.
 */
public final class Synthesizer {

    /** Integrated loudness of every rendered clip, as the track library normalises to. */
    public static final double TARGET_LUFS = -16;
    /** Sample-peak ceiling, dBFS. */
    public static final double PEAK_CEILING_DB = -1;

    private static final double LEAD_DB = -15;

    private Synthesizer() {
    }

    /** {@code seconds} of music with attributes {@code a}, composed and rendered from {@code seed}. */
    public static AudioClip render(Attributes a, long seed, double seconds, int rate) {
        Random random = new Random(seed);
        return render(a, Arrangement.compose(a, random, seconds), random, seconds, rate);
    }

    /** Renders a given arrangement; {@code random} supplies the instruments' noise. */
    public static AudioClip render(Attributes a, Arrangement arrangement, Random random, double seconds, int rate) {
        if (rate < 8_000 || rate > 192_000) {
            throw new IllegalArgumentException("sample rate must be 8000–192000 Hz, not " + rate);
        }
        if (!(seconds > 0 && seconds <= 600)) {
            throw new IllegalArgumentException("clip length must be within (0, 600] s, not " + seconds);
        }
        int n = (int) Math.round(seconds * rate);
        float[] lead = play(arrangement.melody(), Instruments.lead(a.lead(), rate, random), n, rate);
        float[] chords = play(arrangement.chords(), Instruments.comping(a.genre(), rate), n, rate);
        float[] bass = play(arrangement.bass(), Instruments.bass(a.genre(), rate, random), n, rate);
        float[] drums = new float[n];
        if (a.drums() != DrumStyle.NONE) {
            DrumKit kit = new DrumKit(a.drums(), rate, random);
            for (DrumHit h : arrangement.drums()) {
                int start = (int) Math.round(h.start() * rate);
                if (start < n) {
                    kit.hit(drums, start, h.sound(), h.velocity());
                }
            }
        }
        double send = a.genre().reverbSend();
        boolean beatless = a.drums() == DrumStyle.NONE;
        float[] mix = Mixer.mix(List.of(
                new Mixer.Part(lead, LEAD_DB, 0, send),
                new Mixer.Part(chords, LEAD_DB - (beatless ? 5 : 7), -0.3, send * 1.2),
                new Mixer.Part(bass, LEAD_DB - 5, 0, send * 0.3),
                new Mixer.Part(drums, LEAD_DB - 3, 0.1, send * 0.4)), n, rate, beatless ? 2.5 : 1.2);
        if (a.genre() == Genre.LO_FI) {
            LoFi.dust(mix, rate, random);
        }
        fadeOut(mix, rate);
        AudioClip clip = AudioClip.mono(mix, rate);
        return Loudness.normalize(clip, TARGET_LUFS, PEAK_CEILING_DB);
    }

    /** One isolated note of a lead instrument (for listening tests and timbre checks), not normalised. */
    public static float[] note(Lead lead, double frequency, double seconds, int rate, long seed) {
        int hold = (int) Math.round(seconds * rate);
        float[] out = new float[hold + rate / 2];
        Instruments.lead(lead, rate, new Random(seed)).play(out, 0, hold, frequency, 0.8);
        return out;
    }

    private static float[] play(List<Note> notes, Instrument instrument, int n, int rate) {
        float[] out = new float[n];
        for (Note note : notes) {
            int start = Math.max(0, (int) Math.round(note.start() * rate));
            if (start < n) {
                instrument.play(out, start, Math.max(1, (int) Math.round(note.duration() * rate)), note.frequency(),
                        note.velocity());
            }
        }
        return out;
    }

    /** 10 ms to silence at the end, so a clip cut mid-note does not click. */
    private static void fadeOut(float[] x, int rate) {
        int f = Math.min(x.length, rate / 100);
        for (int i = 0; i < f; i++) {
            x[x.length - 1 - i] *= (float) i / f;
        }
    }
}
