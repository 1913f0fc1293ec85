/** File handling shared by the engine: atomic writes so a crash never leaves a half-written user file. */
package studio.codebook.engine.io;
