#!/usr/bin/env bash
# Runs every test of logpro: unit tests (surefire) and integration tests against real servers
# and real processes (failsafe, *IT), on a JDK of release 21 or newer.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
JAVA_HOME="$(scripts/java-home.sh)"
export JAVA_HOME
scripts/start-services.sh
exec ./mvnw -B -ntp verify "$@"
