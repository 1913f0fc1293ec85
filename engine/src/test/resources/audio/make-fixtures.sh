#!/bin/sh
# Regenerates the audio fixtures for studio.codebook.engine.audio tests.
# Needs sox, flac, lame and oggenc. Run from anywhere; writes beside this script.
# -D turns sox's dither off so the files are the same on every run.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# WAV: 440 Hz at half scale, one file per sample encoding.
sox -D -n -r 16000 -c 1 -b 8  -e unsigned-integer sine440_16k_u8.wav  synth 0.5  sine 440 vol 0.5
sox -D -n -r 16000 -c 1 -b 16 -e signed-integer   sine440_16k_s16.wav synth 0.5  sine 440 vol 0.5
sox -D -n -r 16000 -c 1 -b 24 -e signed-integer   sine440_16k_s24.wav synth 0.5  sine 440 vol 0.5
sox -D -n -r 16000 -c 1 -b 32 -e signed-integer   sine440_16k_s32.wav synth 0.25 sine 440 vol 0.5
sox -D -n -r 16000 -c 1 -b 32 -e floating-point   sine440_16k_f32.wav synth 0.25 sine 440 vol 0.5
sox -D -n -r 8000  -c 1 -b 64 -e floating-point   sine440_8k_f64.wav  synth 0.25 sine 440 vol 0.5
# Stereo: left 440 Hz, right 660 Hz, so a swapped channel order shows.
sox -D -n -r 22050 -c 2 -b 16 sine440l_660r_22k_s16.wav synth 0.25 sine 440 sine 660 vol 0.5
# Three channels (sox writes WAVE_FORMAT_EXTENSIBLE above two): 440, 550, 660 Hz.
sox -D -n -r 16000 -c 3 -b 16 sine440_550_660_16k_3ch.wav synth 0.25 sine 440 sine 550 sine 660 vol 0.5

# FLAC, 16- and 24-bit, from the WAVs above (bit-exact by construction).
flac -s -f --best -o sine440_16k_s16.flac sine440_16k_s16.wav
flac -s -f --best -o sine440_16k_s24.flac sine440_16k_s24.wav
flac -s -f --best -o sine440l_660r_22k_s16.flac sine440l_660r_22k_s16.wav

# MP3 with a LAME/Info tag (gapless info). MPEG-2 at 16 kHz mono, with an ID3v2 tag in front.
# (At 32 kbit/s an MPEG-2 frame is too small to hold the tag, and lame silently leaves it out.)
lame --quiet -b 64 --add-id3v2 --tt "fixture" sine440_16k_s16.wav sine440_16k.mp3
# MPEG-1 at 44.1 kHz stereo; its source is not kept, only its length (fixtures.properties).
sox -D -n -r 44100 -c 2 -b 16 "$tmp/s44.wav" synth 0.5 sine 440 sine 440 vol 0.5
lame --quiet -b 128 "$tmp/s44.wav" sine440_44k_stereo.mp3
# MP3 without the Info tag: no gapless info, so it decodes untrimmed.
lame --quiet -b 32 -t sine440_16k_s16.wav sine440_16k_notag.mp3

# OGG Vorbis.
oggenc -Q -q 2 -o sine440_16k.ogg sine440_16k_s16.wav
oggenc -Q -q 2 -o sine440_44k_stereo.ogg "$tmp/s44.wav"
# Three channels: oggenc maps WAV order (L R C) to Vorbis order (L C R); the reader maps it back.
oggenc -Q -q 2 -o sine440_550_660_16k_3ch.ogg sine440_550_660_16k_3ch.wav

{
  echo "# sample frames of the sources of the lossy fixtures (soxi -s)"
  echo "sine440_16k.mp3=$(soxi -s sine440_16k_s16.wav)"
  echo "sine440_44k_stereo.mp3=$(soxi -s "$tmp/s44.wav")"
  echo "sine440_16k.ogg=$(soxi -s sine440_16k_s16.wav)"
  echo "sine440_44k_stereo.ogg=$(soxi -s "$tmp/s44.wav")"
  echo "sine440_550_660_16k_3ch.ogg=$(soxi -s sine440_550_660_16k_3ch.wav)"
} > fixtures.properties
