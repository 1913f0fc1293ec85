/**
 * Sound output: {@link studio.codebook.ui.audio.LinePlayback} plays clips and audio still being generated
 * through javax.sound on a daemon thread, and says so clearly when the machine has no sound card.
 */
package studio.codebook.ui.audio;
