#!/usr/bin/env bash
# Submits the shard array and the dependent merge (docs/scale.md):
#   ci/slurm/run.sh repos.jsonl out/ inventory.db [SHARDS (8)]
#   ci/slurm/run.sh --repo REPO out/ inventory.db [SHARDS (8)]   (blob shards of one repository)
# Prints the array's job id, then the merge's (one a line).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
script=shards.sbatch
if [[ $1 == --repo ]]; then
  script=blob-shards.sbatch
  shift
fi
manifest=$1 out=$2 db=$3 shards=${4:-8}
jid=$(sbatch --parsable --array="0-$((shards - 1))" "$here/$script" "$manifest" "$out")
echo "${jid%%;*}"
sbatch --parsable --dependency="afterok:${jid%%;*}" "$here/merge.sbatch" "$out" "$db"
