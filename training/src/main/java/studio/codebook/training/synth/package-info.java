/**
 * The synthetic captioned corpus that trains the bundled default model: procedural multi-track arrangements
 * (chords, bass, a lead melody, synthesised drums) rendered to audio in pure Java, each with a caption in
 * varied natural language drawn from the same {@link studio.codebook.training.synth.Attributes}.
 *
 * <p>Everything is deterministic by seed: a clip is named, composed, rendered and captioned from the corpus
 * seed and its index alone ({@link studio.codebook.training.synth.ClipSpec}), so a corpus can be resumed and
 * re-created byte for byte. Hot loops use a sine table and recurrences; coefficients use {@link StrictMath},
 * so the audio does not depend on the JVM's intrinsics. Some (genre, lead) pairs are never rendered into a
 * training corpus ({@link studio.codebook.training.synth.HeldOut}) so that evaluation can ask for pairs the
 * model never heard together. Entry points: {@link studio.codebook.training.synth.CorpusWriter} (folders of
 * WAV + JSON sidecars that {@code TrackLibrary} reads) and {@link studio.codebook.training.synth.Synthesizer}.
 */
package studio.codebook.training.synth;
