#!/usr/bin/env bash
# Bring a fresh Debian 12 machine to a running fachstelle: PostgreSQL, the app under gunicorn, the background
# workers, the scheduled jobs and nginx with TLS (a self-signed placeholder until you add a real certificate).
#
#   sudo FACHSTELLE_DOMAIN=integration.example.ch bash deploy/install-debian.sh
#
# Run it from a checkout (it is copied to /srv/fachstelle) or set FACHSTELLE_REPO=<git URL>. Idempotent: run it
# again after `git -C /srv/fachstelle pull` to update (packages, migrations, static files, units, restart);
# it never overwrites the environment file, the database password or the certificates. See docs/deploy.md.
set -euo pipefail

DOMAIN="${FACHSTELLE_DOMAIN:-$(hostname -f)}"
APP_DIR=/srv/fachstelle
DATA_DIR=/var/lib/fachstelle
CONF_DIR=/etc/fachstelle
ENV_FILE="$CONF_DIR/fachstelle.env"
APP_USER=fachstelle
DB_NAME=fachstelle
WORKERS="${FACHSTELLE_WORKERS:-2}"  # background workers on this machine (fachstelle-worker@1..N)
SOURCE="${FACHSTELLE_REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export DEBIAN_FRONTEND=noninteractive

step() { printf '\n==> %s\n' "$*"; }
[ "$(id -u)" -eq 0 ] || { echo "Run as root (sudo)." >&2; exit 1; }
if ! grep -q 'VERSION_ID="12"' /etc/os-release 2>/dev/null; then
  echo "Warning: written for Debian 12 (bookworm); continuing anyway." >&2
fi

step "Packages"
apt-get update -qq
# python3 is 3.11 on Debian 12. WeasyPrint (PDFs) renders with Pango/HarfBuzz; the Noto fonts cover Arabic,
# Tigrinya (Ethiopic), Tamil and the other newcomer languages; ssl-cert provides the snakeoil placeholder.
apt-get install -y -qq --no-install-recommends \
  python3 python3-venv git ca-certificates curl openssl \
  postgresql postgresql-contrib nginx ssl-cert \
  fonts-noto-core fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 >/dev/null

step "System user and directories"
id -u "$APP_USER" >/dev/null 2>&1 ||
  adduser --system --group --home "$DATA_DIR" --no-create-home --shell /usr/sbin/nologin "$APP_USER"
install -d -o "$APP_USER" -g "$APP_USER" -m 0711 "$DATA_DIR"
install -d -o "$APP_USER" -g "$APP_USER" -m 0750 "$DATA_DIR/private" "$DATA_DIR/private/exports" \
  "$DATA_DIR/backups" "$DATA_DIR/.cache"
# nginx (www-data) may read the public media folders only: the app writes with umask 027, and the setgid
# bit hands the group www-data to every file and folder created below news/ and contacts/.
install -d -o "$APP_USER" -g www-data -m 0710 "$DATA_DIR/media"
install -d -o "$APP_USER" -g www-data -m 2750 "$DATA_DIR/media/news" "$DATA_DIR/media/contacts"
install -d -m 0750 -g "$APP_USER" "$CONF_DIR"

step "Code in $APP_DIR (from $SOURCE)"
if [ ! -d "$APP_DIR/.git" ]; then
  git clone --quiet "$SOURCE" "$APP_DIR"
elif [ "$(cd "$SOURCE" 2>/dev/null && pwd)" != "$APP_DIR" ]; then
  echo "$APP_DIR exists: not touching the code (update it with git -C $APP_DIR pull)."
fi
# The code belongs to root: the app cannot change what it runs.
chown -R root:root "$APP_DIR"

step "Python environment"
# Debian's own Python (not whatever python3 comes first in root's PATH: a venv pointing into /root would not
# run as the service user).
[ -x "$APP_DIR/.venv/bin/python" ] || /usr/bin/python3 -m venv "$APP_DIR/.venv"
"$APP_DIR/.venv/bin/pip" install --quiet --upgrade pip
"$APP_DIR/.venv/bin/pip" install --quiet -r "$APP_DIR/requirements.txt"

step "PostgreSQL role and database"
systemctl enable --now postgresql >/dev/null
DB_PASSWORD_FILE="$CONF_DIR/db-password"
if [ ! -s "$DB_PASSWORD_FILE" ]; then
  (umask 077; openssl rand -hex 24 >"$DB_PASSWORD_FILE")
fi
DB_PASSWORD="$(cat "$DB_PASSWORD_FILE")"
if ! runuser -u postgres -- psql -tAc "SELECT 1 FROM pg_roles WHERE rolname='$APP_USER'" | grep -q 1; then
  runuser -u postgres -- psql -q -c "CREATE ROLE $APP_USER LOGIN PASSWORD '$DB_PASSWORD'"
fi
if ! runuser -u postgres -- psql -tAc "SELECT 1 FROM pg_database WHERE datname='$DB_NAME'" | grep -q 1; then
  runuser -u postgres -- createdb -O "$APP_USER" -E UTF8 "$DB_NAME"
fi
# The search's trigram indexes need pg_trgm (created here as superuser, so the app role needs no rights).
runuser -u postgres -- psql -q -d "$DB_NAME" -c "CREATE EXTENSION IF NOT EXISTS pg_trgm"

step "Environment file $ENV_FILE"
if [ ! -f "$ENV_FILE" ]; then
  secret_key="$(openssl rand -base64 48 | tr -d '\n/+=')"
  blind_index_key="$(openssl rand -hex 32)"
  backup_key="$(openssl rand -base64 32 | tr -d '\n')"
  field_key="$("$APP_DIR/.venv/bin/python" -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')"
  (umask 027
   sed -e "s|__DOMAIN__|$DOMAIN|g" -e "s|__SECRET_KEY__|$secret_key|" -e "s|__DB_PASSWORD__|$DB_PASSWORD|" \
       -e "s|__FIELD_ENCRYPTION_KEY__|$field_key|" -e "s|__BLIND_INDEX_KEY__|$blind_index_key|" \
       -e "s|__BACKUP_ENCRYPTION_KEY__|$backup_key|" \
       "$APP_DIR/deploy/fachstelle.env.example" >"$ENV_FILE")
  chown root:"$APP_USER" "$ENV_FILE"
  chmod 0640 "$ENV_FILE"
  echo "Created $ENV_FILE. Copy FIELD_ENCRYPTION_KEYS, BLIND_INDEX_KEY and BACKUP_ENCRYPTION_KEY somewhere safe:"
  echo "without them the personal data and its backups are lost."
else
  echo "$ENV_FILE exists: kept."
fi
if grep -q '^MEDIA_STORAGE=s3' "$ENV_FILE"; then
  "$APP_DIR/.venv/bin/pip" install --quiet -r "$APP_DIR/requirements-s3.txt"
fi

install -m 0755 "$APP_DIR/deploy/fachstelle-manage" /usr/local/bin/fachstelle-manage
# manage.py with the production settings and the environment file, as the app user or as root.
manage() {
  local user="$1"; shift
  FACHSTELLE_MANAGE_USER="$user" /usr/local/bin/fachstelle-manage "$@"
}

step "Database, cache table, translations, static files"
# These two write into the code tree (root's), first: every later command reads the catalogues.
manage root compile_catalogues
manage root collectstatic --noinput --verbosity 0
# fachstelle-manage writes with umask 027: the service user (catalogues) and nginx (static files) read them.
(cd "$APP_DIR" && chmod -R go+rX locale staticfiles)
manage "$APP_USER" migrate --noinput
manage "$APP_USER" createcachetable
"$APP_DIR/.venv/bin/python" -m compileall -q "$APP_DIR/config" "$APP_DIR/fachstelle" >/dev/null || true
manage "$APP_USER" check --deploy --fail-level ERROR

step "systemd units"
install -m 0644 "$APP_DIR/deploy/systemd/fachstelle-web.service" "$APP_DIR/deploy/systemd/fachstelle-worker@.service" \
  /etc/systemd/system/
# The scheduled jobs, generated from fachstelle/jobs/schedule.py (stale job units are removed).
manage root scheduled_jobs --write-systemd /etc/systemd/system >/dev/null
systemctl daemon-reload
systemctl enable --now fachstelle-web.service
# HUP: new workers with the new code while the old ones finish their requests.
systemctl reload fachstelle-web.service
for n in $(seq 1 "$WORKERS"); do
  systemctl enable --now "fachstelle-worker@$n.service"
  systemctl restart "fachstelle-worker@$n.service"
done
# Timers: on ONE machine only when several app servers share the database (FACHSTELLE_TIMERS=no elsewhere).
if [ "${FACHSTELLE_TIMERS:-yes}" = yes ]; then
  for timer in /etc/systemd/system/fachstelle-job-*.timer; do
    systemctl enable --now "$(basename "$timer")" >/dev/null
  done
fi

step "nginx and TLS"
install -d -m 0755 /etc/fachstelle/tls /var/www/letsencrypt
# Placeholder certificate until a real one is installed (docs/deploy.md, "TLS").
# (ssl-cert makes the snakeoil pair when installed; images built without its postinst lack it.)
[ -e /etc/ssl/certs/ssl-cert-snakeoil.pem ] || make-ssl-cert generate-default-snakeoil --force-overwrite
[ -e "$CONF_DIR/tls/fullchain.pem" ] || ln -s /etc/ssl/certs/ssl-cert-snakeoil.pem "$CONF_DIR/tls/fullchain.pem"
[ -e "$CONF_DIR/tls/privkey.pem" ] || ln -s /etc/ssl/private/ssl-cert-snakeoil.key "$CONF_DIR/tls/privkey.pem"
install -m 0644 "$APP_DIR/deploy/nginx/fachstelle-proxy.conf" /etc/nginx/snippets/fachstelle-proxy.conf
sed "s/fachstelle\.example\.org/$DOMAIN/g" "$APP_DIR/deploy/nginx/fachstelle.conf" \
  >/etc/nginx/sites-available/fachstelle.conf
ln -sf /etc/nginx/sites-available/fachstelle.conf /etc/nginx/sites-enabled/fachstelle.conf
rm -f /etc/nginx/sites-enabled/default
nginx -t -q
systemctl enable --now nginx >/dev/null
systemctl reload nginx

step "Check"
for _ in $(seq 1 30); do
  curl -fsk --resolve "$DOMAIN:443:127.0.0.1" "https://$DOMAIN/health/" >/dev/null 2>&1 && break
  sleep 1
done
curl -fsSk --resolve "$DOMAIN:443:127.0.0.1" "https://$DOMAIN/health/" && echo
systemctl --no-pager --lines=0 status fachstelle-web.service "fachstelle-worker@1.service" | grep -E '●|Active:'
systemctl list-timers 'fachstelle-job-*' --no-pager | head -n 5
echo "fachstelle runs on https://$DOMAIN/ (self-signed until you install a certificate, see docs/deploy.md)."
echo "First superuser: sudo fachstelle-manage createsuperuser"
