#!/usr/bin/python3
"""Runs the blob-shard templates of ci/ locally, as each engine would run them:

    run_engine_templates.py CI_DIR REPO WORK_DIR

For ci/matrix/github-actions-blob-shards.yml, ci/matrix/gitlab-ci-blob-shards.yml
and ci/kubernetes/blob-shard-job.yaml: every shard's command (the matrix
value, CI_NODE_INDEX/CI_NODE_TOTAL, or JOB_COMPLETION_INDEX/JOB_COMPLETIONS
set as the engine sets them) in a directory of its own, the shard outputs
gathered as the engine's artifacts or shared volume would gather them, then
the merge commands. The repository the templates name is replaced by REPO,
secrets by the environment's LEAKHOUND_FINGERPRINT_KEY. Each engine's
inventory lands in WORK_DIR/ENGINE/inventory.json. `leakhound` must be on
PATH. Exit 0 when every command exited 0, else 1 naming the failure."""
import os
import re
import shutil
import subprocess
import sys

import yaml


def base_env():
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLURM_", "JOB_COMPLETION", "CI_NODE"))}
    env.pop("JOB_COMPLETIONS", None)
    return env


def run(cmd, cwd, env, what):
    os.makedirs(cwd, exist_ok=True)
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    print(f"{what}: exit {r.returncode}\n{r.stderr}", end="")
    if r.returncode != 0:
        raise SystemExit(f"{what} exited {r.returncode}: {r.stderr.strip()[-400:]}")


def gather(shard_dirs, out):
    os.makedirs(out, exist_ok=True)
    for d in shard_dirs:
        for name in os.listdir(d):
            shutil.copy(os.path.join(d, name), out)


def no_expressions(text, what):
    if "${{" in text:
        raise SystemExit(f"{what}: unsubstituted expression in {text!r}")
    return text


def github(ci, repo, work):
    wf = yaml.safe_load(open(f"{ci}/matrix/github-actions-blob-shards.yml"))
    env = base_env()
    env.update({k: str(v) for k, v in wf["env"].items()})
    env["REPO"] = repo
    step = wf["jobs"]["shard"]["steps"][0]
    env["LEAKHOUND_GIT_TOKEN"] = ""
    dirs = []
    for shard in wf["jobs"]["shard"]["strategy"]["matrix"]["shard"]:
        cmd = no_expressions(step["run"].replace("${{ matrix.shard }}", str(shard)), "github")
        cwd = f"{work}/github/shard-{shard}"
        run(["sh", "-e", "-c", cmd], cwd, env, f"github shard {shard}")
        dirs.append(f"{cwd}/out")
    gather(dirs, f"{work}/github/out")  # download-artifact, merge-multiple
    merge = [s for s in wf["jobs"]["merge"]["steps"] if "run" in s][0]["run"]
    run(["sh", "-e", "-c", no_expressions(merge, "github")], f"{work}/github", env, "github merge")


def gitlab(ci, repo, work):
    gl = yaml.safe_load(open(f"{ci}/matrix/gitlab-ci-blob-shards.yml"))
    env = base_env()
    env.update({k: str(v) for k, v in gl.get("variables", {}).items()})
    env["LEAKHOUND_REPO"] = repo
    env["LEAKHOUND_GIT_TOKEN"] = ""
    job = gl["leakhound-blob-shard"]
    n = job["parallel"]
    dirs = []
    for node in range(1, n + 1):  # GitLab counts from 1
        node_env = dict(env, CI_NODE_INDEX=str(node), CI_NODE_TOTAL=str(n))
        cwd = f"{work}/gitlab/node-{node}"
        run(["sh", "-e", "-c", "\n".join(job["script"])], cwd, node_env, f"gitlab node {node}")
        dirs.append(f"{cwd}/out")
    gather(dirs, f"{work}/gitlab/out")  # the artifacts of the scan stage
    merge = gl["leakhound-blob-merge"]["script"]
    run(["sh", "-e", "-c", "\n".join(merge)], f"{work}/gitlab", env, "gitlab merge")


def kubernetes(ci, repo, work):
    docs = list(yaml.safe_load_all(open(f"{ci}/kubernetes/blob-shard-job.yaml")))
    data, cache = f"{work}/kubernetes/data", f"{work}/kubernetes/cache"
    os.makedirs(data, exist_ok=True)
    local = lambda s: s.replace("/data", data).replace("/cache", cache)
    shard = [d for d in docs if d["spec"].get("completionMode") == "Indexed"][0]
    merge = [d for d in docs if d is not shard][0]
    c = shard["spec"]["template"]["spec"]["containers"][0]
    env = base_env()
    for e in c["env"]:
        if "value" in e:
            env[e["name"]] = local(str(e["value"]))
        elif e["name"] in os.environ:
            env[e["name"]] = os.environ[e["name"]]
    env["LEAKHOUND_REPO"] = repo
    # Kubernetes expands $(VAR) in args from the container's environment.
    args = [local(re.sub(r"\$\((\w+)\)", lambda m: env[m.group(1)], a)) for a in c["args"]]
    for i in range(shard["spec"]["completions"]):
        run(["leakhound"] + args, data, dict(env, JOB_COMPLETION_INDEX=str(i)), f"kubernetes index {i}")
    m = merge["spec"]["template"]["spec"]["containers"][0]
    run(m["command"] + [local(m["args"][0])], data, base_env(), "kubernetes merge")
    shutil.copy(f"{data}/blob-inventory.json", f"{work}/kubernetes/inventory.json")


def main():
    ci, repo, work = sys.argv[1:4]
    for engine in (github, gitlab, kubernetes):
        engine(ci, repo, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
