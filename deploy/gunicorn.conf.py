"""gunicorn settings of fachstelle (`gunicorn --config deploy/gunicorn.conf.py`, fachstelle-web.service).

Threaded workers: the benchmarks (README) measured gthread well ahead of sync workers, because requests
wait on PostgreSQL. Each thread may hold one database connection (DB_CONN_MAX_AGE), so one app server opens
up to GUNICORN_WORKERS × GUNICORN_THREADS connections: keep their sum over all app servers and workers
below PostgreSQL's max_connections (100 by default).
"""

import os

wsgi_app = "config.wsgi:application"
# nginx on the same machine proxies to this address (deploy/nginx/fachstelle.conf). Behind a load balancer
# on another machine bind to the private address instead, e.g. 10.0.0.5:8001.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("GUNICORN_WORKERS", str(min(2 * (os.cpu_count() or 1) + 1, 8))))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# The slowest page (annual report PDF) takes about 10 s; a request stuck far longer is killed.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then: PDF and chart rendering leave memory behind.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# Only nginx may tell us the client's scheme (X-Forwarded-Proto, see SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Logs go to the journal; the access log is off by default because nginx keeps one.
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "").lower() in {"1", "true", "yes", "on"} else None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# No preload_app: then `systemctl reload fachstelle-web` (HUP) starts workers with the new code while the old
# ones finish their requests; with preloading the master would keep the old code.
preload_app = False
proc_name = "fachstelle"
