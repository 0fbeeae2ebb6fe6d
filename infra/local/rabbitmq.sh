#!/usr/bin/env bash
# A private RabbitMQ broker for the platform, run by the AppHost as an executable resource.
#   rabbitmq.sh DATA_DIR AMQP_PORT DIST_PORT EPMD_PORT USER PASSWORD_FILE
# Runs its own epmd on EPMD_PORT (never the machine's 4369) and the broker beside it, and stops
# both on SIGTERM, so nothing outlives the AppHost. Runs /usr/lib/rabbitmq/bin/rabbitmq-server
# directly: the /usr/sbin wrapper would switch user and folders.
set -euo pipefail
data=$1 amqp=$2 dist=$3 epmd_port=$4 user=$5 password_file=$6
server=/usr/lib/rabbitmq/bin/rabbitmq-server
[ -x "$server" ] || { echo "rabbitmq-server is not installed; run ./platform install" >&2; exit 1; }

mkdir -p "$data/mnesia" "$data/log" "$data/home" "$data/plugins-expand"
echo '[].' >"$data/enabled_plugins"
: >"$data/rabbitmq-env.conf"
umask 077
cat >"$data/rabbitmq.conf" <<CONF
listeners.tcp.1 = 127.0.0.1:$amqp
default_user = $user
default_pass = $(cat "$password_file")
loopback_users = none
disk_free_limit.absolute = 100MB
log.console = true
log.console.level = warning
CONF

export HOME="$data/home" ERL_EPMD_PORT="$epmd_port" \
  RABBITMQ_NODENAME=platform@localhost RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
  RABBITMQ_NODE_PORT="$amqp" RABBITMQ_DIST_PORT="$dist" \
  RABBITMQ_MNESIA_BASE="$data/mnesia" RABBITMQ_LOG_BASE="$data/log" \
  RABBITMQ_CONFIG_FILE="$data/rabbitmq.conf" RABBITMQ_CONF_ENV_FILE="$data/rabbitmq-env.conf" \
  RABBITMQ_ENABLED_PLUGINS_FILE="$data/enabled_plugins" RABBITMQ_PLUGINS_EXPAND_DIR="$data/plugins-expand" \
  RABBITMQ_PID_FILE="$data/rabbit.pid" RABBITMQ_ADVANCED_CONFIG_FILE="$data/advanced.config" \
  ERL_CRASH_DUMP="$data/log/erl_crash.dump"
# epmd and the Erlang distribution listen on every interface by default; the distribution runs any
# code for a peer that knows the cookie, and epmd tells anyone where to find it. Loopback only, like
# AMQP: epmd reads ERL_EPMD_ADDRESS (so does one erl would start itself if ours were gone), the
# broker and the CLI tools (their own hidden node) take the kernel's interface for distribution.
loopback_dist='-kernel inet_dist_use_interface {127,0,0,1}'
export ERL_EPMD_ADDRESS=127.0.0.1 \
  RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="$loopback_dist" RABBITMQ_CTL_ERL_ARGS="$loopback_dist"

# A broker and epmd left running by an earlier start of this data directory (its script killed before
# it could stop them, e.g. when a stop outlasts the orchestrator's grace period) would hold the node
# name and the ports, and this start would fail: they are stopped first. Only processes of this
# broker: the pid files' processes must name this data directory or this epmd port.
for pidfile in "$data/rabbit.pid" "$data/epmd.pid"; do
  pid=$(cat "$pidfile" 2>/dev/null || true)
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || continue
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -e "$data" -e "epmd -port $epmd_port" || continue
  echo "stopping a broker process left by an earlier start (pid $pid)" >&2
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
done

epmd -port "$epmd_port" &
epmd_pid=$!
echo "$epmd_pid" >"$data/epmd.pid"
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$epmd_port") 2>/dev/null && break; sleep 0.1; done

"$server" &
broker_pid=$!

stop() {
  trap - TERM INT
  kill -TERM "$broker_pid" 2>/dev/null || true   # the server script turns TERM into a clean stop
  wait "$broker_pid" 2>/dev/null || true
  kill "$epmd_pid" 2>/dev/null || true
  wait "$epmd_pid" 2>/dev/null || true
  exit 0
}
trap stop TERM INT
status=0
wait "$broker_pid" || status=$?
kill "$epmd_pid" 2>/dev/null || true
exit "$status"
