#!/usr/bin/env bash
# A private Redis for the tests and benchmarks of the shared (Redis-backed) rate limiter.
#
#   bash scripts/redis.sh start   install redis-server if missing, start (or reuse) a private
#                                 instance on loopback; the LAST line of stdout is its URL
#   bash scripts/redis.sh url     print the URL of the running instance (exit 1 if none)
#   bash scripts/redis.sh stop    shut it down
#
# The instance is throwaway: bound to 127.0.0.1, no persistence, daemonized, with its pid file,
# log and port under .redis/ in the project (override with REPLY_REDIS_DIR). The directory
# ignores itself (.redis/.gitignore), so nothing it holds can be committed by accident.
# REPLY_REDIS_PORT picks the first port to try (default 6390; the next free one is used).
# Everything except the URL goes to stderr, so callers can take the last stdout line.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_DIR="${REPLY_REDIS_DIR:-$ROOT/.redis}"
PID_FILE="$STATE_DIR/redis.pid"
PORT_FILE="$STATE_DIR/port"
LOG_FILE="$STATE_DIR/redis.log"
HOST=127.0.0.1
FIRST_PORT="${REPLY_REDIS_PORT:-6390}"

say() { printf 'redis.sh: %s\n' "$*" >&2; }
die() {
    say "error: $*"
    exit 1
}

url_for() { printf 'redis://%s:%s/0\n' "$HOST" "$1"; }

# PING over bash's /dev/tcp, so a missing redis-cli is no obstacle.
ping_port() {
    local port="$1" reply=""
    { exec 3<>"/dev/tcp/$HOST/$port"; } 2>/dev/null || return 1
    printf 'PING\r\n' >&3
    IFS= read -r -t 2 reply <&3 || true
    exec 3>&- 3<&-
    [[ "$reply" == "+PONG"* ]]
}

port_in_use() {
    (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
}

# The pid of our instance if it is alive and really a redis-server, else nothing.
running_pid() {
    [[ -f "$PID_FILE" ]] || return 1
    local pid
    pid="$(tr -dc '0-9' <"$PID_FILE")"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
    if [[ -r "/proc/$pid/cmdline" ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q redis; then
        return 1 # a stale pid file whose number was reused by another program
    fi
    printf '%s\n' "$pid"
}

running_port() {
    running_pid >/dev/null || return 1
    [[ -f "$PORT_FILE" ]] || return 1
    local port
    port="$(tr -dc '0-9' <"$PORT_FILE")"
    [[ -n "$port" ]] && ping_port "$port" || return 1
    printf '%s\n' "$port"
}

install_redis() {
    command -v redis-server >/dev/null 2>&1 && return 0
    local -a as_root=()
    if [[ "$(id -u)" -ne 0 ]]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            as_root=(sudo -n)
        else
            die "redis-server is not installed and this user cannot install it (not root, no" \
                "passwordless sudo). Install it (Debian/Ubuntu: apt-get install redis-server)," \
                "or set REPLY_TEST_REDIS_URL to a Redis you already run."
        fi
    fi
    command -v apt-get >/dev/null 2>&1 ||
        die "redis-server is not installed and apt-get is not available; install Redis by hand" \
            "or set REPLY_TEST_REDIS_URL."
    say "installing redis-server with apt-get (once; output in $STATE_DIR/apt.log)"
    # The package's own service is of no use here (we run a private instance); in containers
    # without an init system its start is simply skipped, which is fine.
    if ! { "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
        "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -qq --no-install-recommends redis-server; } >"$STATE_DIR/apt.log" 2>&1; then
        tail -n 20 "$STATE_DIR/apt.log" >&2 || true
        die "installing redis-server failed (full output: $STATE_DIR/apt.log)"
    fi
    command -v redis-server >/dev/null 2>&1 || die "redis-server is still missing after install"
}

pick_port() {
    local port
    for ((port = FIRST_PORT; port < FIRST_PORT + 100; port++)); do
        port_in_use "$port" || {
            printf '%s\n' "$port"
            return 0
        }
    done
    die "no free port in $FIRST_PORT..$((FIRST_PORT + 99)) on $HOST"
}

start() {
    local port
    if port="$(running_port)"; then
        say "reusing the running instance (pid $(running_pid))"
        url_for "$port"
        return 0
    fi
    install_redis
    rm -f "$PID_FILE"
    port="$(pick_port)"
    printf '%s\n' "$port" >"$PORT_FILE"
    # A server that dies at start-up (bad option, port race) leaves its reason in the log.
    : >"$LOG_FILE"
    redis-server \
        --bind "$HOST" --port "$port" --protected-mode yes \
        --daemonize yes --pidfile "$PID_FILE" --logfile "$LOG_FILE" --dir "$STATE_DIR" \
        --save '' --appendonly no \
        >&2 9>&- || die "redis-server failed to start; its log: $LOG_FILE"
    local tries
    for ((tries = 0; tries < 100; tries++)); do
        if ping_port "$port"; then
            say "started redis-server on $HOST:$port (pid $(running_pid || echo '?'))"
            url_for "$port"
            return 0
        fi
        sleep 0.1
    done
    tail -n 20 "$LOG_FILE" >&2 || true
    die "redis-server did not answer PING on $HOST:$port within 10 s"
}

stop() {
    local pid tries
    if ! pid="$(running_pid)"; then
        say "no running instance"
        rm -f "$PID_FILE"
        return 0
    fi
    kill "$pid"
    for ((tries = 0; tries < 100; tries++)); do
        kill -0 "$pid" 2>/dev/null || {
            rm -f "$PID_FILE"
            say "stopped redis-server (pid $pid)"
            return 0
        }
        sleep 0.1
    done
    die "redis-server (pid $pid) did not stop within 10 s"
}

url() {
    local port
    port="$(running_port)" || die "no running instance; run: bash scripts/redis.sh start"
    url_for "$port"
}

main() {
    local command="${1:-}"
    case "$command" in
    start | stop | url) ;;
    *)
        say "usage: bash scripts/redis.sh start|stop|url"
        exit 2
        ;;
    esac
    mkdir -p "$STATE_DIR"
    [[ -f "$STATE_DIR/.gitignore" ]] || printf '*\n' >"$STATE_DIR/.gitignore"
    # One start/stop at a time (e.g. several test runners starting together). The server is
    # started with this descriptor closed, or the daemon would hold the lock for its lifetime.
    exec 9>"$STATE_DIR/lock"
    if command -v flock >/dev/null 2>&1; then
        flock -w 60 9 || die "timed out waiting for $STATE_DIR/lock"
    fi
    "$command"
}

main "$@"
