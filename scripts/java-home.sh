#!/usr/bin/env bash
# Prints the home of a JDK of release 21 or newer: JAVA_HOME if it qualifies, else the
# newest one under /usr/lib/jvm. The machine's default java may be 17, too old for logpro.
set -euo pipefail
jdk_release() { # prints the feature release of the JDK at $1, or 0
  local rel="$1/release"
  [ -x "$1/bin/javac" ] && [ -f "$rel" ] || { echo 0; return; }
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rel" | head -1
}
if [ -n "${JAVA_HOME:-}" ] && [ "$(jdk_release "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
  echo "$JAVA_HOME"; exit 0
fi
best=""; best_rel=0
for d in /usr/lib/jvm/*/; do
  d="${d%/}"; [ -L "$d" ] && continue
  r=$(jdk_release "$d"); r=${r:-0}
  if [ "$r" -ge 21 ] && [ "$r" -gt "$best_rel" ]; then best="$d"; best_rel="$r"; fi
done
if [ -z "$best" ]; then
  echo "logpro needs a JDK of release 21 or newer: set JAVA_HOME or install one under /usr/lib/jvm" >&2
  exit 1
fi
echo "$best"
