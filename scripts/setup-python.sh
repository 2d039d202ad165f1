#!/usr/bin/env bash
# Installs the pinned Python tools into git-ignored virtual environments under .venv/:
#   .venv/moto  the AWS API emulator (requirements-emulator.txt)
#   .venv/lint  cfn-lint and checkov (requirements-lint.txt); only with --lint
# Re-running is cheap: an environment whose requirements file is unchanged is kept.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}

ensure() {
  local name=$1 requirements=$2 dir=.venv/$1
  if [ -f "$dir/.installed" ] && cmp -s "$requirements" "$dir/.installed"; then return 0; fi
  echo "setup-python: installing $name from $requirements into $dir" >&2
  rm -rf "$dir"
  "$python" -m venv "$dir" || { echo "setup-python: cannot create a virtual environment with $python (is python3-venv installed?)" >&2; exit 1; }
  "$dir/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" ||
    { echo "setup-python: pip could not install $requirements" >&2; exit 1; }
  cp "$requirements" "$dir/.installed"
}

ensure moto requirements-emulator.txt
if [ "${1:-}" = "--lint" ]; then ensure lint requirements-lint.txt; fi
