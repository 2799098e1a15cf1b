#!/usr/bin/env bash
# A throwaway PostgreSQL server for the storage tests, on 127.0.0.1 only.
#
#   bash .ci/postgres.sh start [ENV_FILE]   install Debian's postgresql if missing, start a server
#                                           on a free port with a fresh data directory, create a
#                                           role and a database, and write
#                                           RISKSCAN_TEST_POSTGRES_URL=... to ENV_FILE
#                                           (default .ci/postgres.env) for the CI to source
#   bash .ci/postgres.sh stop [ENV_FILE]    stop that server and delete its data directory
#
# Runs as root on Debian 12 (CI); the server itself runs as the `postgres` user, because
# initdb refuses to run as root. The password is random and the server listens on loopback only.
set -euo pipefail

ACTION="${1:-start}"
ENV_FILE="${2:-$(dirname "$0")/postgres.env}"

pg_bin() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [[ -n "$found" && -x "$found/initdb" ]] && echo "$found"
}

install_postgres() {
    if [[ -n "$(pg_bin)" ]]; then
        return
    fi
    if [[ "$(id -u)" != 0 ]]; then
        echo "postgres.sh: PostgreSQL is not installed and this is not root: install the" \
             "'postgresql' package, or run the tests without RISKSCAN_TEST_POSTGRES_URL." >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends postgresql >/dev/null
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

as_postgres() {
    if [[ "$(id -u)" == 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start() {
    install_postgres
    local bin data port password
    bin=$(pg_bin)
    data=$(mktemp -d /tmp/riskscan-pg.XXXXXX)
    [[ "$(id -u)" == 0 ]] && chown postgres: "$data"
    chmod 700 "$data"
    port=$(free_port)
    password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
    as_postgres "$bin/initdb" -D "$data/db" -U postgres --auth-local=peer \
        --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$data/initdb.log"
    as_postgres "$bin/pg_ctl" -D "$data/db" -l "$data/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$data -c fsync=off" start >/dev/null
    as_postgres "$bin/psql" -q -h "$data" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 <<SQL
CREATE ROLE riskscan LOGIN PASSWORD '$password';
CREATE DATABASE riskscan_test OWNER riskscan;
SQL
    local url="postgresql+psycopg://riskscan:$password@127.0.0.1:$port/riskscan_test"
    umask 077
    {
        echo "export RISKSCAN_TEST_POSTGRES_URL='$url'"
        echo "export RISKSCAN_TEST_POSTGRES_DATA='$data'"
    } >"$ENV_FILE"
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port;" \
         "source $ENV_FILE for RISKSCAN_TEST_POSTGRES_URL"
}

stop() {
    [[ -f "$ENV_FILE" ]] || { echo "postgres.sh: no $ENV_FILE, nothing to stop"; return; }
    # shellcheck disable=SC1090
    source "$ENV_FILE"
    local bin
    bin=$(pg_bin)
    if [[ -n "${RISKSCAN_TEST_POSTGRES_DATA:-}" && -d "$RISKSCAN_TEST_POSTGRES_DATA/db" ]]; then
        as_postgres "$bin/pg_ctl" -D "$RISKSCAN_TEST_POSTGRES_DATA/db" -m fast -w stop >/dev/null || true
        rm -rf "$RISKSCAN_TEST_POSTGRES_DATA"
    fi
    rm -f "$ENV_FILE"
}

case "$ACTION" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop [ENV_FILE]" >&2; exit 2 ;;
esac
