#!/usr/bin/env bash
# KPI diff between a git ref and the working tree (what `make diff` runs).
#
#   scripts/diff_refs.sh BASE_REF [DATA_DIR]
#
# Builds DATA_DIR (default: each side's own committed sample) at BASE_REF, in a
# temporary `git worktree`, and in the working tree, into build/diff/base.duckdb
# and build/diff/new.duckdb, then writes `pipeline.py diff --markdown` to
# build/diff/kpi_diff.md and prints it. The worktree is removed even on failure.
#
# Environment: PYTHON (default .venv/bin/python: the base ref's scripts run with it
# too), DIFF_DIR (default build/diff), TOLERANCE (default 0.01).
#
# Exit code: the diff's (0 no change, 4 KPI values or catalog changed, 2 unreadable
# input), or the failed build's (1 dbt failed, 2 bad input, 3 locked); also
# written to $DIFF_DIR/exit_code for CI (make turns every failure into 2).
set -uo pipefail

usage() { echo "usage: $0 BASE_REF [DATA_DIR]" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] && [ -n "$1" ] || usage

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 2
BASE_REF="$1"
DATA_DIR="${2:-}"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
DIFF_DIR="${DIFF_DIR:-build/diff}"
TOLERANCE="${TOLERANCE:-0.01}"

mkdir -p "$DIFF_DIR" && DIFF_DIR="$(cd "$DIFF_DIR" && pwd)" || exit 2
rm -f "$DIFF_DIR/base.duckdb" "$DIFF_DIR/base.duckdb.wal" "$DIFF_DIR/new.duckdb" "$DIFF_DIR/new.duckdb.wal" \
      "$DIFF_DIR/kpi_diff.md" "$DIFF_DIR/exit_code"

finish() {  # finish CODE [MESSAGE]: record the exit code (and a comment for a failed build), then exit
    echo "$1" > "$DIFF_DIR/exit_code"
    if [ -n "${2:-}" ]; then
        echo "error: $2" >&2
        printf '## KPI diff\n\n:x: %s (exit %s): no diff. See the job log.\n' "$2" "$1" > "$DIFF_DIR/kpi_diff.md"
    fi
    exit "$1"
}

[ -x "$PYTHON" ] || finish 2 "$PYTHON not found: run \`make setup\` first"
BASE_SHA="$(git rev-parse --verify --quiet "$BASE_REF^{commit}")" || finish 2 "unknown git ref $BASE_REF"
DATA_ARGS=()
if [ -n "$DATA_DIR" ]; then
    [ -d "$DATA_DIR" ] || finish 2 "data directory $DATA_DIR does not exist"
    DATA_ARGS=(--data-dir "$(cd "$DATA_DIR" && pwd)")
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/crm-kpi-diff.XXXXXX")" || finish 2 "cannot create a temporary directory"
WORKTREE="$TMP/base"
cleanup() {
    git worktree remove --force "$WORKTREE" >/dev/null 2>&1
    rm -rf "$TMP"
    git worktree prune >/dev/null 2>&1
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

git worktree add --quiet --detach "$WORKTREE" "$BASE_SHA" || finish 2 "git worktree add $BASE_REF failed"

build() {  # build SIDE PROJECT_DIR: PROJECT_DIR's pipeline.py, its own dbt target and log dirs
    local side="$1" project="$2" started=$SECONDS code
    echo "building $side ..." >&2
    DBT_TARGET_PATH="$DIFF_DIR/target-$side" DBT_LOG_PATH="$DIFF_DIR/logs-$side" \
        "$PYTHON" "$project/scripts/pipeline.py" build --database "$DIFF_DIR/$side.duckdb" --quiet \
        ${DATA_ARGS[@]+"${DATA_ARGS[@]}"}
    code=$?
    echo "built $side in $((SECONDS - started)) s (exit $code)" >&2
    return $code
}

build base "$WORKTREE" || finish $? "the build at $BASE_REF ($(git rev-parse --short "$BASE_SHA")) failed"
build new "$ROOT" || finish $? "the build of the working tree failed"

NEW_LABEL="working tree ($(git rev-parse --short HEAD)"
[ -z "$(git --no-optional-locks status --porcelain --untracked-files=no 2>/dev/null)" ] || NEW_LABEL+=" + changes"
NEW_LABEL+=")"
"$PYTHON" scripts/pipeline.py diff "$DIFF_DIR/base.duckdb" "$DIFF_DIR/new.duckdb" --markdown \
    --tolerance "$TOLERANCE" --base-label "$BASE_REF ($(git rev-parse --short "$BASE_SHA"))" \
    --new-label "$NEW_LABEL" > "$DIFF_DIR/kpi_diff.md"
code=$?
[ $code -eq 0 ] || [ $code -eq 4 ] || finish $code "pipeline.py diff failed"
cat "$DIFF_DIR/kpi_diff.md"
echo "wrote $DIFF_DIR/kpi_diff.md (exit $code)" >&2
finish $code
