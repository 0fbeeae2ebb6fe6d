#!/usr/bin/env bash
# A private PostgreSQL server for the platform, run by the AppHost as an executable resource.
#   postgres.sh DATA_DIR PORT PASSWORD_FILE
# Creates the cluster on first use (scram-sha-256, superuser 'postgres'), then runs the postmaster
# and turns DCP's SIGTERM into a fast shutdown (below). postgres refuses to run as root: as root we
# drop to the 'postgres' user with setpriv (which execs) and give that user the data folder.
set -euo pipefail
data=$1 port=$2 password_file=$3
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/postgres" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql; run ./platform install" >&2; exit 1; }

run_as=()
if [ "$(id -u)" = 0 ]; then run_as=(setpriv --reuid=postgres --regid=postgres --init-groups --); fi
mkdir -p "$data/socket"
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$data" "$data/socket"
  # The postgres user must reach its folder (a clone in a 'mktemp -d' folder is 0700):
  # grant search permission, not read, on each folder above it that lacks it.
  dir=$data
  while [ "$dir" != / ]; do
    dir=$(dirname "$dir")
    if ! "${run_as[@]}" test -x "$dir"; then echo "postgres.sh: granting search permission on $dir" >&2; chmod o+x "$dir"; fi
  done
fi

if [ ! -s "$data/cluster/PG_VERSION" ]; then
  rm -rf "$data/cluster"
  pwfile="$data/.pwfile"
  install -m 600 /dev/null "$pwfile"
  cat "$password_file" >"$pwfile"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$pwfile"
  "${run_as[@]}" "$bin/initdb" -D "$data/cluster" -U postgres --pwfile="$pwfile" -A scram-sha-256 -E UTF8 --no-instructions >"$data/initdb.log"
  rm -f "$pwfile"
fi

# DCP stops a resource with SIGTERM, which is PostgreSQL's "smart" shutdown: it waits for every
# session to end, and the services' connection pools keep theirs open, so a stopped server lingered,
# serving old sessions and refusing new ones, until it was killed (the outage tests then saw it fail
# to start again, or a service that needed a new connection fail for good). A stop here is a fast
# shutdown (SIGINT): sessions are ended, the cluster checkpoints and exits.
"${run_as[@]}" "$bin/postgres" -D "$data/cluster" -p "$port" \
  -c listen_addresses=127.0.0.1 -c unix_socket_directories="$data/socket" \
  -c max_connections=300 -c logging_collector=off &
postmaster=$!
trap 'kill -INT "$postmaster" 2>/dev/null || true' TERM INT
while :; do
  status=0
  wait "$postmaster" || status=$?
  kill -0 "$postmaster" 2>/dev/null || exit "$status"
done
