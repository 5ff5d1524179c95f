#!/bin/sh
# Builds the trimmed Java runtime of the self-contained archive (launcher/pom.xml runs it):
#   trimmed-runtime.sh JMODS OUTPUT MODULES TIMESTAMP
# JMODS is a JDK's jmods folder: this JDK's for this machine's architecture, or a downloaded
# JDK's for another one (same Java version as the jlink that runs; see docs/OPERATIONS.md).
# MODULES: what the bundles need (launcher/pom.xml says how they were found). TIMESTAMP: the
# build's project.build.outputTimestamp, given to lib/modules so the class-data archive made
# from it (lib/server/classes.jsa, which records that time) is the same in every build.
set -eu
jmods=$1
output=$2
modules=$3
timestamp=$4

rm -rf "$output"
"${JLINK:-jlink}" --module-path "$jmods" --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages --compress=0 \
  --output "$output"
touch -d "$timestamp" "$output/lib/modules"

# the base class-data archive (the JDK ships one; jlink does not make it on Java 17): bin/bootctl's
# own archive of the application's classes sits on top of it. A fixed heap makes the dump
# byte-for-byte the same each time. A runtime for another architecture cannot run here: it
# makes its archive on the board (docs/OPERATIONS.md).
if "$output/bin/java" -version >/dev/null 2>&1; then
  "$output/bin/java" -Xshare:dump -Xmx128m -Xms128m -XX:+UseSerialGC -Xlog:disable >/dev/null
else
  echo "trimmed-runtime: $output/bin/java does not run on this machine: no class-data archive made" >&2
fi
