package studio.codebook.training.synth;

import java.util.List;

/**
 * A genre and what is typical of it: the tempo range, the leads and drum styles it is rendered with, how
 * often it is in a major key, its chord progressions (scale degrees, one chord per bar) and its feel.
 */
public enum Genre {
    TECHNO("techno", 124, 140, List.of(DrumStyle.FOUR_ON_THE_FLOOR), 0.15,
            List.of(Lead.SAW_LEAD, Lead.SQUARE_LEAD, Lead.PLUCKED_STRING, Lead.ELECTRIC_PIANO, Lead.STRING_PAD),
            new double[] {0.05, 0.4, 0.55}, 0.0, 0.14,
            List.of("techno", "minimal techno", "peak-time techno"), List.of("track", "groove", "loop", "cut")),
    HOUSE("house", 118, 128, List.of(DrumStyle.FOUR_ON_THE_FLOOR), 0.55,
            List.of(Lead.PIANO, Lead.ORGAN, Lead.ELECTRIC_PIANO, Lead.SAW_LEAD, Lead.PLUCKED_STRING),
            new double[] {0.1, 0.5, 0.4}, 0.0, 0.16,
            List.of("house", "deep house", "classic house"), List.of("track", "groove", "tune", "cut")),
    HIP_HOP("hip-hop", 80, 100, List.of(DrumStyle.BOOM_BAP, DrumStyle.BOOM_BAP, DrumStyle.BREAKBEAT), 0.25,
            List.of(Lead.ELECTRIC_PIANO, Lead.PIANO, Lead.FLUTE, Lead.STRING_PAD, Lead.PLUCKED_STRING),
            new double[] {0.35, 0.5, 0.15}, 0.12, 0.12,
            List.of("hip-hop", "hip hop", "instrumental hip-hop"), List.of("beat", "instrumental", "track", "groove")),
    ROCK("rock", 100, 160, List.of(DrumStyle.BACKBEAT), 0.6,
            List.of(Lead.SAW_LEAD, Lead.ORGAN, Lead.PLUCKED_STRING, Lead.PIANO),
            new double[] {0.1, 0.45, 0.45}, 0.0, 0.12,
            List.of("rock", "indie rock", "garage rock"), List.of("song", "jam", "track", "instrumental")),
    AMBIENT("ambient", 60, 90, List.of(DrumStyle.NONE), 0.5,
            List.of(Lead.STRING_PAD, Lead.FLUTE, Lead.ELECTRIC_PIANO, Lead.PIANO, Lead.PLUCKED_STRING),
            new double[] {0.75, 0.25, 0.0}, 0.0, 0.45,
            List.of("ambient", "atmospheric ambient", "beatless ambient"), List.of("piece", "soundscape", "track")),
    JAZZ("jazz", 96, 172, List.of(DrumStyle.JAZZ_RIDE), 0.55,
            List.of(Lead.PIANO, Lead.ELECTRIC_PIANO, Lead.ORGAN, Lead.FLUTE, Lead.PLUCKED_STRING),
            new double[] {0.3, 0.45, 0.25}, 0.33, 0.22,
            List.of("jazz", "small-combo jazz", "swing jazz", "cool jazz"), List.of("tune", "piece", "number", "trio piece")),
    LO_FI("lo-fi", 70, 92, List.of(DrumStyle.BOOM_BAP, DrumStyle.BREAKBEAT), 0.35,
            List.of(Lead.ELECTRIC_PIANO, Lead.PIANO, Lead.PLUCKED_STRING, Lead.FLUTE, Lead.STRING_PAD),
            new double[] {0.6, 0.4, 0.0}, 0.14, 0.2,
            List.of("lo-fi", "lo-fi hip-hop", "lofi", "lo-fi chill"), List.of("beat", "loop", "track", "tune")),
    CHIPTUNE("chiptune", 130, 170, List.of(DrumStyle.CHIP_NOISE), 0.6,
            List.of(Lead.SQUARE_LEAD, Lead.SAW_LEAD, Lead.PLUCKED_STRING),
            new double[] {0.05, 0.45, 0.5}, 0.0, 0.05,
            List.of("chiptune", "8-bit chiptune", "retro chiptune"), List.of("tune", "track", "theme", "loop"));

    private final String label;
    private final int minBpm;
    private final int maxBpm;
    private final List<DrumStyle> drumStyles;
    private final double majorProbability;
    private final List<Lead> leads;
    private final double[] energyWeights;
    private final double swing;
    private final double reverbSend;
    private final List<String> phrases;
    private final List<String> nouns;

    Genre(String label, int minBpm, int maxBpm, List<DrumStyle> drumStyles, double majorProbability,
            List<Lead> leads, double[] energyWeights, double swing, double reverbSend, List<String> phrases,
            List<String> nouns) {
        this.label = label;
        this.minBpm = minBpm;
        this.maxBpm = maxBpm;
        this.drumStyles = drumStyles;
        this.majorProbability = majorProbability;
        this.leads = leads;
        this.energyWeights = energyWeights;
        this.swing = swing;
        this.reverbSend = reverbSend;
        this.phrases = phrases;
        this.nouns = nouns;
    }

    /** The canonical name, as written in the sidecar JSON. */
    public String label() {
        return label;
    }

    public int minBpm() {
        return minBpm;
    }

    public int maxBpm() {
        return maxBpm;
    }

    /** Drum styles this genre is rendered with (a style listed twice is twice as likely). */
    public List<DrumStyle> drumStyles() {
        return drumStyles;
    }

    double majorProbability() {
        return majorProbability;
    }

    /** Leads this genre is rendered with (before held-out pairs are removed). */
    public List<Lead> leads() {
        return leads;
    }

    double[] energyWeights() {
        return energyWeights.clone();
    }

    /**
     * Delay of off-beat grid steps, as a fraction of a sixteenth (16th swing) or, for jazz, of an eighth
     * (triplet swing): the beat itself stays on the grid.
     */
    double swing() {
        return swing;
    }

    double reverbSend() {
        return reverbSend;
    }

    /** Ways a caption may name this genre. */
    public List<String> phrases() {
        return phrases;
    }

    /** Nouns a caption may call a clip of this genre ("beat", "tune", …). */
    List<String> nouns() {
        return nouns;
    }

    /** Chord progressions as scale degrees (0 = tonic), one chord per bar; every one starts on the tonic. */
    int[][] progressions(Mode mode) {
        boolean major = mode == Mode.MAJOR;
        return switch (this) {
            case TECHNO -> major ? new int[][] {{0, 0, 3, 3}, {0, 4, 5, 3}}
                    : new int[][] {{0, 0, 5, 6}, {0, 0, 3, 3}, {0, 6, 5, 6}};
            case HOUSE -> major ? new int[][] {{0, 5, 3, 4}, {0, 3, 5, 4}, {0, 4, 5, 3}}
                    : new int[][] {{0, 3, 6, 2}, {0, 5, 6, 4}, {0, 3, 4, 0}};
            case HIP_HOP, LO_FI -> major ? new int[][] {{0, 5, 1, 4}, {0, 3, 2, 5}, {0, 2, 3, 4}}
                    : new int[][] {{0, 5, 3, 4}, {0, 3, 0, 6}, {0, 5, 2, 6}};
            case ROCK -> major ? new int[][] {{0, 4, 5, 3}, {0, 3, 4, 0}, {0, 3, 0, 4}}
                    : new int[][] {{0, 5, 6, 0}, {0, 6, 5, 4}, {0, 3, 4, 0}};
            case AMBIENT -> major ? new int[][] {{0, 3, 0, 5}, {0, 5, 3, 0}}
                    : new int[][] {{0, 5, 0, 3}, {0, 6, 5, 0}};
            case JAZZ -> major ? new int[][] {{0, 5, 1, 4}, {1, 4, 0, 0}, {0, 3, 1, 4}}
                    : new int[][] {{0, 3, 1, 4}, {0, 5, 1, 4}, {0, 0, 3, 4}};
            case CHIPTUNE -> major ? new int[][] {{0, 4, 5, 3}, {0, 3, 4, 0}, {0, 5, 3, 4}}
                    : new int[][] {{0, 6, 5, 6}, {0, 5, 6, 0}, {0, 3, 6, 0}};
        };
    }

    /** Jazz voices seventh chords; everything else triads. */
    boolean sevenths() {
        return this == JAZZ || this == LO_FI;
    }
}
