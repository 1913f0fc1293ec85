/**
 * The Fine-tune view: choose a folder of the user's tracks, review what the scan found (and edit
 * captions), choose the settings the command line's {@code finetune} takes, run the codec and language
 * model phases with pause, resume and cancel while the losses and the validation MMD² and total
 * correlation are charted, publish the new model into the models folder, and compare a held-out track
 * before and after.
 *
 * <p>The user's folder is only read: caption edits live in the run's manifest (in the app's data
 * folder), never in sidecar files beside the tracks. {@link studio.codebook.ui.finetune.FineTuneViewModel}
 * holds the state, {@link studio.codebook.ui.finetune.FineTuneView} draws it, and
 * {@link studio.codebook.ui.finetune.FineTuneJob} is the background work of one run.
 */
package studio.codebook.ui.finetune;
