#!/usr/bin/env bash
# deploy/rolling-restart.sh under load: one instance serves TCP and UDP on 127.0.0.1:12100 with
# reuse-port = true while a client sends steady requests to it over both; the instance is replaced
# (rolling-restart.sh) several times, the admin endpoint alternating between 9470 and 9471.
#
#   deploy/rolling-restart-test.sh [--rebuild] [--rate N] [--restarts N] [--this-namespace]
#
# Prints the client's report per phase (steady, restart-N while rolling-restart.sh ran, after-N).
# Exits 1 if any TCP request failed or any reply (TCP or UDP) was wrong; UDP losses are counted and
# reported: datagrams still queued in the old instance's sockets when it closes them are lost.
#
# A connection still in its handshake when the old instance closes its listener is reset, unless
# net.ipv4.tcp_migrate_req = 1 (Linux 5.14 and later) hands it to the new instance. When it is 0 and
# the script runs as root, it runs itself in a network namespace of its own (unshare -n, loopback
# only) with the setting at 1, leaving the host's alone; --this-namespace runs it where it is.
set -euo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

rebuild='' rate=300 restarts=3 here=''
arguments=("$@")
while (($#)); do
  case $1 in
    --rebuild) rebuild=rebuild; shift ;;
    --rate) rate=$2; shift 2 ;;
    --restarts) restarts=$2; shift 2 ;;
    --this-namespace) here=yes; shift ;;
    -h | --help) sed -n '2,15p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
command -v java >/dev/null || die "no java on the PATH (JDK 17 or later)"
home=$(switchboard_home "$rebuild")
migrate=$(cat /proc/sys/net/ipv4/tcp_migrate_req 2>/dev/null || echo unsupported)
if [ "$migrate" = 0 ] && [ -z "$here" ] && [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null && command -v ip >/dev/null; then
  say "net.ipv4.tcp_migrate_req = 0 here: running in a network namespace of its own with it at 1"
  # shellcheck disable=SC2016 # expanded by the inner shell
  exec unshare -n bash -c 'ip link set lo up && sysctl -qw net.ipv4.tcp_migrate_req=1 && exec "$@"' \
    bash env SWITCHBOARD_HOME="$home" "$0" "${arguments[@]}" --this-namespace
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/switchboard-rolling.XXXXXX")
client=
cleanup() {
  exec 7>&- 2>/dev/null || true
  [ -z "$client" ] || kill "$client" 2>/dev/null || true
  [ ! -f "$work/switchboard.pid" ] || kill -TERM "$(cat "$work/switchboard.pid")" 2>/dev/null || true
}
trap cleanup EXIT
say "distribution: $home; logs and configurations: $work"

instance_config "$work/switchboard.conf" 12100 9470 off true
start_instance "$home" "$work/switchboard.conf" "$work/instance-0.log" >"$work/switchboard.pid"
wait_ready 127.0.0.1:9470 60 || die "the first instance was not ready within 60 s; see $work/instance-0.log"

javac -d "$work/client" "$deploy_dir/load/LoadClient.java"
mkfifo "$work/control"
java -cp "$work/client" LoadClient --tcp 127.0.0.1:12100 --udp 127.0.0.1:12100 --rate "$rate" \
  <"$work/control" >"$work/report.txt" 2>"$work/client.log" &
client=$!
exec 7>"$work/control"
echo "phase steady" >&7
sleep 2

timings=()
for ((i = 1; i <= restarts; i++)); do
  admin_port=$((9470 + i % 2))
  echo "phase restart-$i" >&7
  t0=$(date +%s%N)
  # 7>&-: the new instance must not hold the client's control pipe open, or the client never ends.
  "$deploy_dir/rolling-restart.sh" --pid-file "$work/switchboard.pid" --admin "127.0.0.1:$admin_port" \
    --log "$work/instance-$i.log" --timeout 60 -- \
    "$home/bin/switchboard" --config "$work/switchboard.conf" "-Dswitchboard.admin.port=$admin_port" \
    2>>"$work/rolling-restart.log" >/dev/null 7>&- || die "rolling restart $i failed; see $work/rolling-restart.log"
  t1=$(date +%s%N)
  timings+=("restart $i: $(((t1 - t0) / 1000000)) ms from start of the new instance to exit of the old")
  echo "phase after-$i" >&7
  sleep 1
done
exec 7>&-
wait "$client" || die "the load client failed; see $work/client.log"
client=

printf '\n== rolling restart under load, TCP and UDP, %s requests/s each, net.ipv4.tcp_migrate_req = %s ==\n' \
  "$rate" "$(cat /proc/sys/net/ipv4/tcp_migrate_req 2>/dev/null || echo unsupported)"
printf '%s\n' "${timings[@]}"
grep -v '^result ' "$work/report.txt"

failures=()
while read -r _ protocol phase sent _ failed wrong; do
  ((wrong == 0)) || failures+=("$protocol $phase: $wrong wrong replies")
  if [ "$protocol" = tcp ] && ((failed != 0)); then failures+=("tcp $phase: $failed failed of $sent"); fi
  if [ "$protocol" = udp ] && ((failed != 0)); then say "udp $phase: $failed of $sent lost"; fi
done < <(grep '^result ' "$work/report.txt")
grep -q '^result tcp after-' "$work/report.txt" || failures+=("no requests were counted")
if ((${#failures[@]})); then
  printf 'FAILED:\n'
  printf '  %s\n' "${failures[@]}"
  printf 'logs: %s\n' "$work"
  exit 1
fi
printf 'passed: %s restarts, no TCP request failed, no reply wrong\n' "$restarts"
last=$(cat "$work/switchboard.pid")
kill -TERM "$last" 2>/dev/null || true
wait_exit "$last" 30 || true
rm -f "$work/switchboard.pid"
trap - EXIT
rm -rf "$work"
