#!/bin/sh
# Run by `mvn package` after the jar (pom.xml, exec-maven-plugin): puts the launcher beside target/tidemark.jar and
# dumps the class-data archive target/tidemark.jsa from classes.lst. The archive holds the jar's absolute path:
# java uses it only with that jar, unchanged, at that place (else it starts without it, as fast as before).
set -eu
src=$(cd "$(dirname "$0")" && pwd -P)
target=$(cd "$1" && pwd -P)
cp "$src/tidemark" "$target/tidemark"
chmod +x "$target/tidemark"
rm -f "$target/tidemark.jsa"
java -Xshare:dump -XX:SharedClassListFile="$src/classes.lst" -XX:SharedArchiveFile="$target/tidemark.jsa" \
  -cp "$target/tidemark.jar" >"$target/tidemark.jsa.log" 2>&1 \
  || echo "tidemark: no class-data archive (see $target/tidemark.jsa.log); the launcher starts without it" >&2
