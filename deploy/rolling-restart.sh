#!/usr/bin/env bash
# Replaces a running Switchboard instance by a new one on the same ports, without refusing a client:
# starts the new instance beside the old (its endpoints have `reuse-port = true`, as the old one's
# must, so both bind the same addresses), waits until its admin endpoint answers /health/ready with
# 200, then sends SIGTERM to the old one and waits for it to exit. The old one stops taking new
# connections, answers what it has received and exits; from the moment the new one is ready the
# kernel hands new connections and datagrams to it.
#
#   deploy/rolling-restart.sh (--pid-file FILE | --old PID) --admin HOST:PORT [--log FILE]
#                             [--timeout SECONDS] -- COMMAND [ARGUMENT...]
#
#   --pid-file FILE   holds the old instance's process id; the new one's replaces it on success
#   --old PID         the old instance's process id (instead of --pid-file)
#   --admin HOST:PORT the NEW instance's admin endpoint: it must differ from the old one's (both run
#                     for a moment), e.g. alternate 9464 and 9465 with -Dswitchboard.admin.port=
#   --log FILE        the new instance's standard output and error (default: /dev/null)
#   --timeout SECONDS how long the new instance may take to be ready, and the old one to exit after
#                     SIGTERM (default 60; keep it above the endpoints' shutdown-grace)
#   COMMAND           starts the new instance in the foreground, e.g.
#                     bin/switchboard --config config/switchboard.conf -Dswitchboard.admin.port=9465
#
# Prints the new instance's process id. Exit status 0 when the new instance is ready and the old one
# has exited; 1 when the new one did not become ready (it is stopped, the old one keeps serving) or
# the old one did not exit in time (both are left running; look at the old one).
#
# Under systemd, a unit per instance (switchboard@blue, switchboard@green) does the same with
# `systemctl start` of the new one, this wait on /health/ready, and `systemctl stop` of the old one.
set -euo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

pid_file='' old='' admin='' log=/dev/null timeout=60
while (($#)); do
  case $1 in
    --pid-file) pid_file=$2; shift 2 ;;
    --old) old=$2; shift 2 ;;
    --admin) admin=$2; shift 2 ;;
    --log) log=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --) shift; break ;;
    -h | --help) sed -n '2,27p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
(($#)) || die "no command to start the new instance (after --)"
[ -n "$admin" ] || die "--admin HOST:PORT of the new instance is required"
if [ -z "$old" ]; then
  [ -n "$pid_file" ] || die "--pid-file or --old is required"
  old=$(cat "$pid_file") || die "cannot read $pid_file"
fi
running "$old" || die "no old instance runs as process $old"
if [ "$(http_status "${admin%:*}" "${admin##*:}" /health/ready)" != 000 ]; then
  die "something already answers at $admin: the new instance needs an admin port of its own"
fi

setsid "$@" >"$log" 2>&1 </dev/null &
new=$!
say "started the new instance, process $new; waiting for $admin/health/ready"
deadline=$((SECONDS + timeout))
until [ "$(http_status "${admin%:*}" "${admin##*:}" /health/ready)" = 200 ]; do
  if ! running "$new"; then
    die "the new instance exited before it was ready (see $log); the old one, process $old, keeps serving"
  fi
  if ((SECONDS >= deadline)); then
    kill -TERM "$new" 2>/dev/null || true
    die "the new instance was not ready within $timeout s and was stopped; the old one, process $old, keeps serving"
  fi
  sleep 0.1
done
say "the new instance is ready; SIGTERM to the old one, process $old"
kill -TERM "$old"
if ! wait_exit "$old" "$timeout"; then
  die "the old instance, process $old, still runs $timeout s after SIGTERM; both are running"
fi
say "the old instance has exited"
[ -z "$pid_file" ] || printf '%s\n' "$new" >"$pid_file"
printf '%s\n' "$new"
