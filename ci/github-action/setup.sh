#!/usr/bin/env bash
# setup.sh: makes `leakhound` callable by the Action's next steps without
# building it. In order: a leakhound already on PATH (self-hosted runner,
# job container with the .deb); the .deb in INPUT_DEB (URL or path;
# installed with apt-get, so its Depends come from the runner's apt sources:
# Debian 12 runners or job containers); else the image in INPUT_IMAGE, run
# by a wrapper on PATH (`docker run`, the workspace mounted at its own path,
# so report and repository paths mean the same inside and out).
# Environment: RUNNER_TEMP, GITHUB_PATH, GITHUB_WORKSPACE (set by Actions).
set -euo pipefail

if command -v leakhound >/dev/null 2>&1; then
  echo "leakhound: using $(command -v leakhound)"
  leakhound --version
  exit 0
fi

if [ -n "${INPUT_DEB:-}" ]; then
  deb=$INPUT_DEB
  case "$deb" in
    http://* | https://*)
      curl -fsSL --retry 3 -o "$RUNNER_TEMP/leakhound.deb" "$deb"
      deb=$RUNNER_TEMP/leakhound.deb
      ;;
  esac
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo=sudo; fi
  $sudo apt-get install -y -qq --no-install-recommends "$(realpath "$deb")" >/dev/null
  leakhound --version
  exit 0
fi

if ! command -v docker >/dev/null 2>&1; then
  echo "::error title=leakhound::leakhound is not installed, no 'deb' input was given, and docker is not available for the image ${INPUT_IMAGE:-}"
  exit 2
fi
image=${INPUT_IMAGE:?the image input is empty}
docker pull -q "$image" >/dev/null
bin="$RUNNER_TEMP/leakhound-bin"
mkdir -p "$bin"
cat >"$bin/leakhound" <<WRAP
#!/bin/sh
# leakhound from $image; the workspace is mounted at the same path.
exec docker run --rm -i --user "\$(id -u):\$(id -g)" -e HOME=/tmp \\
  -v "$GITHUB_WORKSPACE:$GITHUB_WORKSPACE" -w "\$PWD" "$image" "\$@"
WRAP
chmod +x "$bin/leakhound"
echo "$bin" >>"$GITHUB_PATH"
"$bin/leakhound" --version
