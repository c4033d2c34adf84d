#!/usr/bin/env bash
# Installs dependencies, builds strideload (Release) and runs the main job: per-step loads of a
# real runner (timing measured on a force treadmill) from every model, next to the 3x
# bodyweight rule and the peak force the treadmill measured; then the treadmill's own force
# signal stance by stance, and every model's accuracy against it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/deps.sh"
"$root/scripts/build.sh"
build="${BUILD_DIR:-$root/build}"
cli="$build/src/strideload"
trial="$root/tests/data/fukuchi2017/RBDS0041runT252forces.txt"

cat <<'TXT'

== How hard is each foot strike? ==
Runner: RBDS006 of the public running dataset of Fukuchi, Fukuchi & Duarte (2017, PeerJ
5:e3298, CC BY 4.0): 78.3 kg, 1.778 m, 2.5 m/s; on their force treadmill, 79 steps of contact
0.296 s and step time 0.380 s, active peak 2.342 +- 0.053 BW (1834 N).

TXT
"$cli" step --model all --mass-kg 78.3 --height-m 1.778 --speed-m-s 2.5 \
    --contact-time-s 0.296 --flight-time-s 0.084

echo
echo "== The same runner, from what a watch records (158 steps/min, 296 ms contact) =="
"$cli" step --model morin2005 --mass-kg 78.3 --height-m 1.778 --speed-m-s 2.5 \
    --cadence-spm 158 --contact-time-ms 296

echo
echo "== Measured force: the treadmill trial itself (30 s at 300 Hz), first 10 stances =="
# sed, not head: head would close the pipe early and fail the script under pipefail.
"$cli" force "$trial" --mass-kg 78.3 --rate-hz 300 --vertical-column Fy --ap-column Fx |
    sed -n '1,22p'

echo
echo "== Which model is right? Every model against the measured steps (Bland-Altman) =="
"$cli" compare "$trial" --mass-kg 78.3 --rate-hz 300 --vertical-column Fy --ap-column Fx \
    --speed-m-s 2.5 --height-m 1.778

echo
echo "== Body-worn accelerometers: the published methods strideload implements =="
"$cli" accel-methods | sed -n '1,24p'

echo
echo "== Python: a million steps in one call =="
PYTHONPATH="$build/python" /usr/bin/python3 "$root/examples/readme_example.py"

echo
echo "== Python: the same trial read, filtered, measured and compared with the models =="
PYTHONPATH="$build/python" MPLBACKEND=Agg /usr/bin/python3 "$root/examples/force_example.py" "$trial"

echo
echo "== How much did my legs take this week? A trail run (TCX) + a sample training log =="
"$cli" load "$root/tests/data/activities/3173437224.tcx" "$root/examples/data/training-log.csv" \
    --mass-kg 70 --height-m 1.78 --tz Europe/Paris --by session | sed -n '1,8p'
echo "..."
echo
echo "== Python: the same week by week, with strength & conditioning against 4 x 20 min =="
PYTHONPATH="$build/python" MPLBACKEND=Agg /usr/bin/python3 "$root/examples/weekly_load_example.py" \
    "$root/examples/data/training-log.csv" "$root/tests/data/activities/3173437224.tcx"

echo
echo "== Weekly leg load (ISO weeks, Europe/Paris) =="
"$cli" load "$root/tests/data/activities/3173437224.tcx" "$root/examples/data/training-log.csv" \
    --mass-kg 70 --height-m 1.78 --tz Europe/Paris --by week

echo
echo "== Python: fitness, fatigue, form, ACWR and how much today (pandas in, pandas out) =="
PYTHONPATH="$build/python" MPLBACKEND=Agg /usr/bin/python3 "$root/examples/recovery_example.py" \
    "$root/examples/data/training-log.csv" "$root/tests/data/activities/3173437224.tcx"

echo
echo "== Has my body recovered, and how much can I run today? =="
"$cli" recovery "$root/tests/data/activities/3173437224.tcx" "$root/examples/data/training-log.csv" \
    --mass-kg 70 --height-m 1.78 --tz Europe/Paris --plot "$build/recovery.png"
