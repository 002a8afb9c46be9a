#!/usr/bin/env bash
# The decode stage end to end: secrets inside base64 (Kubernetes Secret,
# docker config), percent-encoding, JSON escapes, HTML entities, archives
# (zip/jar, tar.gz, gzip, nested), UTF-16 under --scan-binary, token
# boundaries; each reported at the original file, line and column with its
# layer chain, and limits counted as skips.
source "$(dirname "$0")/lib.sh"
abort_on_error
T1=$(gh_token decode-1)
T2=$(gh_token decode-2)
T3=$(gh_token decode-3)
T4=$(gh_token decode-4)
b64() { printf '%s' "$1" | base64 -w0; }
d="$TMP/d"
mkdir -p "$d"

# --- base64: a Kubernetes Secret (line 7, the value's column) ---
cat >"$d/secret.yaml" <<YAML
apiVersion: v1
kind: Secret
metadata:
  name: ci
type: Opaque
data:
  GITHUB_TOKEN: $(b64 "$T1")
YAML
run_lh scan --format json "$d/secret.yaml"
expect_rc 1 "k8s secret"
g="one('github.pat.classic')"
check "$g['decoded'] == ['base64'] and $g['line'] == 7 and $g['column'] == 17" \
  "k8s base64 value: decoded chain and original line/column"
check "not any('generic' in x['rule_id'] for x in f)" "the generic match of the base64 text gives way to the decoded token"
check "$g['secret'] == 'ghp_********' and '$T1' not in open('$OUT_FILE').read()" \
  "decoded secret redacted"
run_lh scan --no-decode --format json "$d/secret.yaml"
check "not any(x['rule_id'] == 'github.pat.classic' for x in f)" "--no-decode leaves base64 alone"

# --- docker config.json auths.*.auth (user:token), base64 inside base64 ---
auth=$(b64 "ci-bot:$T2")
printf '{"auths":{"ghcr.io":{"auth":"%s"}}}\n' "$auth" >"$d/config.json"
run_lh scan --format json "$d/config.json"
check "any(x.get('decoded') == ['base64'] and x['line'] == 1 for x in f)" "docker auth decoded"
printf 'data:\n  .dockerconfigjson: %s\n' "$(b64 "$(cat "$d/config.json")")" >"$d/pull-secret.yaml"
run_lh scan --format json "$d/pull-secret.yaml"
check "any(x.get('decoded') == ['base64', 'base64'] and x['line'] == 2 for x in f)" \
  "base64 of a docker config holding base64"

# --- percent-encoding, JSON escapes, HTML entities, boundaries ---
printf 'https://ci.example.com/hook?x=1&token%%3D%s&y=2\n' "$T1" >"$d/url.txt"
run_lh scan --format json "$d/url.txt"
check "len(f) == 1 and f[0]['line'] == 1" "token%3D<token> found once"
printf '{"k": "%s"}\n' "$(printf '%s' "$T3" | sed 's/_/\\u005f/')" >"$d/esc.json"
run_lh scan --format json "$d/esc.json"
check "one()['decoded'] == ['json-escape']" "\\u005f in a token"
printf '<code>%s</code>\n' "$(printf '%s' "$T4" | sed 's/_/\&#95;/')" >"$d/page.html"
run_lh scan --format json "$d/page.html"
check "one()['decoded'] == ['html-entity']" "&#95; in a token"
printf '#define OTA_TOKEN "%s"\n' "$(printf '%s' "$T4" | od -An -tx1 | tr -d ' \n')" >"$d/fw.h"
run_lh scan --format json "$d/fw.h"
check "one()['decoded'] == ['hex'] and one()['line'] == 1" "hex-encoded token"
printf 'sha256 %s\n' "$(printf '%s' "$T4" | sha256sum | cut -c1-64)" >"$d/sum.txt"
run_lh scan --format json "$d/sum.txt"
check "len(f) == 0" "a hash is not hex text"
printf 'MY_VAR_%s\nxyz%s\n' "$T1" "$T2" >"$d/ident.txt"
run_lh scan --format json "$d/ident.txt"
check "len(f) == 2 and not any(x.get('decoded') for x in f)" "tokens inside identifier runs"

# --- archives ---
mkdir -p "$d/jar/BOOT-INF/classes" "$d/tgz/etc"
printf 'spring.token=%s\n' "$T1" >"$d/jar/BOOT-INF/classes/application.properties"
(cd "$d/jar" && python3 -c "import zipfile,sys; z=zipfile.ZipFile('../app.jar','w',zipfile.ZIP_DEFLATED); z.write('BOOT-INF/classes/application.properties'); z.close()")
printf 'x\ntoken: %s\n' "$T2" >"$d/tgz/etc/ci.yml"
tar -C "$d/tgz" -czf "$d/conf.tgz" etc
printf 'line\nGH=%s\n' "$T3" | gzip -c >"$d/dump.txt.gz"
python3 -c "import zipfile; z=zipfile.ZipFile('$d/outer.zip','w'); z.write('$d/app.jar','lib/app.jar'); z.close()"
mkdir -p "$d/arch"
mv "$d/app.jar" "$d/conf.tgz" "$d/dump.txt.gz" "$d/outer.zip" "$d/arch/"
run_lh scan --format json "$d/arch"
expect_rc 1 "archives"
check "any(x.get('archive_member') == 'app.jar!/BOOT-INF/classes/application.properties' and x['line'] == 1 and x.get('decoded') == ['zip'] for x in f)" "jar member"
check "any(x.get('archive_member') == 'conf.tgz!/etc/ci.yml' and x['line'] == 2 and x.get('decoded') == ['gzip', 'tar'] for x in f)" "tar.gz member"
check "any(x.get('archive_member') == 'dump.txt.gz!/dump.txt' and x.get('decoded') == ['gzip'] for x in f)" "gzip single file"
check "any(x.get('archive_member') == 'outer.zip!/lib/app.jar!/BOOT-INF/classes/application.properties' and x['path'].endswith('outer.zip') for x in f)" "nested jar in zip"
run_lh scan --archive-depth 1 --format json "$d/arch/outer.zip"
expect_rc 0 "depth 1: the nested jar is not opened"
check "r['summary']['skipped']['archive_members'] == 1" "nested archive over the depth counted"
run_lh scan --archive-depth 0 --format json "$d/arch"
expect_rc 0 "archives off"
check "r['summary']['skipped']['binary'] == 4" "closed archives counted as binary"
run_lh scan "$d/arch"
expect_contains "$OUT" "in app.jar!/BOOT-INF/classes/application.properties" "text names the member"
expect_contains "$OUT" "decoded: gzip > tar" "text names the layers"
run_lh scan --format sarif "$d/arch/conf.tgz"
expect_contains "$OUT" '"archive_member": "conf.tgz!/etc/ci.yml"' "sarif properties"
run_lh scan --format gitlab "$d/arch/conf.tgz"
expect_contains "$OUT" 'conf.tgz!/etc/ci.yml' "gitlab details"

# zip bomb: 50 MiB of zeros compress to ~50 KiB (a ratio near 1000)
python3 -c "
import zipfile
z = zipfile.ZipFile('$d/bomb.zip', 'w', zipfile.ZIP_DEFLATED)
z.writestr('zeros.txt', b'0' * (50 << 20))
z.writestr('note.txt', 'GH=$T4\n')
z.close()"
run_lh scan --format json "$d/bomb.zip"
check "r['summary']['skipped']['archive_members'] >= 1" "zip bomb member skipped and counted"
err_has "compression-ratio"

# corrupt archive: counted, not clean silence
printf 'PK\003\004garbage' >"$d/bad.zip"
run_lh scan --format json "$d/bad.zip"
check "r['summary']['skipped']['archive_members'] == 1" "unreadable archive counted"

# --- UTF-16: --scan-binary finds what the default mode finds ---
printf 'token = %s\n' "$T1" | iconv -f UTF-8 -t UTF-16 >"$d/u16.txt"
run_lh scan --format json "$d/u16.txt"
expect_rc 1 "utf-16 default"
run_lh scan --scan-binary --format json "$d/u16.txt"
expect_rc 1 "utf-16 under --scan-binary"

# --- git history and staged: archives and encodings inside blobs ---
git_fixture_env
repo="$TMP/repo"
git init -q "$repo"
cp "$d/arch/conf.tgz" "$d/secret.yaml" "$repo/"
git -C "$repo" add . && git -C "$repo" commit -qm "add"
run_lh git --format json "$repo"
check "any(x.get('archive_member') == 'conf.tgz!/etc/ci.yml' for x in f) and any(x.get('decoded') == ['base64'] for x in f)" "history blobs decoded"
cp "$d/arch/dump.txt.gz" "$repo/"
git -C "$repo" add dump.txt.gz
run_lh staged --format json "$repo"
check "any(x.get('archive_member') == 'dump.txt.gz!/dump.txt' for x in f)" "staged archive"

# --- the report validates against the schema ---
run_lh scan --format json "$d/arch" "$d/secret.yaml"
if python3 "$SOURCE_DIR/tests/e2e/validate_json.py" "$OUT_FILE" "$SOURCE_DIR/docs/schema/report.schema.json" >/dev/null 2>&1; then pass; else
  fail "report with decoded/archive_member fails the schema"
fi
finish
