#!/usr/bin/env bash
# Regenerates src/main/launcher/classes.lst, the classes `mvn package` puts into the class-data archive
# target/tidemark.jsa (see src/main/launcher/): the classes one `--once` run loads. Run it after larger changes
# (renamed packages, new libraries); a class missing from the list still loads, only more slowly.
#   bench/class-list.sh     against SOURCE_DB_URL/TARGET_DB_URL (and users) when set, else the embedded demo,
#                           with the tables of ./routes/tables.camel.yaml; run it where those tables have rows
#                           to copy, so that the write path is in the list too
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
[ -f target/tidemark.jar ] || mvn -q -o package -DskipTests -Dtidemark.cds.skip=true
LIST=$(mktemp)
java -XX:DumpLoadedClassList="$LIST" -jar target/tidemark.jar --once >/dev/null
{
  printf '# The classes a --once run loads (java -XX:DumpLoadedClassList=... -jar target/tidemark.jar --once, rows\n'
  printf '# changed), from which `mvn package` dumps target/tidemark.jsa; regenerate with bench/class-list.sh\n'
  printf '# after larger changes (a class missing here still loads, only more slowly).\n'
  cat "$LIST"
} >src/main/launcher/classes.lst
rm -f "$LIST"
echo "src/main/launcher/classes.lst: $(grep -vc '^#' src/main/launcher/classes.lst) classes"
