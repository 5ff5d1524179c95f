#!/bin/sh
# Builds the trimmed Java runtime of the self-contained archive (launcher/pom.xml runs it):
#   trimmed-runtime.sh JMODS OUTPUT MODULES TIMESTAMP
# JMODS is a JDK's jmods folder: this JDK's for this machine's architecture, or a downloaded
# JDK's for another one (same Java version as the jlink that runs; see docs/OPERATIONS.md).
# MODULES: what the bundles need (launcher/pom.xml says how they were found). TIMESTAMP: the
# build's project.build.outputTimestamp, given to lib/modules (a class-data archive made from it
# records that time).
#
# The runtime has no base class-data archive (lib/server/classes.jsa): Java 17's -Xshare:dump is
# not byte-for-byte reproducible (it varied between two builds of one commit), so bin/bootctl
# makes it on the board at the first start instead (docs/OPERATIONS.md).
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

