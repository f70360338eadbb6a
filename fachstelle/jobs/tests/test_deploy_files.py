"""deploy/: the scripts parse, the systemd units reference what exists, the environment example lists every
variable production reads and yields a working configuration, and nginx + gunicorn (when nginx is
installed) serve health, static and only the public media through the real configuration files."""

import http.client
import json
import os
import re
import shlex
import shutil
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands

from fachstelle.jobs.systemd import Layout

REPO = Path(settings.BASE_DIR)
DEPLOY = REPO / "deploy"
ENV_EXAMPLE = DEPLOY / "fachstelle.env.example"
ENV_READ = re.compile(
    r"""(?:environ\.get|environ\[|getenv|env_bool|env_list)\(?\s*\(?["']([A-Z][A-Z0-9_]+)["']"""
)
# Read by the test settings, the browser tests or the benchmarks only.
NOT_PRODUCTION = {"TEST_DATABASE_NAME", "CHROMIUM_PATH", "DJANGO_ALLOW_ASYNC_UNSAFE"}
SECRETS = {
    "__SECRET_KEY__": "k" * 50,
    "__DB_PASSWORD__": "pw",
    "__FIELD_ENCRYPTION_KEY__": "cHJvZHVjdGlvbi1saWtlLWtleS1mb3ItdGVzdHMtMzI=",
    "__BLIND_INDEX_KEY__": "b" * 40,
    "__BACKUP_ENCRYPTION_KEY__": "YmFja3VwLWtleS1mb3ItdGVzdHMtMzItYnl0ZXMtb2s=",
    "__DOMAIN__": "fachstelle.example.org",
}


def production_sources() -> list[Path]:
    sources = [REPO / "config" / "settings" / "base.py", REPO / "config" / "settings" / "production.py"]
    sources += [DEPLOY / "gunicorn.conf.py"]
    sources += [
        path
        for path in REPO.glob("fachstelle/**/*.py")
        if "tests" not in path.parts and "bench" not in path.stem and "demo" not in path.stem
    ]
    return sources


def variables_read() -> set[str]:
    names = set()
    for path in production_sources():
        names |= set(ENV_READ.findall(path.read_text(encoding="utf-8")))
    return names - NOT_PRODUCTION


def example_variables() -> set[str]:
    pattern = re.compile(r"^#?\s*([A-Z][A-Z0-9_]+)=", re.MULTILINE)
    return set(pattern.findall(ENV_EXAMPLE.read_text()))


def rendered_env(**overrides) -> dict[str, str]:
    """The environment file as install-debian.sh writes it (placeholders replaced), as a dict."""
    text = ENV_EXAMPLE.read_text()
    for placeholder, value in SECRETS.items():
        text = text.replace(placeholder, value)
    env = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            key, _sep, value = line.partition("=")
            env[key] = value
    env.update(overrides)
    return env


def production_settings(env: dict[str, str]) -> subprocess.CompletedProcess:
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'tasks': s.TASKS['default']['BACKEND'], 'media': s.STORAGES['default'], "
        "'media_root': str(s.MEDIA_ROOT)}))"
    )
    full = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "config.settings.production", **env}
    return subprocess.run([sys.executable, "-c", code], cwd=REPO, env=full, capture_output=True, text=True)


def test_shell_scripts_parse():
    for script in [*DEPLOY.glob("*.sh"), DEPLOY / "fachstelle-manage"]:
        done = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
        assert done.returncode == 0, (script, done.stderr)


def test_env_example_lists_every_variable_production_reads_and_no_other():
    read, listed = variables_read(), example_variables()
    assert sorted(read - listed) == [], "missing in deploy/fachstelle.env.example"
    assert sorted(listed - read) == [], "listed but read nowhere"


def test_env_example_as_installed_gives_the_database_queue_and_media_on_disk():
    done = production_settings(rendered_env())
    assert done.returncode == 0, done.stderr
    values = json.loads(done.stdout.strip().splitlines()[-1])
    assert values["tasks"] == "django_tasks_db.DatabaseBackend"
    assert values["media"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert values["media_root"] == "/var/lib/fachstelle/media"

    immediate = production_settings(rendered_env(TASK_BACKEND="immediate"))
    assert json.loads(immediate.stdout.strip().splitlines()[-1])["tasks"].endswith("ImmediateBackend")


def test_s3_media_needs_a_bucket_and_is_configured_private_with_signed_urls():
    done = production_settings(rendered_env(MEDIA_STORAGE="s3"))
    assert done.returncode != 0
    assert "AWS_STORAGE_BUCKET_NAME" in done.stderr or "requirements-s3.txt" in done.stderr

    env = rendered_env(
        MEDIA_STORAGE="s3", AWS_STORAGE_BUCKET_NAME="media", AWS_S3_ENDPOINT_URL="https://s3.example.ch"
    )
    done = production_settings(env)
    try:
        import storages  # noqa: F401  (optional: requirements-s3.txt)
    except ImportError:
        # The default install stays small: without the package the settings say what to install.
        assert done.returncode != 0 and "requirements-s3.txt" in done.stderr
        return
    assert done.returncode == 0, done.stderr
    media = json.loads(done.stdout.strip().splitlines()[-1])["media"]
    assert media["BACKEND"] == "storages.backends.s3.S3Storage"
    assert media["OPTIONS"]["bucket_name"] == "media"
    assert media["OPTIONS"]["querystring_auth"] is True and media["OPTIONS"]["default_acl"] is None


def test_install_script_and_units_agree_on_the_layout():
    script = (DEPLOY / "install-debian.sh").read_text()
    layout = Layout()
    assert f"APP_DIR={layout.app_dir}\n" in script
    assert f"DATA_DIR={layout.data_dir}\n" in script
    assert f"APP_USER={layout.user}\n" in script
    assert 'ENV_FILE="$CONF_DIR/fachstelle.env"' in script and "CONF_DIR=/etc/fachstelle\n" in script
    assert layout.env_file == "/etc/fachstelle/fachstelle.env"
    # Every file the script installs from the checkout exists.
    for relative in re.findall(r'"\$APP_DIR/([^"$]+)"', script):
        assert (REPO / relative).exists(), relative


def test_units_run_existing_commands_with_existing_files():
    layout, commands = Layout(), get_commands()
    units = sorted(DEPLOY.glob("systemd/*.service"))
    assert {"fachstelle-web.service", "fachstelle-worker@.service"} <= {unit.name for unit in units}
    for unit in units:
        text = unit.read_text()
        assert f"EnvironmentFile={layout.env_file}\n" in text, unit.name
        assert f"User={layout.user}\n" in text, unit.name
        exec_start = shlex.split(re.search(r"^ExecStart=(.+)$", text, re.MULTILINE).group(1))
        program = exec_start[0].removeprefix(layout.app_dir + "/")
        if program == ".venv/bin/python":
            assert exec_start[1] == "manage.py" and exec_start[2] in commands, unit.name
        else:
            assert program == ".venv/bin/gunicorn", unit.name
            config = exec_start[exec_start.index("--config") + 1].removeprefix(layout.app_dir + "/")
            assert (REPO / config).is_file()
            assert re.search(r"^gunicorn==", (REPO / "requirements.txt").read_text(), re.MULTILINE)
    assert "db_worker" in (DEPLOY / "systemd" / "fachstelle-worker@.service").read_text()


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
def test_systemd_accepts_every_unit(tmp_path):
    """`systemd-analyze verify` with the paths pointed at this checkout (whose .venv has the programs)."""
    for unit in DEPLOY.glob("systemd/*"):
        text = unit.read_text().replace(Layout().app_dir, str(REPO))
        (tmp_path / unit.name).write_text(text)
    template = (tmp_path / "fachstelle-worker@.service").read_text()
    (tmp_path / "fachstelle-worker@1.service").write_text(template)
    names = [p.name for p in tmp_path.iterdir() if p.name != "fachstelle-worker@.service"]
    done = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *names], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stderr.strip() == "", done.stderr


def test_nginx_serves_static_and_only_the_public_media_folders():
    conf = (DEPLOY / "nginx" / "fachstelle.conf").read_text()
    layout = Layout()
    assert f"alias {layout.app_dir}/{Path(settings.STATIC_ROOT).name}/;" in conf
    public = set(re.findall(r"location /media/([a-z]+)/ \{", conf))
    # News images and contact photos are shown by URL on public pages; grant attachments and letters,
    # project documents, brochures and reports go through the app's permission checks.
    assert public == {"news", "contacts"}
    assert re.search(r"location /media/ \{\s*return 404;", conf)
    proxy = (DEPLOY / "nginx" / "fachstelle-proxy.conf").read_text()
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in proxy
    bind = re.search(r'"GUNICORN_BIND", "([^"]+)"', (DEPLOY / "gunicorn.conf.py").read_text()).group(1)
    assert f"server {bind} " in conf


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def nginx_and_gunicorn(tmp_path):
    """The real nginx and gunicorn configuration files on free loopback ports, with paths into tmp_path."""
    if shutil.which("nginx") is None or shutil.which("openssl") is None:
        pytest.skip("nginx is not installed (apt-get install nginx)")
    http_port, https_port, app_port = free_port(), free_port(), free_port()
    static, media = tmp_path / "static", tmp_path / "media"
    for folder in (static / "css", media / "news", media / "grants"):
        folder.mkdir(parents=True)
    (static / "css" / "site.1234abcd.css").write_text("body{}")
    (media / "news" / "picture.txt").write_text("public")
    (media / "grants" / "letter.txt").write_text("personal")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-keyout", str(tmp_path / "privkey.pem"), "-out", str(tmp_path / "fullchain.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    site = (DEPLOY / "nginx" / "fachstelle.conf").read_text()
    for old, new in {
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen [::]:80;": "",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "listen [::]:443 ssl http2;": "",
        "server 127.0.0.1:8001 ": f"server 127.0.0.1:{app_port} ",
        "/etc/fachstelle/tls/": f"{tmp_path}/",
        "/etc/nginx/snippets/fachstelle-proxy.conf": str(DEPLOY / "nginx" / "fachstelle-proxy.conf"),
        f"{Layout().app_dir}/staticfiles/": f"{static}/",
        f"{Layout().data_dir}/media/": f"{media}/",
    }.items():
        site = site.replace(old, new)
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        + ("user root;\n" if os.geteuid() == 0 else "")
        + "events {}\nhttp {\n include /etc/nginx/mime.types;\n access_log off;\n"
        + f" include {tmp_path}/site.conf;\n}}\n"
    )
    nginx = ["nginx", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")]
    test = subprocess.run([*nginx, "-t"], capture_output=True, text=True)
    assert test.returncode == 0, test.stderr
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        **rendered_env(
            DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
            ALLOW_SQLITE="true",
            CACHE_URL="locmem://",
            GUNICORN_BIND=f"127.0.0.1:{app_port}",
            GUNICORN_WORKERS="1",
            MEDIA_ROOT=str(media),
            PRIVATE_EXPORT_ROOT=str(tmp_path / "exports"),
        ),
    }
    gunicorn = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "--config", str(DEPLOY / "gunicorn.conf.py")],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    subprocess.run(nginx, check=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", app_port), timeout=1).close()
                break
            except OSError:
                assert gunicorn.poll() is None, gunicorn.stderr.read().decode()
                time.sleep(0.3)
        yield http_port, https_port
    finally:
        subprocess.run([*nginx, "-s", "stop"], capture_output=True)
        gunicorn.terminate()
        gunicorn.wait(timeout=30)


def fetch(port: int, path: str, *, tls: bool = True):
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        conn = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=30)
    else:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Host": "fachstelle.example.org"})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


def test_nginx_and_gunicorn_with_the_deploy_configuration(nginx_and_gunicorn):
    http_port, https_port = nginx_and_gunicorn

    response, _ = fetch(http_port, "/de/?q=1", tls=False)
    assert response.status == 301
    assert response.getheader("Location") == "https://fachstelle.example.org/de/?q=1"

    response, body = fetch(https_port, "/health/")
    assert response.status == 200, body
    # Django saw HTTPS through X-Forwarded-Proto: only then does it send HSTS.
    assert response.getheader("Strict-Transport-Security", "").startswith("max-age=")

    response, body = fetch(https_port, "/static/css/site.1234abcd.css")
    assert response.status == 200 and body == b"body{}"
    assert "immutable" in response.getheader("Cache-Control")

    response, body = fetch(https_port, "/media/news/picture.txt")
    assert response.status == 200 and body == b"public"
    response, body = fetch(https_port, "/media/grants/letter.txt")
    assert response.status == 404 and b"personal" not in body
