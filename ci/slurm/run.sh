#!/usr/bin/env bash
# Submits the shard array and the dependent merge (docs/scale.md):
#   ci/slurm/run.sh repos.jsonl out/ inventory.db [SHARDS (8)]
# Prints the array's job id, then the merge's (one a line).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
manifest=$1 out=$2 db=$3 shards=${4:-8}
jid=$(sbatch --parsable --array="0-$((shards - 1))" "$here/shards.sbatch" "$manifest" "$out")
echo "${jid%%;*}"
sbatch --parsable --dependency="afterok:${jid%%;*}" "$here/merge.sbatch" "$out" "$db"
