package studio.codebook.training.synth;

/**
 * One drum hit.
 *
 * @param start onset in seconds (on the tempo grid, plus swing and a few milliseconds of humanisation)
 * @param sound which piece of the kit
 * @param velocity 0–1
 */
public record DrumHit(double start, DrumSound sound, double velocity) {
}
