#!/usr/bin/env bash
# Starts a RabbitMQ node of its own for the tests (or `build.ps1 up`), on free loopback ports, with its data under
# $1 (created), and prints the variables that point to it; `rabbitmq.sh stop DIR` stops exactly that node.
# Needs the Debian package rabbitmq-server (installed, not started by the package). Runs as root or as any user who can
# create DIR: the node runs as that user, with its Erlang cookie in DIR.
# The node's name and epmd port are in DIR/env before the node starts, so that stop finds a node whose start failed
# half way; a start that fails stops the node itself.
set -euo pipefail

ctl=/usr/lib/rabbitmq/bin/rabbitmqctl
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# Stops the node named in DIR/env: rabbitmqctl stop, else its pid (DIR/rabbitmq.pid) with TERM then KILL, then its epmd.
# Says which: stopped it, or it was not running (both succeed); fails when DIR names no node (a wrong folder, or nothing
# was started there) or the node still runs afterwards.
stop_node() {
  local dir="$1" pid="" running=0
  if [ ! -f "$dir/env" ] || ! grep -q '^WFE_RABBITMQ_NODE=' "$dir/env"; then
    echo "No RabbitMQ node under $dir (no node named in $dir/env): nothing to stop there. Is it the folder rabbitmq.sh was started with?" >&2
    return 1
  fi
  node=$(sed -n 's/^WFE_RABBITMQ_NODE=//p' "$dir/env")
  epmd_port=$(sed -n 's/^WFE_RABBITMQ_EPMD_PORT=//p' "$dir/env")
  export HOME="$dir" ERL_EPMD_PORT="$epmd_port"
  # The node's pid, while that process is still this node's (its command line names DIR), not one given the pid since.
  [ -f "$dir/rabbitmq.pid" ] && pid=$(tr -dc 0-9 < "$dir/rabbitmq.pid")
  if [ -n "$pid" ] && ! tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF "$dir"; then pid=""; fi
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && running=1
  "$ctl" -n "$node" stop >/dev/null 2>&1 && running=1
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  epmd -kill >/dev/null 2>&1 || true
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    echo "RabbitMQ node $node (pid $pid) under $dir did not stop: it is still running after rabbitmqctl stop, SIGTERM and SIGKILL" >&2
    return 1
  fi
  if [ "$running" = 1 ]; then
    echo "Stopped RabbitMQ node $node under $dir."
  else
    echo "RabbitMQ node $node under $dir was already stopped."
  fi
  return 0
}

if [ "${1:-}" = "stop" ]; then
  stop_node "${2:?usage: rabbitmq.sh stop DIR}"
  exit $?
fi

dir="$1"
mkdir -p "$dir/mnesia" "$dir/log"
amqp=$(free_port); dist=$(free_port); management=$(free_port); epmd=$(free_port)
# A folder used before (build.ps1 up after down) keeps its node, and with it the messages its queues held.
node="wfe$amqp@localhost"
if [ -f "$dir/env" ] && grep -q '^WFE_RABBITMQ_NODE=' "$dir/env"; then
  node=$(sed -n 's/^WFE_RABBITMQ_NODE=//p' "$dir/env")
fi
cat > "$dir/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$amqp
management.tcp.ip = 127.0.0.1
management.tcp.port = $management
loopback_users = none
CONF
echo "[rabbitmq_management]." > "$dir/enabled_plugins"
rm -f "$dir/rabbitmq.pid"
# What stop needs, written before the node starts; the address follows once the node is up.
cat > "$dir/env" <<ENV
WFE_RABBITMQ_NODE=$node
WFE_RABBITMQ_EPMD_PORT=$epmd
ENV
trap 'status=$?; if [ "$status" != 0 ]; then echo "RabbitMQ did not start (see $dir/log); stopping what started" >&2; stop_node "$dir" || true; fi' EXIT
export HOME="$dir" RABBITMQ_NODENAME="$node" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$amqp" \
  RABBITMQ_DIST_PORT="$dist" ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT="$epmd" RABBITMQ_MNESIA_BASE="$dir/mnesia" \
  RABBITMQ_LOG_BASE="$dir/log" RABBITMQ_CONFIG_FILE="$dir/rabbitmq" RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" \
  RABBITMQ_PID_FILE="$dir/rabbitmq.pid"
/usr/lib/rabbitmq/bin/rabbitmq-server -detached >"$dir/log/start.out" 2>&1
for _ in $(seq 1 90); do
  if "$ctl" -n "$node" await_startup --timeout 5 >/dev/null 2>&1; then break; fi
  sleep 1
done
"$ctl" -n "$node" await_startup --timeout 30 >/dev/null
"$ctl" -n "$node" list_users --quiet 2>/dev/null | grep -q '^wfe\b' || "$ctl" -n "$node" add_user wfe wfe-test >/dev/null
"$ctl" -n "$node" set_user_tags wfe administrator >/dev/null
"$ctl" -n "$node" set_permissions -p / wfe '.*' '.*' '.*' >/dev/null
cat >> "$dir/env" <<ENV
WFE_TEST_RABBITMQ="amqp://wfe:wfe-test@127.0.0.1:$amqp/;management=http://127.0.0.1:$management"
ENV
cat "$dir/env"
