#!/usr/bin/env bash
# Starts the local servers the integration tests talk to, if they are not up yet, and gives them
# the server settings the tests need but cannot set on a live server (a machine that has just
# booted, or one whose servers run with their package defaults):
#   PostgreSQL  wal_level=logical (postgres_cdc: pgoutput replication slots)   -> restart once
#   MariaDB     binary log in ROW format with a server id (mysql_cdc)          -> restart once
#   Redis       running (redis sink tests)
# Tests create their own databases, tables, slots and publications.
set -euo pipefail
say() { echo "start-services: $*" >&2; }

# ------------------------------------------------------------------ PostgreSQL
pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  say "installing PostgreSQL"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
pg_version=$(ls /etc/postgresql | sort -V | tail -1)
pg_wait() { for _ in $(seq 1 60); do pg_up && return 0; sleep 1; done; return 1; }
if ! pg_up; then
  say "starting PostgreSQL $pg_version"
  pg_ctlcluster --skip-systemctl-redirect "$pg_version" main start || true
  pg_wait || true
fi
pg_up || { say "PostgreSQL is not accepting connections on 127.0.0.1:5432"; exit 1; }
psql_admin() { psql -h 127.0.0.1 -U postgres -d postgres -tAqc "$1" 2>/dev/null || su postgres -c "psql -tAqc \"$1\""; }
if [ "$(psql_admin 'show wal_level')" != "logical" ] || [ "$(psql_admin 'show max_replication_slots')" -lt 20 ]; then
  say "setting wal_level=logical on PostgreSQL (restart)"
  psql_admin "alter system set wal_level = logical" >/dev/null
  psql_admin "alter system set max_replication_slots = 40" >/dev/null
  psql_admin "alter system set max_wal_senders = 40" >/dev/null
  pg_ctlcluster --skip-systemctl-redirect "$pg_version" main restart
  pg_wait || { say "PostgreSQL did not come back after the restart"; exit 1; }
fi

# ------------------------------------------------------------------ MariaDB
maria() { mariadb -uroot -h 127.0.0.1 -P 3306 -N -B -e "$1" 2>/dev/null; }
maria_up() { maria "select 1" >/dev/null; }
maria_wait() { for _ in $(seq 1 60); do maria_up && return 0; sleep 1; done; return 1; }
maria_start() { start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd; }
if command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ]; then
  binlog_conf=/etc/mysql/conf.d/logpro-binlog.cnf
  [ -d /etc/mysql/conf.d ] || mkdir -p /etc/mysql/conf.d
  grep -q '^!includedir /etc/mysql/conf.d' /etc/mysql/my.cnf 2>/dev/null || echo '!includedir /etc/mysql/conf.d/' >> /etc/mysql/my.cnf
  if [ ! -f "$binlog_conf" ]; then
    printf '[mysqld]\nlog_bin = mariadb-bin\nbinlog_format = ROW\nbinlog_row_image = FULL\nserver_id = 1\nexpire_logs_days = 2\n' > "$binlog_conf"
  fi
  if ! maria_up; then say "starting MariaDB"; maria_start; maria_wait || true; fi
  if maria_up && [ "$(maria "select @@log_bin")" != "1" -o "$(maria "select @@binlog_format")" != "ROW" ]; then
    say "enabling the ROW binary log on MariaDB (restart)"
    mariadb-admin -uroot -h 127.0.0.1 shutdown || true
    for _ in $(seq 1 60); do pidof mariadbd >/dev/null || break; sleep 1; done
    maria_start
    maria_wait || { say "MariaDB did not come back after the restart"; exit 1; }
  fi
  maria_up || { say "MariaDB is not accepting connections on 127.0.0.1:3306"; exit 1; }
fi

# ------------------------------------------------------------------ Redis
if command -v redis-server >/dev/null 2>&1; then
  if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    say "starting Redis"
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
    for _ in $(seq 1 20); do redis-cli ping >/dev/null 2>&1 && break; sleep 0.5; done
  fi
fi
say "services ready"
