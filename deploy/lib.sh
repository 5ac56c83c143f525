# shellcheck shell=bash
# Functions shared by deploy/test.sh, deploy/rolling-restart.sh and deploy/rolling-restart-test.sh.
# Sourced, not run. Needs bash, coreutils and a JDK (java) on the PATH; nothing else.

deploy_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
repo_dir=$(cd "$deploy_dir/.." && pwd -P)

say() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { say "error: $*"; exit 1; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Installs Debian packages (apt-get update first) when any is missing.
install_packages() {
  ((${#@})) || return 0
  say "installing $*"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# The distribution: $SWITCHBOARD_HOME if set, else the launcher's build output, built with the
# README's command when it is missing or when $1 is "rebuild".
switchboard_home() {
  if [ -n "${SWITCHBOARD_HOME:-}" ]; then
    [ -x "$SWITCHBOARD_HOME/bin/switchboard" ] || die "SWITCHBOARD_HOME=$SWITCHBOARD_HOME has no bin/switchboard"
    printf '%s\n' "$SWITCHBOARD_HOME"
    return
  fi
  local home=$repo_dir/launcher/target/switchboard
  if [ "${1:-}" = rebuild ] || [ ! -x "$home/bin/switchboard" ]; then
    say "building the distribution: mvn -q -DskipTests package"
    (cd "$repo_dir" && mvn -B -q -ntp -DskipTests package) >&2 || die "the build failed"
  fi
  printf '%s\n' "$home"
}

# The HTTP status code of GET http://HOST:PORT/PATH, or 000 when nothing answers within 2 s.
# Bash's /dev/tcp: no curl needed.
http_status() {
  local host=$1 port=$2 path=$3 status
  # shellcheck disable=SC2016 # the inner script's own arguments
  status=$(timeout 2 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    printf "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n" "$2" "$0" >&3
    IFS=" " read -r _ code _ <&3 && printf "%s" "$code"' "$host" "$port" "$path" 2>/dev/null)
  printf '%s\n' "${status:-000}"
}

# Waits until the admin endpoint at HOST:PORT answers 200 on /health/ready, at most $2 seconds.
wait_ready() {
  local admin=$1 seconds=${2:-30} deadline
  deadline=$((SECONDS + seconds))
  until [ "$(http_status "${admin%:*}" "${admin##*:}" /health/ready)" = 200 ]; do
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

# True while process $1 runs (a zombie, exited but not yet reaped by its parent, does not count).
running() {
  local state
  state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

# Waits until process $1 has exited, at most $2 seconds.
wait_exit() {
  local pid=$1 seconds=${2:-30} deadline
  deadline=$((SECONDS + seconds))
  while running "$pid"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.05
  done
}

# Waits until file $1 has a line matching the extended regular expression $2, at most $3 seconds.
wait_log() {
  local file=$1 pattern=$2 seconds=${3:-15} deadline
  deadline=$((SECONDS + seconds))
  until grep -Eq -- "$pattern" "$file" 2>/dev/null; do
    ((SECONDS < deadline)) || return 1
    sleep 0.05
  done
}

# Writes an instance's configuration: instance_config FILE PORT ADMIN_PORT PROXY REUSE [DENY]
# PORT serves TCP and UDP on 127.0.0.1; PROXY is the tcp endpoint's proxy-protocol (off, v1, v2,
# any), trusted from 127.0.0.1 only; REUSE is reuse-port (true, false); DENY, if given, a CIDR block
# both endpoints refuse.
instance_config() {
  local file=$1 port=$2 admin=$3 proxy=$4 reuse=$5 deny=${6:-}
  local proxy_settings=
  [ "$proxy" != off ] && proxy_settings="proxy-protocol = $proxy, proxy-protocol-trusted = [\"127.0.0.1/32\"]"
  cat >"$file" <<EOF
# Written by deploy/lib.sh for one instance of a test.
switchboard {
  admin { enabled = true, host = "127.0.0.1", port = $admin }
  endpoint-defaults.shutdown-grace = 5s
  endpoints {
    udp {
      transport = udp, host = "127.0.0.1", port = $port, services = [uppercase]
      reuse-port = $reuse
      ${deny:+deny = [\"$deny\"]}
    }
    tcp {
      transport = tcp, host = "127.0.0.1", port = $port, framing = raw, services = [uppercase]
      reuse-port = $reuse
      ${proxy_settings}
      ${deny:+deny = [\"$deny\"]}
    }
  }
}
EOF
}

# Starts an instance in the background: start_instance HOME CONFIG LOG [-Dk=v...]; prints its pid.
# setsid: its own session, so that a Ctrl-C meant for the script does not reach it first.
start_instance() {
  local home=$1 config=$2 log=$3
  shift 3
  setsid "$home/bin/switchboard" --config "$config" "$@" >"$log" 2>&1 </dev/null &
  printf '%s\n' "$!"
}
