#!/usr/bin/env python3
"""Runs a composite GitHub Action's steps the way the runner does.

usage: run_action.py ACTION_DIR WORKSPACE EVENT_NAME EVENT_JSON RESULT_DIR [INPUT=VALUE...]

Each `run:` step runs as `bash --noprofile --norc -eo pipefail FILE` (what
GitHub runs for `shell: bash`) in WORKSPACE with a simulated environment:
GITHUB_ACTIONS, GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_WORKSPACE,
GITHUB_SHA, GITHUB_ACTION_PATH, RUNNER_TEMP, and fresh GITHUB_OUTPUT,
GITHUB_ENV and GITHUB_PATH files per step whose contents feed later steps;
GITHUB_STEP_SUMMARY accumulates. `${{ }}` expressions are evaluated over
inputs, steps.<id>.outputs, always(), ==, !=, &&, || and string literals, the
subset the action uses (anything else is an error, so the test cannot pass
on an expression it did not understand). `uses:` steps are recorded, not
run. Writes RESULT_DIR/result.json: job status, each step's outcome and
seconds, the outputs; RESULT_DIR/summary.md is the step summary.
"""
import json
import os
import re
import subprocess
import sys
import time

import yaml

EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
TOKEN = re.compile(r"\s*(?:(\'[^\']*\')|(==|!=|&&|\|\||\(|\)|!)|(always\(\)|success\(\)|failure\(\))|([A-Za-z_][\w.-]*))")


def evaluate(expr, ctx):
    """Evaluates a GitHub expression of the supported subset; raises on others."""
    toks = []
    pos = 0
    expr = expr.strip()
    while pos < len(expr):
        m = TOKEN.match(expr, pos)
        if not m or m.end() == pos:
            raise ValueError("unsupported expression: " + expr)
        pos = m.end()
        lit, op, fn, name = m.groups()
        if lit is not None:
            toks.append(("v", lit[1:-1]))
        elif op:
            toks.append(("op", op))
        elif fn:
            toks.append(("v", {"always()": True, "success()": not ctx["failed"],
                               "failure()": ctx["failed"]}[fn]))
        else:
            toks.append(("v", lookup(name, ctx)))
    py = []
    for kind, v in toks:
        if kind == "op":
            py.append({"&&": " and ", "||": " or ", "!": " not "}.get(v, v))
        else:
            py.append(repr(v))
    return eval("".join(py), {"__builtins__": {}})


def lookup(name, ctx):
    parts = name.split(".")
    if parts[0] == "inputs" and len(parts) == 2:
        return ctx["inputs"].get(parts[1], "")
    if parts[0] == "steps" and len(parts) == 4 and parts[2] == "outputs":
        return ctx["outputs"].get(parts[1], {}).get(parts[3], "")
    if name in ("true", "false"):
        return name == "true"
    if name == "runner.temp":
        return ctx["env"]["RUNNER_TEMP"]
    if name == "github.action_path":
        return ctx["env"]["GITHUB_ACTION_PATH"]
    raise ValueError("unsupported context: " + name)


def substitute(text, ctx):
    def one(m):
        v = evaluate(m.group(1), ctx)
        return ("true" if v else "false") if isinstance(v, bool) else str(v)
    return EXPR.sub(one, str(text))


def read_kv(path):
    """Parses a GITHUB_OUTPUT/GITHUB_ENV file (NAME=VALUE and NAME<<EOF forms)."""
    out = {}
    if not os.path.exists(path):
        return out
    lines = open(path).read().splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delim = line.split("<<", 1)
            j = i + 1
            val = []
            while j < len(lines) and lines[j] != delim:
                val.append(lines[j])
                j += 1
            out[name] = "\n".join(val)
            i = j + 1
            continue
        if "=" in line:
            k, v = line.split("=", 1)
            out[k] = v
        i += 1
    return out


def main():
    action_dir, workspace, event_name, event_path, result_dir = sys.argv[1:6]
    action = yaml.safe_load(open(os.path.join(action_dir, "action.yml")))
    inputs = {k: str(v.get("default", "")) for k, v in action.get("inputs", {}).items()}
    for kv in sys.argv[6:]:
        k, v = kv.split("=", 1)
        if k not in inputs:
            raise SystemExit("unknown input " + k)
        inputs[k] = v
    os.makedirs(result_dir, exist_ok=True)
    temp = os.path.join(result_dir, "runner-temp")
    os.makedirs(temp, exist_ok=True)
    summary = os.path.join(result_dir, "summary.md")
    open(summary, "w").close()
    env = dict(os.environ)
    env.update(GITHUB_ACTIONS="true", CI="true", GITHUB_EVENT_NAME=event_name,
               GITHUB_EVENT_PATH=os.path.abspath(event_path), GITHUB_WORKSPACE=workspace,
               GITHUB_ACTION_PATH=os.path.abspath(action_dir), RUNNER_TEMP=temp,
               RUNNER_OS="Linux", GITHUB_STEP_SUMMARY=summary,
               GITHUB_SHA=subprocess.run(["git", "rev-parse", "HEAD"], cwd=workspace,
                                         capture_output=True, text=True).stdout.strip())
    ctx = {"inputs": inputs, "outputs": {}, "failed": False, "env": env}
    steps = []
    for n, step in enumerate(action["runs"]["steps"]):
        sid = step.get("id", "step%d" % n)
        cond = step.get("if")
        cond = None if cond is None else EXPR.sub(lambda m: m.group(1), str(cond))
        # GitHub: a condition without a status function means success() && it.
        status_fn = cond is not None and re.search(r"always\(\)|failure\(\)|success\(\)", cond)
        if (ctx["failed"] and not status_fn) or (cond is not None and not evaluate(cond, ctx)):
            steps.append({"name": step.get("name"), "outcome": "skipped"})
            continue
        if "uses" in step:
            steps.append({"name": step.get("name"), "outcome": "uses", "uses": step["uses"],
                          "with": {k: substitute(v, ctx) for k, v in step.get("with", {}).items()}})
            continue
        assert step.get("shell") == "bash", "every run step must use shell: bash"
        files = {k: os.path.join(temp, "%s_%d" % (k, n)) for k in ("GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH")}
        for f in files.values():
            open(f, "w").close()
        script = os.path.join(temp, "step_%d.sh" % n)
        with open(script, "w") as f:
            f.write(substitute(step["run"], ctx))
        step_env = dict(env)
        step_env.update(files)
        step_env.update({k: substitute(v, ctx) for k, v in step.get("env", {}).items()})
        start = time.monotonic()
        rc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
                            cwd=workspace, env=step_env).returncode
        secs = time.monotonic() - start
        ctx["outputs"][sid] = read_kv(files["GITHUB_OUTPUT"])
        env.update(read_kv(files["GITHUB_ENV"]))
        for p in open(files["GITHUB_PATH"]).read().splitlines():
            if p:
                env["PATH"] = p + os.pathsep + env["PATH"]
        steps.append({"name": step.get("name"), "outcome": "success" if rc == 0 else "failure",
                      "rc": rc, "seconds": round(secs, 3)})
        if rc != 0:
            ctx["failed"] = True
    outputs = {k: substitute(v["value"], ctx) for k, v in action.get("outputs", {}).items()}
    result = {"status": "failure" if ctx["failed"] else "success", "steps": steps, "outputs": outputs}
    json.dump(result, open(os.path.join(result_dir, "result.json"), "w"), indent=1)
    print(json.dumps({"status": result["status"], "outputs": outputs}))


if __name__ == "__main__":
    main()
