#!/usr/bin/env python3
"""Soak test (ctest label `soak`): for SOAK_SECONDS (default 1800), builds
random git repositories with planted GitHub tokens and random damage (a
deleted or garbled loose object: a decoy blob, a tree, a secret's own blob),
runs `leakhound git` on each and asserts that every planted secret whose blob
is still readable is reported, that nothing else is, and that the exit code
is 1 for an undamaged repository and 2 for a damaged one (never 0 with a
planted readable secret). Prints one line per failure and a summary.
Usage: soak.py LEAKHOUND [SECONDS] [SEED]"""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zlib

B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def token(rng):
    body = "".join(rng.choice(B62) for _ in range(30))
    n, s = zlib.crc32(body.encode()), ""
    while n:
        s, n = B62[n % 62] + s, n // 62
    return "ghp_" + body + s.rjust(6, "0")


def git(repo, *args, inp=None):
    env = dict(os.environ, GIT_AUTHOR_NAME="Soak", GIT_AUTHOR_EMAIL="soak@example.com",
               GIT_COMMITTER_NAME="Soak", GIT_COMMITTER_EMAIL="soak@example.com",
               GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
    return subprocess.run(["git", "-C", repo, *args], input=inp, capture_output=True, check=True,
                          env=env).stdout.decode().strip()


def objects(repo):
    """[(oid, type)] of every reachable object, and {blob oid: bytes}."""
    listed = git(repo, "rev-list", "--all", "--objects")
    oids = "\n".join(line.split()[0] for line in listed.splitlines()) + "\n"
    typed = [tuple(x.split()) for x in git(repo, "cat-file", "--batch-check=%(objectname) "
                                           "%(objecttype)", inp=oids.encode()).splitlines()]
    blobs = [o for o, t in typed if t == "blob"]
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
    raw = subprocess.run(["git", "-C", repo, "cat-file", "--batch"], capture_output=True, check=True,
                         input=("\n".join(blobs) + "\n").encode(), env=env).stdout
    data, pos = {}, 0
    for oid in blobs:
        header_end = raw.index(b"\n", pos)
        size = int(raw[pos:header_end].split()[2])
        data[oid] = raw[header_end + 1:header_end + 1 + size]
        pos = header_end + 1 + size + 1
    return typed, data


def loose_path(repo, oid):
    return os.path.join(repo, ".git", "objects", oid[:2], oid[2:])


def build(repo, rng):
    """A repository with random commits; returns {secret: blob oid}."""
    git(repo, "init", "-q", "-b", "main")
    planted, files = {}, {}
    for c in range(rng.randint(1, 12)):
        for _ in range(rng.randint(1, 4)):
            path = rng.choice(["a.txt", "src/b.py", "src/deep/c.cfg", "d/e/f.env", f"n{c}.txt"])
            lines = [f"value_{i} = {rng.randint(0, 10**6)}" for i in range(rng.randint(1, 30))]
            if rng.random() < 0.4:
                t = token(rng)
                lines.insert(rng.randrange(len(lines) + 1), f"GITHUB_TOKEN={t}")
                planted[t] = path
            files[path] = "\n".join(lines) + "\n"
            full = os.path.join(repo, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w") as f:
                f.write(files[path])
        if rng.random() < 0.2 and c > 0:
            git(repo, "checkout", "-q", "-B", f"b{c}")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "--allow-empty", "-m", f"c{c}")
    # Each planted token: the blobs that hold it (any commit, any path).
    holders = {t: set() for t in planted}
    _, data = objects(repo)
    for oid, content in data.items():
        for t in planted:
            if t.encode() in content:
                holders[t].add(oid)
    return holders


def damage(repo, rng, holders):
    """Random damage to loose objects; returns (damaged?, set of destroyed blobs)."""
    kind = rng.choice(["none", "none", "decoy", "tree", "secret", "garble"])
    secret_blobs = set().union(*holders.values()) if holders else set()
    typed, _ = objects(repo)
    pick = {
        "decoy": [o for o, t in typed if t == "blob" and o not in secret_blobs],
        "tree": [o for o, t in typed if t == "tree"],
        "secret": list(secret_blobs),
        "garble": [o for o, t in typed if t in ("blob", "tree")],
    }.get(kind, [])
    if not pick:
        return False, set()
    oid = rng.choice(pick)
    path = loose_path(repo, oid)
    if not os.path.exists(path):
        return False, set()
    os.chmod(path, 0o644)
    if kind == "garble":
        with open(path, "wb") as f:
            f.write(os.urandom(rng.randint(1, 64)))
    else:
        os.remove(path)
    return True, {oid}


def run_one(lh, work, rng, i):
    repo = os.path.join(work, f"r{i}")
    os.makedirs(repo)
    holders = build(repo, rng)
    damaged, destroyed = damage(repo, rng, holders)
    readable = {t for t, blobs in holders.items() if blobs - destroyed}
    proc = subprocess.run([lh, "git", repo, "--format", "json", "--no-redact", "--progress",
                           "never", "--no-dedup"], capture_output=True, timeout=300)
    problems = []
    try:
        report = json.loads(proc.stdout)
        found = {f["secret"] for f in report["findings"]}
    except (ValueError, KeyError) as e:
        return [f"repo {i}: no JSON report (exit {proc.returncode}): {e}: "
                f"{proc.stderr.decode()[-300:]}"]
    for t in readable - found:
        problems.append(f"repo {i}: planted readable secret {t[:8]}... not reported")
    for t in found - set(holders):
        problems.append(f"repo {i}: unexpected finding {t[:8]}...")
    want = 2 if damaged else (1 if readable else 0)
    if proc.returncode != want:
        problems.append(f"repo {i}: exit {proc.returncode}, expected {want} (damaged={damaged}, "
                        f"{len(readable)} readable secrets): {proc.stderr.decode()[-300:]}")
    if problems:
        keep = os.path.join(work, "..", f"soak-failed-{i}")
        shutil.copytree(repo, keep, symlinks=True, dirs_exist_ok=True)
        problems.append(f"repo {i}: kept in {os.path.abspath(keep)}")
    shutil.rmtree(repo, ignore_errors=True)
    return problems


def main():
    lh = os.path.abspath(sys.argv[1])
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 1800
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else int(time.time())
    rng = random.Random(seed)
    print(f"soak: seed {seed}, {seconds:.0f} s", flush=True)
    end = time.time() + seconds
    failures, n = [], 0
    with tempfile.TemporaryDirectory(prefix="lh-soak.") as work:
        while time.time() < end:
            fails = run_one(lh, work, rng, n)
            for f in fails:
                print("FAIL:", f, flush=True)
            failures += fails
            n += 1
    print(f"soak: {n} repositories, {len(failures)} failures (seed {seed})")
    if n == 0:
        print("FAIL: no repository was checked")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
