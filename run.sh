#!/usr/bin/env bash
# kg's two everyday commands; each sets up .venv (Python 3.11+, hash-pinned dependencies) on first use.
#   ./run.sh example   build the bundled example: out/example.ttl, out/example.html and a summary of what was found
#   ./run.sh test      run the test suite (installs the Debian packages the tests need first, when it can)
#   ./run.sh score     score the dev set, eval/dev (kg evaluate eval/dev; -v lists every miss)
set -euo pipefail
cd "$(dirname "$0")"
venv=.venv

setup() {
  if [ ! -x "$venv/bin/kg" ] || [ requirements.lock -nt "$venv/.installed" ]; then
    echo "setting up $venv (first run only)..." >&2
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install -q --upgrade pip
    "$venv/bin/python" -m pip install -q --require-hashes -r requirements.lock
    "$venv/bin/python" -m pip install -q --no-deps -e .
    touch "$venv/.installed"
  fi
}

# The Debian packages the tests need, as "command package" pairs: rapper checks written Turtle, Chromium and
# its driver run the visualization's browser tests, Virtuoso is the second SPARQL store the endpoint tests
# start. This is the one list: .ci/run goes through ./run.sh test.
SYSTEM_PACKAGES="rapper:raptor2-utils chromium:chromium chromedriver:chromium-driver virtuoso-t:virtuoso-opensource"

system_packages() {
  local missing=() pair
  for pair in $SYSTEM_PACKAGES; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || { sudo -n true 2>/dev/null && sudo="sudo -n"; }
  if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; }; then
    echo "installing the Debian packages the tests need: ${missing[*]} (first run only)..." >&2
    $sudo apt-get update -qq >/dev/null
    if DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null; then
      return 0
    fi
  fi
  echo "run.sh: the tests need the Debian packages ${missing[*]}; install them (sudo apt-get install ${missing[*]}) and run ./run.sh test again" >&2
  exit 1
}

case "${1:-}" in
  example)
    setup
    mkdir -p out
    "$venv/bin/kg" build examples/mattis-abe-tokyo-2017.txt --published 2017-02-03 -o out/example.ttl
    "$venv/bin/kg" viz out/example.ttl -o out/example.html --title "Mattis meets Abe in Tokyo"
    echo "wrote out/example.ttl and out/example.html (open it in a browser; it works offline)"
    ;;
  test)
    system_packages
    setup
    shift
    "$venv/bin/python" -m pytest "$@"
    ;;
  score)
    setup
    "$venv/bin/kg" evaluate eval/dev "${@:2}"
    ;;
  *)
    echo "usage: ./run.sh example|test|score [-v]" >&2
    exit 2
    ;;
esac
