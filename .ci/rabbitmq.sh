#!/usr/bin/env bash
# Starts a RabbitMQ node of its own for the tests (or `build.ps1 up`), on free loopback ports, with its data under
# $1 (created), and prints the variables that point to it; `rabbitmq.sh stop DIR` stops exactly that node.
# Needs the Debian package rabbitmq-server (installed, not started by the package).
set -euo pipefail

ctl=/usr/lib/rabbitmq/bin/rabbitmqctl
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

if [ "${1:-}" = "stop" ]; then
  dir="$2"
  [ -f "$dir/env" ] || exit 0
  # shellcheck disable=SC1091
  . "$dir/env"
  export HOME="$dir" ERL_EPMD_PORT="$WFE_RABBITMQ_EPMD_PORT"
  "$ctl" -n "$WFE_RABBITMQ_NODE" stop >/dev/null 2>&1 || true
  epmd -kill >/dev/null 2>&1 || true
  exit 0
fi

dir="$1"
mkdir -p "$dir/mnesia" "$dir/log"
amqp=$(free_port); dist=$(free_port); management=$(free_port); epmd=$(free_port)
# A folder used before (build.ps1 up after down) keeps its node, and with it the messages its queues held.
node="wfe$amqp@localhost"
if [ -f "$dir/env" ]; then
  node=$(sed -n 's/^WFE_RABBITMQ_NODE=//p' "$dir/env")
fi
cat > "$dir/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$amqp
management.tcp.ip = 127.0.0.1
management.tcp.port = $management
loopback_users = none
CONF
echo "[rabbitmq_management]." > "$dir/enabled_plugins"
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
cat > "$dir/env" <<ENV
WFE_RABBITMQ_NODE=$node
WFE_RABBITMQ_EPMD_PORT=$epmd
WFE_TEST_RABBITMQ="amqp://wfe:wfe-test@127.0.0.1:$amqp/;management=http://127.0.0.1:$management"
ENV
cat "$dir/env"
