package studio.codebook.training.synth;

/**
 * How busy and loud the arrangement is: hat density, melody note density, velocities and brightness all
 * follow it. With the mode it gives the mood word (see {@link Attributes#mood()}).
 */
public enum Energy {
    LOW("low"), MEDIUM("medium"), HIGH("high");

    private final String label;

    Energy(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
