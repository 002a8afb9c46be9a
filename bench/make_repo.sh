#!/usr/bin/env bash
# Builds a deterministic, realistic git history from text already on the
# machine (C headers under /usr/include, else /usr/share), for bench/git_bench.sh.
#
# usage: bench/make_repo.sh OUT.git COMMITS [SEED]
#
# The history: a main branch where every commit edits a few files (changes,
# inserts and deletes a few lines, as real commits do), new files arrive over
# time, some files are deleted; every 100 commits a short topic branch is
# merged (--no-ff), every 500 commits a tag; a handful of credentials are
# committed and later removed, so the attribution pass has work to do.
# Identical arguments give identical commit ids. The result is a bare
# repository, packed like a gc'd clone (git repack -ad).
set -euo pipefail
OUT=${1:?usage: make_repo.sh OUT.git COMMITS [SEED]}
COMMITS=${2:?usage: make_repo.sh OUT.git COMMITS [SEED]}
SEED=${3:-1}
SRC=/usr/include
[[ -d $SRC ]] || SRC=/usr/share

rm -rf "$OUT"
git init -q --bare "$OUT"
python3 - "$SRC" "$COMMITS" "$SEED" <<'PY' | git -C "$OUT" fast-import --quiet --depth=50
import os, random, sys, zlib

src, commits, seed = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rnd = random.Random(seed)
out = sys.stdout.buffer

corpus = []
for root, dirs, files in os.walk(src):
    dirs.sort()
    for name in sorted(files):
        p = os.path.join(root, name)
        try:
            if os.path.islink(p) or not (500 < os.path.getsize(p) < 200_000):
                continue
            data = open(p, 'rb').read()
        except OSError:
            continue
        if b'\0' in data[:4096]:
            continue
        corpus.append((os.path.relpath(p, src), data.split(b'\n')))
if not corpus:
    sys.exit('no text found under ' + src)
rnd.shuffle(corpus)

B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
def token(i):
    r = random.Random(f'{seed}-{i}')
    body = ''.join(r.choice(B62) for _ in range(30))
    n, s = zlib.crc32(body.encode()), ''
    while n:
        s, n = B62[n % 62] + s, n // 62
    return 'ghp_' + body + s.rjust(6, '0')

files = {}       # path -> list of lines (main branch state)
next_file = 0
mark = 0
t0 = 1_500_000_000

def data(b):
    out.write(b'data %d\n' % len(b))
    out.write(b)
    out.write(b'\n')

def add_file():
    global next_file
    rel, lines = corpus[next_file % len(corpus)]
    path = 'src/%s' % rel if next_file < len(corpus) else 'src/v%d/%s' % (next_file // len(corpus), rel)
    next_file += 1
    files[path] = list(lines)
    return path

def edit(path, i):
    lines = files[path]
    for _ in range(rnd.randint(1, 4)):
        k = rnd.randrange(len(lines) + 1)
        op = rnd.random()
        if op < 0.5 and k < len(lines):
            lines[k] = lines[k] + b' /* r%d */' % i
        elif op < 0.8:
            lines.insert(k, b'/* change %d.%d */' % (i, k))
        elif k < len(lines) and len(lines) > 10:
            del lines[k]

def commit(ref, msg, changes, i, parent=None, merge=None):
    global mark
    mark += 1
    ts = t0 + i * 3600 * 7
    out.write(b'commit %s\nmark :%d\n' % (ref.encode(), mark))
    out.write(b'author Dev %d <dev%d@example.com> %d +0000\n' % (i % 7, i % 7, ts))
    out.write(b'committer Dev %d <dev%d@example.com> %d +0000\n' % (i % 7, i % 7, ts))
    data(msg.encode())
    if parent:
        out.write(b'from :%d\n' % parent)
    if merge:
        out.write(b'merge :%d\n' % merge)
    for path, content in changes:
        if content is None:
            out.write(b'D %s\n' % path.encode())
        else:
            out.write(b'M 100644 inline %s\n' % path.encode())
            data(b'\n'.join(content))
    return mark

for _ in range(40):
    add_file()
head = commit('refs/heads/main', 'initial import', [(p, files[p]) for p in sorted(files)], 0)
secrets = {}
for i in range(1, commits):
    changed = set()
    if rnd.random() < 0.3:
        changed.add(add_file())
    for p in rnd.sample(sorted(files), min(3, len(files))):
        edit(p, i)
        changed.add(p)
    changes = [(p, files[p]) for p in sorted(changed)]
    if rnd.random() < 0.02 and len(files) > 60:
        gone = rnd.choice(sorted(set(files) - changed))
        del files[gone]
        changes.append((gone, None))
    if i % 997 == 10:  # a credential arrives, and leaves ~300 commits later
        secrets[i + 300] = 'config/settings-%d.ini' % i
        files[secrets[i + 300]] = [b'[service]', b'token = "%s"' % token(i).encode()]
        changes.append((secrets[i + 300], files[secrets[i + 300]]))
    if i in secrets:
        del files[secrets[i]]
        changes.append((secrets.pop(i), None))
    head = commit('refs/heads/main', 'change %d' % i, changes, i, parent=head)
    if i % 100 == 50:  # a topic branch with one commit, merged back
        p = rnd.choice(sorted(files))
        edit(p, i)
        topic = commit('refs/heads/topic', 'topic %d' % i, [(p, files[p])], i, parent=head)
        head = commit('refs/heads/main', 'merge topic %d' % i, [(p, files[p])], i, parent=head, merge=topic)
    if i % 500 == 0:
        out.write(b'reset refs/tags/v%d\nfrom :%d\n\n' % (i // 500, head))
out.write(b'reset refs/heads/main\nfrom :%d\n\n' % head)
PY
git -C "$OUT" symbolic-ref HEAD refs/heads/main
git -C "$OUT" repack -adq
echo "$OUT: $(git -C "$OUT" rev-list --all --count) commits"
