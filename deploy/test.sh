#!/usr/bin/env bash
# Switchboard behind a real load balancer, on loopback: three instances, HAProxy (TCP) and then nginx
# (TCP and UDP) in front, steady load through the balancer; one instance is killed (SIGKILL), another
# drained (SIGTERM). Then the rolling restart under load (deploy/rolling-restart-test.sh).
#
#   deploy/test.sh [--rebuild] [--rate N] [haproxy] [nginx] [rolling]     (default: all three)
#
# Installs haproxy and nginx-full from Debian's packages when missing (apt-get; sudo when not root).
# Uses the distribution in launcher/target/switchboard (building it with the README's command when
# missing, or with --rebuild), or $SWITCHBOARD_HOME. Needs JDK 17 or later and Maven.
#
# Ports, all on 127.0.0.1: the balancer 12000 (TCP, and UDP for nginx), the instances 12001-12003
# (TCP and UDP) with their admin endpoints on 9465-9467, as deploy/haproxy/haproxy.cfg and
# deploy/nginx/nginx.conf say; they must be free.
#
# Prints a report per balancer; exits 1 if any TCP request failed or any reply was wrong once the
# balancer had noticed the killed instance, or while and after an instance drained, or if the
# instances did not see the real client's address through the PROXY protocol. UDP losses are
# counted and reported, not failed on: UDP promises no delivery, and the open-source nginx learns of
# a dead UDP instance only from a datagram it sent there.
set -euo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

rebuild=
rate=300
runs=()
while (($#)); do
  case $1 in
    --rebuild) rebuild=rebuild ;;
    --rate) rate=$2; shift ;;
    haproxy | nginx | rolling) runs+=("$1") ;;
    -h | --help) sed -n '2,20p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
  shift
done
((${#runs[@]})) || runs=(haproxy nginx rolling)

missing=()
for run in "${runs[@]}"; do
  case $run in
    haproxy) command -v haproxy >/dev/null || missing+=(haproxy) ;;
    nginx)
      if ! command -v nginx >/dev/null; then
        missing+=(nginx-full)
      elif [ ! -f /usr/lib/nginx/modules/ngx_stream_module.so ]; then
        missing+=(libnginx-mod-stream)
      fi ;;
  esac
done
install_packages "${missing[@]}"
command -v java >/dev/null || die "no java on the PATH (JDK 17 or later)"

home=$(switchboard_home "$rebuild")
work=$(mktemp -d "${TMPDIR:-/tmp}/switchboard-deploy.XXXXXX")
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  exec 7>&- 2>/dev/null || true
}
trap cleanup EXIT
say "distribution: $home; logs and configurations: $work"

# Compiled once, so that each run starts the client at once.
javac -d "$work/client" "$deploy_dir/load/LoadClient.java"
load_client() { java -cp "$work/client" LoadClient "$@"; }

failures=()
check_zero() { # check_zero REPORT PROTOCOL PHASE WHAT: fails the run if any request of the phase failed
  local report=$1 protocol=$2 phase=$3 what=$4 line
  line=$(grep -E "^result $protocol $phase " "$report") || { failures+=("$what: no $protocol requests in phase $phase"); return; }
  read -r _ _ _ sent _ failed wrong <<<"$line"
  if ((sent == 0 || failed != 0 || wrong != 0)); then
    failures+=("$what: $protocol $phase: $sent sent, $failed failed, $wrong wrong")
  fi
}
check_no_wrong() {
  local report=$1 protocol=$2 phase wrong
  while read -r _ _ phase _ _ _ wrong; do
    ((wrong == 0)) || failures+=("$protocol $phase: $wrong wrong replies")
  done < <(grep -E "^result $protocol " "$report")
}

# Starts the three instances behind a balancer, their tcp endpoints expecting the PROXY protocol
# and refusing clients from 127.0.0.2 (the PROXY protocol check below connects from there).
start_instances() {
  local proxy=$1 i
  instance_pids=()
  for i in 1 2 3; do
    instance_config "$work/instance-$i.conf" "1200$i" "946$((4 + i))" "$proxy" false 127.0.0.2/32
    instance_pids[i]=$(start_instance "$home" "$work/instance-$i.conf" "$work/$balancer-instance-$i.log")
    pids+=("${instance_pids[i]}")
    wait_ready "127.0.0.1:946$((4 + i))" 60 || die "instance $i not ready within 60 s; see $work/$balancer-instance-$i.log"
  done
  say "instances ready: pids ${instance_pids[*]}"
}

stop_all() {
  local pid
  for pid in "$@"; do kill -9 "$pid" 2>/dev/null || true; done
  for pid in "$@"; do wait_exit "$pid" 10 || true; done
}

# One TCP request through the balancer from 127.0.0.2, which the instances deny: refused only if
# they see the client's own address (from the PROXY header), not the balancer's (127.0.0.1).
check_client_address() {
  local through=$1
  if load_client --probe "127.0.0.1:12000" --source 127.0.0.2 >"$work/$balancer-probe.log" 2>&1; then
    failures+=("$balancer: a client at 127.0.0.2, denied by the instances, was served: they do not see the client's address")
    proxy_result="NOT seen (the denied client was served)"
  elif load_client --probe "127.0.0.1:12000" --source 127.0.0.1 >>"$work/$balancer-probe.log" 2>&1; then
    proxy_result="seen (the instances refused 127.0.0.2, served 127.0.0.1, both through $through)"
  else
    failures+=("$balancer: a probe from 127.0.0.1 failed; see $work/$balancer-probe.log")
    proxy_result="unknown (the allowed probe failed too)"
  fi
}

# The kill and drain scenario against the balancer listening on 12000:
# run_scenario NOTICED_PATTERN BALANCER_LOG CLIENT_OPTION...; NOTICED_PATTERN is the balancer's log line
# saying it took instance 2 out.
# Phases (a request counts in the phase in which it began): steady (3 s), kill-unnoticed (SIGKILL of
# instance 2, until the balancer's log says it took it out), kill-noticed (3 s), drain (SIGTERM of
# instance 3, until it exited), drained (2 s).
run_scenario() {
  local noticed_pattern=$1 log=$2
  shift 2
  local report=$work/$balancer-report.txt t0 t1
  mkfifo "$work/$balancer-control"
  load_client "$@" --rate "$rate" <"$work/$balancer-control" >"$report" 2>"$work/$balancer-client.log" &
  local client=$!
  exec 7>"$work/$balancer-control"
  echo "phase steady" >&7
  sleep 3

  # The phase begins a moment before the signal, so that the requests in flight when it lands count
  # in it, not in the phase before.
  echo "phase kill-unnoticed" >&7
  sleep 0.2
  t0=$(date +%s%N)
  kill -9 "${instance_pids[2]}"
  if wait_log "$log" "$noticed_pattern" 15; then
    t1=$(date +%s%N)
    noticed="after $(((t1 - t0) / 1000000)) ms"
  else
    noticed="not within 15 s"
    failures+=("$balancer did not log taking out the killed instance within 15 s")
  fi
  echo "phase kill-noticed" >&7
  sleep 3

  echo "phase drain" >&7
  sleep 0.2
  t0=$(date +%s%N)
  kill -TERM "${instance_pids[3]}"
  if wait_exit "${instance_pids[3]}" 30; then
    t1=$(date +%s%N)
    drained="exited $(((t1 - t0) / 1000000)) ms after SIGTERM"
  else
    drained="still running 30 s after SIGTERM"
    failures+=("$balancer: the drained instance did not exit within 30 s")
  fi
  echo "phase drained" >&7
  sleep 2
  exec 7>&-
  wait "$client" || failures+=("$balancer: the load client failed; see $work/$balancer-client.log")
}

print_report() {
  local title=$1
  printf '\n== %s ==\n' "$title"
  printf 'instance 2 killed (SIGKILL): the balancer took it out %s\n' "$noticed"
  printf 'instance 3 drained (SIGTERM): %s\n' "$drained"
  printf 'client address through the PROXY protocol: %s\n' "$proxy_result"
  grep -v '^result ' "$work/$balancer-report.txt"
}

run_haproxy() {
  balancer=haproxy
  start_instances v2
  haproxy -db -f "$deploy_dir/haproxy/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
  local proxy=$!
  pids+=("$proxy")
  # Every server checked once and up (HAProxy starts them up, then checks every 500 ms).
  sleep 1.5
  running "$proxy" || die "haproxy did not start; see $work/haproxy.log"
  check_client_address haproxy
  run_scenario 'switchboard_tcp/s2 is DOWN' "$work/haproxy.log" --tcp 127.0.0.1:12000
  local report=$work/haproxy-report.txt
  check_zero "$report" tcp steady "haproxy"
  check_zero "$report" tcp kill-noticed "haproxy, after the killed instance was taken out"
  check_zero "$report" tcp drain "haproxy, while an instance drained"
  check_zero "$report" tcp drained "haproxy, after an instance drained"
  check_no_wrong "$report" tcp
  print_report "HAProxy $(haproxy -v | sed -n '1s/HAProxy version \([^ ]*\).*/\1/p'), TCP, $rate requests/s"
  grep -E '^Server switchboard_tcp/s[23] is DOWN' "$work/haproxy.log" | sed 's/^/haproxy: /' || true
  kill -TERM "$proxy"; wait "$proxy" 2>/dev/null || true
  stop_all "${instance_pids[@]}"
}

run_nginx() {
  balancer=nginx
  start_instances v1
  nginx -c "$deploy_dir/nginx/nginx.conf" -e stderr -g "daemon off; pid $work/nginx.pid;" >"$work/nginx.log" 2>&1 &
  local proxy=$!
  pids+=("$proxy")
  sleep 1
  running "$proxy" || die "nginx did not start; see $work/nginx.log"
  check_client_address nginx
  run_scenario 'upstream server temporarily disabled.*127\.0\.0\.1:12002' "$work/nginx.log" \
    --tcp 127.0.0.1:12000 --udp 127.0.0.1:12000
  local report=$work/nginx-report.txt
  check_zero "$report" tcp steady "nginx"
  check_zero "$report" tcp kill-noticed "nginx, after the killed instance was taken out"
  check_zero "$report" tcp drain "nginx, while an instance drained"
  check_zero "$report" tcp drained "nginx, after an instance drained"
  check_no_wrong "$report" tcp
  check_no_wrong "$report" udp
  print_report "nginx $(nginx -v 2>&1 | sed 's|.*nginx/||'), TCP and UDP, $rate requests/s each"
  kill -QUIT "$proxy"; wait "$proxy" 2>/dev/null || true
  stop_all "${instance_pids[@]}"
}

for run in "${runs[@]}"; do
  case $run in
    haproxy) run_haproxy ;;
    nginx) run_nginx ;;
    rolling) "$deploy_dir/rolling-restart-test.sh" --rate "$rate" || failures+=("the rolling restart test failed") ;;
  esac
done

printf '\n'
if ((${#failures[@]})); then
  printf 'FAILED:\n'
  printf '  %s\n' "${failures[@]}"
  printf 'logs: %s\n' "$work"
  exit 1
fi
printf 'passed: %s\n' "${runs[*]}"
rm -rf "$work"
