# Sourced by ops/demo and ops/test: installs what a fresh Debian machine with only the Swift
# toolchain lacks (libpq-dev, libcurl4-openssl-dev, postgresql, curl, python3-venv; for the
# tests also tmux, chromium and docker-compose) and the
# Python virtual environment (.venv) holding Radicale, the CalDAV server of the demo and tests,
# and for the tests Xandikos, the second real CalDAV server the connector is tried against.

RADICALE_VERSION="${RADICALE_VERSION:-3.9.0}"
XANDIKOS_VERSION="${XANDIKOS_VERSION:-0.4.10}"

missing_debian_packages() {
    local missing=()
    pkg-config --exists libpq 2>/dev/null || missing+=(libpq-dev)
    pkg-config --exists libcurl 2>/dev/null || missing+=(libcurl4-openssl-dev)
    command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
    compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
    command -v curl >/dev/null 2>&1 || missing+=(curl)
    command -v python3 >/dev/null 2>&1 || missing+=(python3)
    python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
    echo "${missing[@]}"
}

# What only the tests need: tmux drives `status --watch` on a real terminal, chromium renders
# the HTML report headless, docker-compose validates docker-compose.yml without an engine.
missing_test_packages() {
    local missing=()
    command -v tmux >/dev/null 2>&1 || missing+=(tmux)
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
    echo "${missing[@]}"
}

install_debian_packages() {
    local missing
    missing="$(missing_debian_packages) ${1:-}"
    missing="${missing## }"; missing="${missing%% }"
    [ -z "$missing" ] && return 0
    echo "==> installing Debian packages: $missing"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
}

install_radicale() {
    if [ ! -x .venv/bin/radicale ] || ! .venv/bin/radicale --version 2>/dev/null | grep -q "$RADICALE_VERSION"; then
        echo "==> installing Radicale $RADICALE_VERSION into .venv"
        python3 -m venv .venv
        .venv/bin/pip install -q --disable-pip-version-check "radicale==$RADICALE_VERSION"
    fi
}

# install_prerequisites [tests]: with "tests", also what only the tests need.
install_prerequisites() {
    local extra=""
    [ "${1:-}" = tests ] && extra=$(missing_test_packages)
    install_debian_packages "$extra"
    install_radicale
    if [ "${1:-}" = tests ]; then install_recurring_ical_events; install_xandikos; fi
}

install_xandikos() {
    [ -x .venv/bin/python ] || python3 -m venv .venv
    if [ ! -x .venv/bin/xandikos ] || ! .venv/bin/pip show xandikos 2>/dev/null | grep -qx "Version: $XANDIKOS_VERSION"; then
        echo "==> installing Xandikos $XANDIKOS_VERSION into .venv"
        .venv/bin/pip install -q --disable-pip-version-check "xandikos==$XANDIKOS_VERSION"
    fi
}

# recurring-ical-events: the independent implementation ICalendarTests compares the date
# window with (tests only).
RECURRING_ICAL_EVENTS_VERSION="${RECURRING_ICAL_EVENTS_VERSION:-3.8.2}"

install_recurring_ical_events() {
    [ -x .venv/bin/python ] || python3 -m venv .venv
    if ! .venv/bin/python -c 'import recurring_ical_events' >/dev/null 2>&1; then
        echo "==> installing recurring-ical-events $RECURRING_ICAL_EVENTS_VERSION into .venv"
        .venv/bin/pip install -q --disable-pip-version-check "recurring-ical-events==$RECURRING_ICAL_EVENTS_VERSION"
    fi
}

# A directory the PostgreSQL server user can reach when we run as root (it runs as 'postgres').
state_directory() {
    local preferred="$1"
    if [ "$(id -u)" -eq 0 ] && id postgres >/dev/null 2>&1; then
        mkdir -p "$preferred"
        if ! runuser -u postgres -- test -x "$preferred"; then
            preferred="/var/tmp/calimport-$(printf '%s' "$preferred" | cksum | cut -d' ' -f1)"
        fi
    fi
    mkdir -p "$preferred"
    echo "$preferred"
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# start_radicale DIR PORT USER PASSWORD: starts Radicale on 127.0.0.1:PORT with htpasswd auth,
# storage under DIR, and waits until it answers. Sets RADICALE_PID.
start_radicale() {
    local dir="$1" port="$2" user="$3" password="$4"
    mkdir -p "$dir/collections"
    printf '%s:%s\n' "$user" "$password" > "$dir/users"
    chmod 600 "$dir/users"
    cat > "$dir/config" <<CONFIG
[server]
hosts = 127.0.0.1:$port
max_connections = 64
[auth]
type = htpasswd
htpasswd_filename = $dir/users
htpasswd_encryption = plain
[rights]
type = authenticated
[storage]
filesystem_folder = $dir/collections
[logging]
level = warning
CONFIG
    .venv/bin/radicale --config "$dir/config" >"$dir/radicale.log" 2>&1 &
    RADICALE_PID=$!
    wait_until_answering "$port" Radicale "$dir/radicale.log"
}

# wait_until_answering PORT NAME LOG: waits up to 15 s for an HTTP answer on 127.0.0.1:PORT.
wait_until_answering() {
    local port="$1" name="$2" log="$3"
    for _ in $(seq 1 150); do
        curl -s -o /dev/null "http://127.0.0.1:$port/" && return 0
        sleep 0.1
    done
    echo "$name did not start; see $log" >&2
    return 1
}

# start_xandikos DIR PORT: starts Xandikos on 127.0.0.1:PORT with its store under DIR and waits
# until it answers. Xandikos has no authentication of its own (it ignores Authorization); with
# --autocreate it makes the principal /user/ with the calendar home /user/calendars/, and it
# accepts a calendar (MKCALENDAR) at any path whose parent collection exists, e.g.
# /<account>/calendar/ after MKCOL /<account>/, as the tests use it. Sets XANDIKOS_PID.
start_xandikos() {
    local dir="$1" port="$2"
    mkdir -p "$dir/store"
    .venv/bin/xandikos serve -d "$dir/store" -l 127.0.0.1 -p "$port" --autocreate \
        --no-detect-systemd --state-dir "$dir/state" >"$dir/xandikos.log" 2>&1 &
    XANDIKOS_PID=$!
    wait_until_answering "$port" Xandikos "$dir/xandikos.log"
}
