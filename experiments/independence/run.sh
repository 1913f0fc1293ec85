#!/usr/bin/env bash
# The paper's experiment at our scale (issue 5, docs/results.md): three codecs identical but for the
# loss (λ = 0; λ > 0 same-frame; λ > 0 delay-aligned), a delay-pattern LM on each, and a flatten-pattern
# LM on the λ = 0 codec as the exact joint reference. Every stage is resumable: rerun the script after
# an interruption and it continues (finished stages are skipped, interrupted trainings resume from their
# last checkpoint). Nothing here is committed except this script and the figures in docs/results.md.
#
# usage: experiments/independence/run.sh WORK_DIR [JAR]
#   WORK_DIR gets the corpus, the held-out sets, the classifier, the models and the reports.
#   JAR defaults to app/target/codebook-studio.jar (build it first: mvn -B -DskipTests package).
set -euo pipefail
WORK=${1:?usage: run.sh WORK_DIR [JAR]}
JAR=${2:-$(cd "$(dirname "$0")/../.." && pwd)/app/target/codebook-studio.jar}
THREADS=${THREADS:-1}
LAMBDA=${LAMBDA:-1.0}
CODEC_STEPS=${CODEC_STEPS:-3000}
LM_STEPS=${LM_STEPS:-3000}
FRAMES=${FRAMES:-125}
mkdir -p "$WORK" && cd "$WORK"
cs() { java -Dai.djl.pytorch.num_threads="$THREADS" -jar "$JAR" "$@"; }
log() { echo "[$(date -u +%H:%M:%S)] $*"; }

# Data: the training corpus (3 h, seed 1), held-out clips of the training pairs (seed 7), held-out
# (genre, lead) pairs for compositional prompts (seed 11), and the classifier's extra clips (seed 12).
[ -f corpus/corpus.json ] && grep -q '"complete" : true' corpus/corpus.json || cs synth --hours 3 --out corpus --seed 1
[ -d heldout-audio ] || cs synth --hours 0.2 --out heldout-audio --seed 7
[ -d ho-eval ] || cs synth --held-out --hours 0.25 --seed 11 --out ho-eval
[ -d ho-classifier ] || cs synth --held-out --hours 0.3 --seed 12 --out ho-classifier
if [ ! -f classifier/classifier.json ]; then
  # The classifier judges generations; it is trained on training-pair clips plus held-out-pair clips of
  # another seed (without those it ties the lead to the genre: see docs/results.md).
  mkdir -p classifier-data
  for f in $(ls corpus/synth-1-*.wav | head -400) ho-classifier/*.wav; do
    ln -sf "$PWD/${f%.wav}.wav" classifier-data/; ln -sf "$PWD/${f%.wav}.json" classifier-data/
  done
  cs classifier train --data classifier-data --out classifier --steps 800
fi

train_codec() { # name, extra options
  local name=$1; shift
  if [ -f "codec-$name/model.json" ]; then return; fi
  local resume=""; [ -d "codec-$name.run/checkpoints" ] && resume=--resume
  log "codec $name"
  cs train codec --data corpus --out "codec-$name" --preset small --steps "$CODEC_STEPS" --batch 8 \
     --checkpoint-every 500 --seed 1 --no-progress $resume "$@"
}
train_lm() { # codec name, lm name, extra options
  local codec=$1 name=$2; shift 2
  if [ -f "lm-$name/model.json" ]; then return; fi
  local resume=""; [ -d "lm-$name.run/checkpoints" ] && resume=--resume
  log "lm $name on codec-$codec"
  cs train lm --data corpus --model "codec-$codec" --out "lm-$name" --steps "$LM_STEPS" --batch 8 \
     --frames "$FRAMES" --freeze-text --checkpoint-every 500 --seed 1 --no-progress $resume "$@"
}
evaluate() { # model folder, report name
  [ -f "reports/$2.json" ] && return
  log "evaluate $1"
  cs evaluate --data heldout-audio --model "$1" --max-segments 60 --json "reports/$2.json" > "reports/$2.txt"
}
evaluate_generation() { # model folder, report name
  [ -f "reports/gen-$2.json" ] || cs evaluate --generation --model "$1" --classifier classifier --held-out ho-eval \
     --clips 32 --duration 5 --window 0 --json "reports/gen-$2.json" > "reports/gen-$2.txt"
  [ -f "reports/gen-seen-$2.json" ] || cs evaluate --generation --model "$1" --classifier classifier --held-out heldout-audio \
     --clips 32 --duration 5 --window 0 --json "reports/gen-seen-$2.json" > "reports/gen-seen-$2.txt"
}
mkdir -p reports

train_codec l0 --independence-weight 0
train_codec same --independence-weight "$LAMBDA" --alignment same
train_codec delay --independence-weight "$LAMBDA" --alignment delay
for c in l0 same delay; do evaluate "codec-$c" "codec-$c"; done

train_lm l0 l0
train_lm same same
train_lm delay delay
train_lm l0 flat-l0 --pattern flatten
for m in l0 same delay flat-l0; do evaluate "lm-$m" "lm-$m"; evaluate_generation "lm-$m" "$m"; done
# Figures for docs/results.md (drawn by the project's own `plot` command).
mkdir -p figures
cs plot curves --run "λ 0=codec-l0.run" --run "λ 1 same frame=codec-same.run" --run "λ 1 delay-aligned=codec-delay.run" \
   --metric reconstruction --smooth 100 --title "Codec reconstruction loss (training)" --out figures/codec-reconstruction.png
cs plot curves --run "λ 1 same frame=codec-same.run" --run "λ 1 delay-aligned=codec-delay.run" \
   --metric mmd --smooth 25 --log --title "Independence loss MMD² (training)" --out figures/codec-mmd.png
cs plot curves --run "λ 0=lm-l0.run" --run "λ 1 same frame=lm-same.run" --run "λ 1 delay-aligned=lm-delay.run" --run "flatten, λ 0=lm-flat-l0.run" \
   --metric loss --validation --title "LM validation NLL (nats per code)" --out figures/lm-validation.png
cs plot bars --title "Total correlation of the codes vs the loss (coarse-grained TC, bits)" --y-label bits \
   --report "λ 0=reports/codec-l0.json" --report "λ 1 same frame=reports/codec-same.json" --report "λ 1 delay-aligned=reports/codec-delay.json" \
   --value "same frame=/codec/codes/totalCorrelation/0/coarseGrained/millerMadowBits" \
   --value "delay pattern=/codec/codes/totalCorrelation/1/coarseGrained/millerMadowBits" --out figures/tc-vs-lambda.png
log "done: reports in $WORK/reports, figures in $WORK/figures"
