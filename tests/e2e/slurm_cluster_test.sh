#!/usr/bin/env bash
# ci/slurm/ on a real one-node Slurm cluster that the test starts itself
# (Debian's slurmctld, slurmd, munge; no systemd): munged with its key and
# socket in a temporary directory, slurm.conf for this host (`hostname -s`,
# addresses 127.0.0.1, free ports, temporary state and spool), slurmctld and
# slurmd in the foreground of background jobs. ci/slurm/run.sh submits the
# shard array (8 tasks over 50 local repositories) and the merge with
# `afterok`; the test waits, then checks every task and the merge completed
# and the inventory (distinct secrets, locations, complete shards). A second
# submission where the shards fail proves that the merge is then held back
# (DependencyNeverSatisfied) and that the waiting notices it. Every daemon
# is stopped on exit. Needs root (slurmd runs jobs as their user): CI runs
# as root. Label `slurm` (and `slow`: not in the sanitizer passes).
source "$(dirname "$0")/lib.sh"
git_fixture_env
abort_on_error
for t in munged mungekey slurmctld slurmd sbatch squeue scontrol sinfo scancel; do
  if ! command -v "$t" >/dev/null 2>&1 && [[ ! -x /usr/sbin/$t ]]; then
    echo "SKIP: $t not installed (apt-get install slurmctld slurmd munge)" >&2
    exit 77
  fi
done
if [[ $(id -u) -ne 0 ]]; then
  echo "SKIP: a Slurm cluster test needs root (slurmd runs jobs as their user)" >&2
  exit 77
fi
export PATH="$PATH:/usr/sbin"

# --- The cluster.
C=$(mktemp -d /tmp/lh-slurm.XXXXXX)
chmod 755 "$C" # munged wants its socket's directory reachable by all
mkdir -m 700 "$C/key" && mkdir -m 755 "$C/sock" && mkdir -p "$C/state" "$C/spool" "$C/log"
PIDS=()
stop_cluster() {
  scancel --quiet --full $(squeue -h -o %i 2>/dev/null) 2>/dev/null
  local p i
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill "${PIDS[i]}" 2>/dev/null; done
  for p in "${PIDS[@]}"; do
    for i in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null
    wait "$p" 2>/dev/null
  done
  rm -rf "$C"
}
on_exit stop_cluster
mungekey --create --keyfile="$C/key/munge.key" || die "mungekey"
munged -F --socket="$C/sock/munge.socket" --key-file="$C/key/munge.key" --log-file="$C/log/munged.log" \
  --pid-file="$C/key/munged.pid" --seed-file="$C/key/munged.seed" >"$C/log/munged.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do [[ -S $C/sock/munge.socket ]] && break; sleep 0.1; done
[[ -S $C/sock/munge.socket ]] || { cat "$C/log/munged.out" >&2; die "munged did not start"; }

read -r CTLD_PORT SLURMD_PORT < <(python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])')
HOST=$(hostname -s)
export SLURM_CONF="$C/slurm.conf"
cat >"$SLURM_CONF" <<CONF
ClusterName=leakhound
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$C/sock/munge.socket
CredType=cred/munge
StateSaveLocation=$C/state
SlurmdSpoolDir=$C/spool
SlurmctldPidFile=$C/slurmctld.pid
SlurmdPidFile=$C/slurmd.pid
SlurmctldLogFile=$C/log/slurmctld.log
SlurmdLogFile=$C/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
# The node as declared here, whatever this machine has: two 2-CPU shard
# tasks at a time (ci/slurm/shards.sbatch asks for 2 CPUs and 2 GiB).
SlurmdParameters=config_overrides
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=4 RealMemory=8192 State=UNKNOWN
PartitionName=main Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
ReturnToService=2
MinJobAge=3600
CONF
slurmctld -D -i -f "$SLURM_CONF" >"$C/log/slurmctld.out" 2>&1 &
PIDS+=($!)
slurmd -D -f "$SLURM_CONF" -N "$HOST" >"$C/log/slurmd.out" 2>&1 &
PIDS+=($!)
show_logs() { tail -n 20 "$C"/log/*.log "$C"/log/*.out >&2; }
state=
for _ in $(seq 120); do
  state=$(sinfo -h -N -o %T 2>/dev/null | head -1)
  [[ $state == idle ]] && break
  sleep 0.5
done
[[ $state == idle ]] || { show_logs; die "the node is not idle after 60 s (state '$state')"; }
pass

# wait_jobs ARRAY MERGE TIMEOUT: waits until neither job is queued; returns 3
# as soon as MERGE can never run (a shard failed), 4 on timeout.
wait_jobs() {
  local t reason
  for ((t = 0; t < $3 * 2; t++)); do
    [[ -z $(squeue -h -j "$1,$2" -o %i 2>/dev/null) ]] && return 0
    reason=$(squeue -h -j "$2" -o %r 2>/dev/null)
    [[ $reason == DependencyNeverSatisfied ]] && return 3
    sleep 0.5
  done
  return 4
}
# job_states JOB: "STATE EXITCODE" of the job or of each array task, sorted.
job_states() {
  scontrol -o show job "$1" | sed -E 's/.*JobState=([A-Z_]+).* ExitCode=([0-9:]+).*/\1 \2/' | sort | uniq -c |
    sed -E 's/^ +//'
}

# --- A fleet of 50 repositories: one own key each, a shared key in every 10th.
export LEAKHOUND LEAKHOUND_FINGERPRINT_KEY=slurm-test-key-0123456789 XDG_CACHE_HOME="$TMP/cache"
SHARED=$(gh_token slurm-shared)
mapfile -t OWN < <(gh_tokens slurm 50)
: >"$TMP/repos.jsonl"
for i in $(seq 1 50); do
  make_repo "$TMP/r$i" && cd "$TMP/r$i"
  printf 'mine = "%s"\n' "${OWN[i - 1]}" >own.ini
  if ((i % 10 == 0)); then printf 'k = "%s"\n' "$SHARED" >shared.ini; fi
  commit_on 03 "r$i" >/dev/null
  echo "{\"url\": \"$TMP/r$i\", \"name\": \"org/r$i\"}" >>"$TMP/repos.jsonl"
done
mkdir "$TMP/work" && cd "$TMP/work"

# --- 1. The audit: an 8-task array and the merge, as ci/slurm/run.sh submits them.
start=$(date +%s)
mapfile -t JOBS < <(bash "$SOURCE_DIR/ci/slurm/run.sh" "$TMP/repos.jsonl" "$TMP/out" "$TMP/inv.db" 8)
[[ ${#JOBS[@]} == 2 ]] || die "run.sh printed '${JOBS[*]}', not the array and merge job ids"
rc=0
wait_jobs "${JOBS[0]}" "${JOBS[1]}" 600 || rc=$?
echo "slurm: array ${JOBS[0]} and merge ${JOBS[1]} done in $(($(date +%s) - start)) s (wait rc $rc)" >&2
expect_eq "$rc" 0 "array and merge finished"
expect_eq "$(job_states "${JOBS[0]}")" "8 COMPLETED 0:0" "the 8 array tasks"
expect_eq "$(job_states "${JOBS[1]}")" "1 COMPLETED 0:0" "the merge job"
if [[ $FAILURES -ne 0 ]]; then
  cat "$TMP"/work/*.log >&2
  show_logs
fi
expect_eq "$(ls "$TMP"/out/shard-*.manifest.json 2>/dev/null | wc -l)" 8 "8 shard manifests"
expect_eq "$(cat "$TMP"/out/shard-*.manifest.json | python3 -c '
import json, sys
docs = json.loads("[" + sys.stdin.read().replace("}\n{", "},\n{") + "]")
print(sorted({d["status"] for d in docs}), sorted({d["shard"]["count"] for d in docs}),
      sum(len(d["repositories"]) for d in docs))')" "['complete'] [8] 50" "shards complete, 50 repositories"
expect_eq "$(json_eval "$TMP/inv.json" "' '.join(str(d['summary'][k]) for k in ('secrets', 'locations', 'repositories'))")" \
  "51 55 50" "inventory: 50 own keys + 1 shared in 5 repositories"
expect_eq "$(json_eval "$TMP/inv.json" "sorted({s['first_seen'] for s in d['secrets']})")" \
  "['2024-01-03T12:00:00Z']" "first_seen is the commit date"
expect_not_contains "$(cat "$TMP/inv.json" "$TMP"/work/*.log)" "$SHARED" "secret in the inventory or job logs"

# --- 2. Shards that fail (a repository that does not exist): the merge never
# runs, and the wait says so instead of hanging or passing.
echo "{\"url\": \"$TMP/missing\", \"name\": \"org/missing\"}" >"$TMP/bad.jsonl"
mapfile -t BAD < <(bash "$SOURCE_DIR/ci/slurm/run.sh" "$TMP/bad.jsonl" "$TMP/bad" "$TMP/bad.db" 2)
rc=0
wait_jobs "${BAD[0]}" "${BAD[1]}" 300 || rc=$?
expect_eq "$rc" 3 "a failed shard holds the merge back"
expect_contains "$(job_states "${BAD[0]}")" "FAILED 2:0" "a failed shard task"
[[ ! -e $TMP/bad.db ]] && pass || fail "the merge ran after a failed shard"
finish
