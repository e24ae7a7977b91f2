#!/usr/bin/env bash
# Runs the Temporal time-skipping test server (Java, io.temporal:temporal-test-server)
# as a drop-in for the native binary that @temporalio/testing normally downloads:
#
#   run.sh <port> [--enable-time-skipping]
#
# All arguments are passed through to io.temporal.testserver.TestServer. The SDK
# (TestWorkflowEnvironment.createTimeSkipping) passes just the port; the server
# then starts with time skipping locked and the SDK unlocks it while awaiting
# workflow results.
#
#   run.sh --prepare   resolve (and cache) the classpath, then exit
#
# The classpath is resolved once with Maven (from ~/.m2, Maven Central if
# needed) and cached under ${XDG_CACHE_HOME:-~/.cache}/knelpunten/temporal-test-server/,
# keyed by the hash of pom.xml.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pom="$here/pom.xml"
cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/knelpunten/temporal-test-server"
pom_hash="$(sha256sum "$pom" | cut -c1-16)"
cache_dir="$cache_root/$pom_hash"
cp_file="$cache_dir/classpath.txt"

log() { echo "[temporal-test-server] $*" >&2; }

classpath_valid() {
  [[ -s "$cp_file" ]] || return 1
  local jar
  IFS=':' read -r -a jars < "$cp_file"
  for jar in "${jars[@]}"; do
    [[ -f "$jar" ]] || return 1
  done
}

resolve_classpath() {
  command -v mvn >/dev/null 2>&1 || { log "Maven (mvn) is required to resolve the test server classpath"; exit 1; }
  mkdir -p "$cache_dir"
  local tmp="$cp_file.tmp.$$"
  local mvn_args=(-q -B -Dstyle.color=never -f "$pom" dependency:build-classpath "-Dmdep.outputFile=$tmp")
  log "resolving the classpath of io.temporal:temporal-test-server with Maven (one-off)..."
  # Offline first (everything is usually in ~/.m2 already), then online.
  if ! mvn -o "${mvn_args[@]}" >"$cache_dir/mvn.log" 2>&1; then
    if ! mvn "${mvn_args[@]}" >"$cache_dir/mvn.log" 2>&1; then
      rm -f "$tmp"
      log "Maven failed; see $cache_dir/mvn.log:"
      tail -n 30 "$cache_dir/mvn.log" >&2
      exit 1
    fi
  fi
  mv -f "$tmp" "$cp_file"
}

if ! classpath_valid; then
  mkdir -p "$cache_root"
  if command -v flock >/dev/null 2>&1; then
    # Serialise concurrent first runs (e.g. parallel jest workers).
    exec 9>"$cache_root/.lock"
    flock 9
    classpath_valid || resolve_classpath
    flock -u 9
    exec 9>&-
  else
    resolve_classpath
  fi
fi

if [[ "${1:-}" == "--prepare" ]]; then
  log "classpath cached in $cp_file"
  exit 0
fi

java_bin="java"
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  java_bin="$JAVA_HOME/bin/java"
fi

# Fast JVM start-up matters: the SDK gives the server only ~5 s to accept connections.
exec "$java_bin" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss1m ${TEMPORAL_TEST_SERVER_JAVA_OPTS:-} \
  -cp "$(cat "$cp_file")" io.temporal.testserver.TestServer "$@"
