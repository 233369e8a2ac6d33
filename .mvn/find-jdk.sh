# Sourced by ./mvnw and ./memorylayer: picks a JDK >= 21 (the build targets 25) and exports JAVA_HOME.
# Order: an existing JAVA_HOME that is new enough, then Temurin 25 in the system JVM directory,
# then any JDK >= 21 there, then `java` on the PATH.
memorylayer_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p' | head -1
}
memorylayer_pick_jdk() {
  local candidate major noglob=
  case $- in *f*) noglob=1; set +f ;; esac
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    major=$(memorylayer_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then export JAVA_HOME="$candidate"; [ -z "$noglob" ] || set -f; return 0; fi
  done
  [ -z "$noglob" ] || set -f
  if command -v java >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    major=$(memorylayer_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then export JAVA_HOME="$candidate"; return 0; fi
  fi
  echo "memorylayer: no JDK 21 or newer found (JDK 25 recommended). Install one and set JAVA_HOME to it." >&2
  return 1
}
memorylayer_pick_jdk || exit 1
