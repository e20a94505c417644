# Finds a JDK 25 or newer for the workbook's scripts (./workbook, ./jbang, .ci/run).
# Source it, then call find_jdk: on success it exports JAVA_HOME and puts its bin first on PATH;
# otherwise it prints one line saying what to install and returns 1.
# Order: $JAVA_HOME, then the java on PATH, then /usr/lib/jvm/*25* (and newer under /usr/lib/jvm).

WORKBOOK_MIN_JAVA=25

# Prints the feature version (17, 25, ...) of the java launcher given as $1, or nothing.
java_feature_version() {
  local launcher=$1 line
  [ -x "$launcher" ] || return 1
  line=$("$launcher" -XshowSettings:properties -version 2>&1 | grep -m1 'java.specification.version') || return 1
  line=${line##*= }
  line=${line#1.}
  printf '%s\n' "${line%%.*}"
}

# Succeeds when the JDK home $1 has a java of at least WORKBOOK_MIN_JAVA and a javac.
is_usable_jdk() {
  local home=$1 version
  [ -n "$home" ] && [ -x "$home/bin/javac" ] || return 1
  version=$(java_feature_version "$home/bin/java") || return 1
  [ -n "$version" ] && [ "$version" -ge "$WORKBOOK_MIN_JAVA" ]
}

find_jdk() {
  local candidate on_path
  local -a candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if on_path=$(command -v java 2>/dev/null); then
    on_path=$(readlink -f "$on_path")
    candidates+=("${on_path%/bin/java}")
  fi
  for candidate in /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    candidates+=("$candidate")
  done
  for candidate in "${candidates[@]}"; do
    if is_usable_jdk "$candidate"; then
      export JAVA_HOME=$candidate
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "workbook: no JDK $WORKBOOK_MIN_JAVA or newer found (looked at JAVA_HOME, the java on PATH and /usr/lib/jvm); install one, e.g. Temurin 25, and set JAVA_HOME to it" >&2
  return 1
}
