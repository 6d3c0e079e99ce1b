#!/usr/bin/env bash
# Private, throwaway Redis deployments for the tests and benchmarks of the shared rate limiter.
#
#   bash scripts/redis.sh start [TOPOLOGY]   install Redis if missing, start (or reuse) TOPOLOGY on
#                                           loopback; the LAST line of stdout is its URL
#   bash scripts/redis.sh url [TOPOLOGY]     print the URL of the running TOPOLOGY (exit 1 if none)
#   bash scripts/redis.sh stop [TOPOLOGY]    shut down what `start TOPOLOGY` started ("all": all)
#
# TOPOLOGY (default: standalone):
#   standalone  one redis-server                          redis://127.0.0.1:PORT/0
#   cluster     Redis Cluster, 3 primaries + 3 replicas   redis+cluster://127.0.0.1:P1,...:P3
#   sentinel    a primary, one replica, one Sentinel      redis+sentinel://127.0.0.1:S/reply-contacts/0
#   tls         one redis-server speaking only TLS        rediss://127.0.0.1:PORT/0?ssl_ca_certs=CA
#               (an openssl-made CA and server certificate in its state directory)
#
# Everything is throwaway: bound to 127.0.0.1, no persistence, daemonized, with pid files, logs
# and ports under .redis/ in the project (override with REPLY_REDIS_DIR; the standalone instance
# at its top, the others in a subdirectory each). The directory ignores itself (.redis/.gitignore),
# so nothing it holds can be committed by accident. A topology whose processes are not all alive
# and answering (say a test killed a primary) is stopped and started afresh by `start`.
# REPLY_REDIS_PORT picks the first port tried for standalone (default 6390); cluster, sentinel
# and tls look from 7101, 7201 and 7301 (REPLY_REDIS_CLUSTER_PORT, ..._SENTINEL_PORT,
# ..._TLS_PORT). Everything except the URL goes to stderr, so callers can take the last line.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_DIR="${REPLY_REDIS_DIR:-$ROOT/.redis}"
PID_FILE="$STATE_DIR/redis.pid"
PORT_FILE="$STATE_DIR/port"
HOST=127.0.0.1
FIRST_PORT="${REPLY_REDIS_PORT:-6390}"
SENTINEL_SERVICE=reply-contacts
# Failure detection in the throwaway deployments: a second, so failover tests stay short.
NODE_TIMEOUT_MS=1000

say() { printf 'redis.sh: %s\n' "$*" >&2; }
die() {
    say "error: $*"
    exit 1
}

# -- probes -------------------------------------------------------------------------------------

# PING over bash's /dev/tcp, so the standalone instance needs no redis-cli.
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

# True while process $1 runs. A zombie does not count: where nothing reaps exited daemons (a
# container whose init does not), one would otherwise look alive until its parent collects it.
alive() {
    kill -0 "$1" 2>/dev/null || return 1
    [[ ! -r "/proc/$1/stat" ]] || [[ "$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null)" != Z ]]
}

# The pid in pid file $1 if it is alive and really a redis-server, else nothing.
live_pid() {
    [[ -f "$1" ]] || return 1
    local pid
    pid="$(tr -dc '0-9' <"$1")"
    [[ -n "$pid" ]] && alive "$pid" || return 1
    if [[ -r "/proc/$pid/cmdline" ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q redis; then
        return 1 # a stale pid file whose number was reused by another program
    fi
    printf '%s\n' "$pid"
}

# redis-cli against one port of the deployment (more options after the port).
cli() {
    local port="$1"
    shift
    timeout 5 redis-cli -h "$HOST" -p "$port" "$@" 2>/dev/null
}

# The first of $2 consecutive ports from $1 that are all free, together with their cluster bus
# ports (port + 10000) when $3 is "bus".
pick_ports() {
    local first="$1" count="$2" bus="${3:-}" base offset clash
    for ((base = first; base < first + 200; base += count)); do
        clash=0
        for ((offset = 0; offset < count; offset++)); do
            if port_in_use $((base + offset)) || { [[ "$bus" == bus ]] && port_in_use $((base + offset + 10000)); }; then
                clash=1
                break
            fi
        done
        if ((clash == 0)); then
            printf '%s\n' "$base"
            return 0
        fi
    done
    die "no $count free consecutive ports from $first on $HOST"
}

wait_for() {
    local what="$1" tries
    shift
    for ((tries = 0; tries < 150; tries++)); do
        "$@" && return 0
        sleep 0.1
    done
    die "$what not reached within 15 s (logs under $STATE_DIR)"
}

# -- installation -------------------------------------------------------------------------------

install_redis() {
    local -a missing=()
    command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
    command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
    if [[ "${1:-}" == tls ]] && ! command -v openssl >/dev/null 2>&1; then
        missing+=(openssl)
    fi
    ((${#missing[@]} == 0)) && return 0
    local -a as_root=()
    if [[ "$(id -u)" -ne 0 ]]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            as_root=(sudo -n)
        else
            die "${missing[*]} not installed and this user cannot install it (not root, no" \
                "passwordless sudo). Install it (Debian/Ubuntu: apt-get install redis-server" \
                "redis-tools openssl), or set REPLY_TEST_REDIS_URL to a Redis you already run."
        fi
    fi
    command -v apt-get >/dev/null 2>&1 ||
        die "${missing[*]} not installed and apt-get is not available; install Redis by hand" \
            "or set REPLY_TEST_REDIS_URL."
    say "installing ${missing[*]} with apt-get (once; output in $STATE_DIR/apt.log)"
    # The package's own service is of no use here (we run private instances); in containers
    # without an init system its start is simply skipped, which is fine. Sentinel needs no
    # package of its own: it is `redis-server --sentinel`.
    if ! { "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
        "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$STATE_DIR/apt.log" 2>&1; then
        tail -n 20 "$STATE_DIR/apt.log" >&2 || true
        die "installing ${missing[*]} failed (full output: $STATE_DIR/apt.log)"
    fi
    command -v redis-server >/dev/null 2>&1 || die "redis-server is still missing after install"
}

# -- one server ---------------------------------------------------------------------------------

# launch DIR PORT [redis-server options...]: a daemonized, loopback-only server with its pid
# file, log and working directory in DIR. Started with the lock descriptor closed, or the daemon
# would hold the lock for its lifetime.
launch() {
    local dir="$1" port="$2"
    shift 2
    mkdir -p "$dir"
    : >"$dir/redis.log"
    rm -f "$dir/redis.pid"
    redis-server \
        --bind "$HOST" --port "$port" --protected-mode yes \
        --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir" \
        --save '' --appendonly no "$@" \
        >&2 9>&- || die "redis-server failed to start; its log: $dir/redis.log"
}

# Stops every server whose pid file lies under $1 (SIGCONT first: a test may have frozen one).
stop_under() {
    local pid_file pid tries
    local -a pids=()
    while IFS= read -r pid_file; do
        if pid="$(live_pid "$pid_file")"; then
            kill -CONT "$pid" 2>/dev/null || true
            kill "$pid" 2>/dev/null || true
            pids+=("$pid")
        fi
        rm -f "$pid_file"
    done < <(find "$1" -name redis.pid 2>/dev/null)
    for pid in "${pids[@]}"; do
        for ((tries = 0; tries < 100; tries++)); do
            alive "$pid" || break
            sleep 0.1
        done
        alive "$pid" && kill -KILL "$pid" 2>/dev/null || true
    done
    ((${#pids[@]} == 0)) || say "stopped ${#pids[@]} redis process(es) under $1"
}

# True when every pid file under $1 names a live redis process (and there is at least one).
all_alive() {
    local pid_file found=0
    while IFS= read -r pid_file; do
        found=1
        live_pid "$pid_file" >/dev/null || return 1
    done < <(find "$1" -name redis.pid 2>/dev/null)
    ((found == 1))
}

# -- standalone ---------------------------------------------------------------------------------

standalone_url() {
    [[ -f "$PORT_FILE" ]] || return 1
    live_pid "$PID_FILE" >/dev/null || return 1
    local port
    port="$(tr -dc '0-9' <"$PORT_FILE")"
    [[ -n "$port" ]] && ping_port "$port" || return 1
    printf 'redis://%s:%s/0\n' "$HOST" "$port"
}

standalone_start() {
    local port
    port="$(pick_ports "$FIRST_PORT" 1)"
    printf '%s\n' "$port" >"$PORT_FILE"
    launch "$STATE_DIR" "$port" # its pid file is PID_FILE
    wait_for "PING on $HOST:$port" ping_port "$port"
    say "started redis-server on $HOST:$port (pid $(live_pid "$PID_FILE" || echo '?'))"
}

standalone_stop() {
    local pid tries
    if ! pid="$(live_pid "$PID_FILE")"; then
        rm -f "$PID_FILE"
        return 0
    fi
    kill -CONT "$pid" 2>/dev/null || true
    kill "$pid"
    for ((tries = 0; tries < 100; tries++)); do
        alive "$pid" || {
            rm -f "$PID_FILE"
            say "stopped redis-server (pid $pid)"
            return 0
        }
        sleep 0.1
    done
    die "redis-server (pid $pid) did not stop within 10 s"
}

# -- cluster: 3 primaries, 3 replicas -----------------------------------------------------------

CLUSTER_DIR="$STATE_DIR/cluster"

cluster_ports() { tr -dc '0-9 ' <"$CLUSTER_DIR/ports"; }

cluster_ok() {
    local port info
    for port in $(cluster_ports); do
        info="$(cli "$port" cluster info)" || return 1
        [[ "$info" == *"cluster_state:ok"* && "$info" == *"cluster_known_nodes:6"* ]] || return 1
    done
}

replicas_synced() {
    local port replicas=0
    for port in $(cluster_ports); do
        if cli "$port" info replication | grep -q '^master_link_status:up'; then
            replicas=$((replicas + 1))
        fi
    done
    ((replicas == 3))
}

cluster_url() {
    [[ -f "$CLUSTER_DIR/ports" ]] && all_alive "$CLUSTER_DIR" && cluster_ok && replicas_synced || return 1
    local -a ports
    read -r -a ports <<<"$(cluster_ports)"
    printf 'redis+cluster://%s:%s,%s:%s,%s:%s\n' \
        "$HOST" "${ports[0]}" "$HOST" "${ports[1]}" "$HOST" "${ports[2]}"
}

cluster_start() {
    local base port
    local -a nodes=()
    base="$(pick_ports "${REPLY_REDIS_CLUSTER_PORT:-7101}" 6 bus)"
    rm -rf "$CLUSTER_DIR"
    mkdir -p "$CLUSTER_DIR"
    for ((port = base; port < base + 6; port++)); do
        launch "$CLUSTER_DIR/node-$port" "$port" \
            --cluster-enabled yes --cluster-config-file nodes.conf \
            --cluster-node-timeout "$NODE_TIMEOUT_MS"
        nodes+=("$HOST:$port")
    done
    printf '%s ' "${nodes[@]##*:}" >"$CLUSTER_DIR/ports"
    for port in $(cluster_ports); do
        wait_for "PING on $HOST:$port" ping_port "$port"
    done
    timeout 60 redis-cli --cluster create "${nodes[@]}" --cluster-replicas 1 --cluster-yes \
        >"$CLUSTER_DIR/create.log" 2>&1 ||
        die "redis-cli --cluster create failed: $(tail -n 5 "$CLUSTER_DIR/create.log")"
    wait_for "cluster_state:ok on every node" cluster_ok
    wait_for "three replicas in sync" replicas_synced
    say "started a Redis Cluster on $HOST:$base..$((base + 5)) (3 primaries, 3 replicas)"
}

# -- sentinel: a primary, a replica, one Sentinel -----------------------------------------------

SENTINEL_DIR="$STATE_DIR/sentinel"

sentinel_port() { tr -dc '0-9' <"$SENTINEL_DIR/sentinel-port"; }

sentinel_ok() {
    local port master
    port="$(sentinel_port)"
    master="$(cli "$port" sentinel get-master-addr-by-name "$SENTINEL_SERVICE" | tr '\n' ' ')" || return 1
    [[ -n "$master" ]] || return 1
    # The Sentinel has found the replica, and the replica is in sync with the primary.
    cli "$port" sentinel replicas "$SENTINEL_SERVICE" | grep -qx 'slave' || return 1
    cli "$(awk '{print $2}' <<<"$master")" info replication | grep -q '^connected_slaves:1'
}

sentinel_url() {
    [[ -f "$SENTINEL_DIR/sentinel-port" ]] && all_alive "$SENTINEL_DIR" && sentinel_ok || return 1
    printf 'redis+sentinel://%s:%s/%s/0\n' "$HOST" "$(sentinel_port)" "$SENTINEL_SERVICE"
}

sentinel_start() {
    local base conf
    base="$(pick_ports "${REPLY_REDIS_SENTINEL_PORT:-7201}" 3)"
    rm -rf "$SENTINEL_DIR"
    mkdir -p "$SENTINEL_DIR/sentinel-$((base + 2))"
    launch "$SENTINEL_DIR/primary-$base" "$base"
    launch "$SENTINEL_DIR/replica-$((base + 1))" "$((base + 1))" --replicaof "$HOST" "$base"
    # Sentinel rewrites its configuration file as it learns, so it gets one of its own. It is told
    # of the replica up front: left to itself, it would find it only at its next INFO, 10 s away.
    conf="$SENTINEL_DIR/sentinel-$((base + 2))/sentinel.conf"
    cat >"$conf" <<EOF
sentinel monitor $SENTINEL_SERVICE $HOST $base 1
sentinel down-after-milliseconds $SENTINEL_SERVICE $NODE_TIMEOUT_MS
sentinel failover-timeout $SENTINEL_SERVICE 10000
sentinel parallel-syncs $SENTINEL_SERVICE 1
sentinel known-replica $SENTINEL_SERVICE $HOST $((base + 1))
EOF
    printf '%s\n' "$((base + 2))" >"$SENTINEL_DIR/sentinel-port"
    local dir="$SENTINEL_DIR/sentinel-$((base + 2))"
    redis-server "$conf" --sentinel \
        --bind "$HOST" --port "$((base + 2))" --protected-mode yes \
        --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir" \
        >&2 9>&- || die "redis-server --sentinel failed to start; its log: $dir/redis.log"
    wait_for "the Sentinel watching a primary with its replica in sync" sentinel_ok
    say "started a primary ($HOST:$base), a replica (:$((base + 1))) and a Sentinel (:$((base + 2)))"
}

# -- tls: one server speaking only TLS ----------------------------------------------------------

TLS_DIR="$STATE_DIR/tls"

tls_ping() {
    local port
    port="$(tr -dc '0-9' <"$TLS_DIR/port")"
    [[ "$(cli "$port" --tls --cacert "$TLS_DIR/ca.crt" ping)" == PONG ]]
}

tls_url() {
    [[ -f "$TLS_DIR/port" ]] && all_alive "$TLS_DIR" && tls_ping || return 1
    printf 'rediss://%s:%s/0?ssl_ca_certs=%s\n' "$HOST" "$(tr -dc '0-9' <"$TLS_DIR/port")" "$TLS_DIR/ca.crt"
}

# A private CA and a server certificate for 127.0.0.1 and localhost, valid for a week.
make_certificates() {
    local dir="$1"
    {
        openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj "/CN=reply-contacts test CA" \
            -keyout "$dir/ca.key" -out "$dir/ca.crt" &&
            openssl req -newkey rsa:2048 -nodes -subj "/CN=$HOST" \
                -keyout "$dir/server.key" -out "$dir/server.csr" &&
            printf 'subjectAltName=IP:%s,DNS:localhost\n' "$HOST" >"$dir/san.ext" &&
            openssl x509 -req -days 7 -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" \
                -CAcreateserial -extfile "$dir/san.ext" -out "$dir/server.crt"
    } >"$dir/openssl.log" 2>&1 || die "openssl failed: $(tail -n 5 "$dir/openssl.log")"
    chmod 600 "$dir/ca.key" "$dir/server.key"
}

tls_start() {
    local port
    port="$(pick_ports "${REPLY_REDIS_TLS_PORT:-7301}" 1)"
    rm -rf "$TLS_DIR"
    mkdir -p "$TLS_DIR/server"
    make_certificates "$TLS_DIR"
    printf '%s\n' "$port" >"$TLS_DIR/port"
    # Options after `launch`'s own win: port 0 turns plaintext off, the TLS port replaces it.
    launch "$TLS_DIR/server" "$port" \
        --tls-port "$port" --tls-cert-file "$TLS_DIR/server.crt" \
        --tls-key-file "$TLS_DIR/server.key" --tls-ca-cert-file "$TLS_DIR/ca.crt" \
        --tls-auth-clients no --port 0
    wait_for "a TLS PING on $HOST:$port" tls_ping
    say "started a TLS-only redis-server on $HOST:$port (CA: $TLS_DIR/ca.crt)"
}

# -- commands -----------------------------------------------------------------------------------

topology_dir() {
    case "$1" in
    cluster) printf '%s\n' "$CLUSTER_DIR" ;;
    sentinel) printf '%s\n' "$SENTINEL_DIR" ;;
    tls) printf '%s\n' "$TLS_DIR" ;;
    esac
}

start() {
    local topology="$1" url
    if url="$("${topology}_url")"; then
        say "reusing the running $topology deployment"
        printf '%s\n' "$url"
        return 0
    fi
    install_redis "$topology"
    if [[ "$topology" == standalone ]]; then
        standalone_stop
    else
        stop_under "$(topology_dir "$topology")" # whatever is left of a broken deployment
    fi
    "${topology}_start"
    url="$("${topology}_url")" || die "the $topology deployment started but does not answer"
    printf '%s\n' "$url"
}

stop() {
    local topology="$1"
    case "$topology" in
    standalone) standalone_stop ;;
    all)
        standalone_stop
        stop_under "$CLUSTER_DIR"
        stop_under "$SENTINEL_DIR"
        stop_under "$TLS_DIR"
        ;;
    *) stop_under "$(topology_dir "$topology")" ;;
    esac
}

url() {
    "${1}_url" || die "no running $1 deployment; run: bash scripts/redis.sh start $1"
}

main() {
    local command="${1:-}" topology="${2:-standalone}"
    case "$command" in
    start | stop | url) ;;
    *)
        say "usage: bash scripts/redis.sh start|stop|url [standalone|cluster|sentinel|tls]"
        exit 2
        ;;
    esac
    case "$topology" in
    standalone | cluster | sentinel | tls) ;;
    all) [[ "$command" == stop ]] || die "'all' is for stop only" ;;
    *) die "unknown topology '$topology' (standalone, cluster, sentinel, tls)" ;;
    esac
    mkdir -p "$STATE_DIR"
    [[ -f "$STATE_DIR/.gitignore" ]] || printf '*\n' >"$STATE_DIR/.gitignore"
    # One start/stop at a time (e.g. several test runners starting together).
    exec 9>"$STATE_DIR/lock"
    if command -v flock >/dev/null 2>&1; then
        flock -w 120 9 || die "timed out waiting for $STATE_DIR/lock"
    fi
    "$command" "$topology"
}

main "$@"
