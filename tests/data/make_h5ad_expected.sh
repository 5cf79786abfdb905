#!/bin/sh
# Regenerates tests/data/h5ad_expected.json, the expectations tst_h5adreader checks scDesk's
# summary against. Ground truth is Debian's python3-anndata through the project's own
# /work/shared/tools/h5ad/summarize.py, run once per corpus file (top folder and generated/,
# not broken/) so that a file anndata cannot read (the Blosc one: Debian ships no Blosc filter
# for h5py) is left out rather than aborting the run; the test checks that file against
# generated/expected.json instead. uns keys are added from h5py (the top-level members of /uns,
# or for anndata < 0.7 files the uns keys left after anndata's `<col>_categories` clean-up).
# Usage: tests/data/make_h5ad_expected.sh [CORPUS_DIR] > tests/data/h5ad_expected.json
set -e
CORPUS=${1:-/work/shared/data/h5ad}
TOOL=${SUMMARIZE:-/work/shared/tools/h5ad/summarize.py}
exec /usr/bin/python3 - "$CORPUS" "$TOOL" <<'PY'
import json, subprocess, sys, glob, os, warnings
warnings.filterwarnings("ignore")
import anndata
corpus, tool = sys.argv[1], sys.argv[2]
files = sorted(glob.glob(os.path.join(corpus, "*.h5ad"))) + sorted(glob.glob(os.path.join(corpus, "generated", "*.h5ad")))
out = {}
for f in files:
    rel = os.path.relpath(f, corpus)
    r = subprocess.run(["/usr/bin/python3", tool, f], capture_output=True, text=True)
    if r.returncode != 0:
        sys.stderr.write(f"skipped {rel}: anndata cannot read it\n")
        continue
    s = json.loads(r.stdout)[os.path.basename(f)]
    # uns keys as anndata reports them (after its legacy _categories clean-up)
    s["uns_keys"] = sorted(anndata.read_h5ad(f).uns.keys())
    out[rel] = s
# NaN sums (X with NaNs) become null: strict JSON parsers reject NaN.
def strict(v):
    if isinstance(v, float) and v != v: return None
    if isinstance(v, dict): return {k: strict(x) for k, x in v.items()}
    if isinstance(v, list): return [strict(x) for x in v]
    return v
out = strict(out)
json.dump(out, sys.stdout, indent=1)  # insertion order: obs/var columns stay in file order
sys.stdout.write("\n")
PY
