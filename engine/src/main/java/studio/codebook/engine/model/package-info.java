/**
 * Model files. A model is a folder: {@code model.json} (schema version, architecture, sample and frame
 * rate, codebooks, provenance) and weights in safetensors. Loading validates every name, shape and size
 * against the architecture and never executes anything from the files: safetensors is a JSON header and
 * raw little-endian numbers, read by our own {@link studio.codebook.engine.model.SafeTensors} parser so
 * that every offset is checked before any memory is allocated.
 */
package studio.codebook.engine.model;
