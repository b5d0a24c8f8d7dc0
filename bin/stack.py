"""The production stack on one machine, without Docker: `make stack`, `make stack-stop`.

    python bin/stack.py start    # front (nginx), gunicorn, Celery worker and beat
    python bin/stack.py stop     # stops exactly the processes that start started
    python bin/stack.py status
    python bin/stack.py front    # only write the front's config and run nginx in the foreground
                                 # (the compose service `front`)

Production settings, against DATABASE_URL and REDIS_URL; the other production variables come
from the environment or from `.env` beside the Makefile (what is already set wins). Logs go to
var/log/, pid files to var/run/, the front's cache and config to var/stack/. docs/operations.md.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = Path(os.environ.get("STACK_VAR", ROOT / "var"))
LOG_DIR, RUN_DIR, STATE_DIR = VAR / "log", VAR / "run", VAR / "stack"
BIN = ROOT / ".venv" / "bin"
TEMPLATE = ROOT / "deploy" / "nginx.conf.in"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PRODUCTION_NEEDS = (
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "WAGTAILADMIN_BASE_URL",
    "EMAIL_HOST",
    "DEFAULT_FROM_EMAIL",
)
# In the order they start; stop goes the other way.
SERVICES = ("web", "worker", "beat", "front")


def load_dotenv(path=ROOT / ".env"):
    if not path.is_file():
        return
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            name, value = line.split("=", 1)
            os.environ.setdefault(name.strip(), value.strip().strip("'\""))


def settings():
    """The stack's own settings, from the environment (docs/operations.md lists them)."""
    port = int(os.environ.get("PORT") or 8080)
    return {
        "port": port,
        "web_bind": os.environ.get("STACK_WEB_BIND", f"127.0.0.1:{port + 1}"),
        "purge_listen": os.environ.get("FRONT_PURGE_LISTEN", f"127.0.0.1:{port + 2}"),
        "cache_dir": Path(os.environ.get("FRONT_CACHE_DIR") or STATE_DIR / "cache"),
        "static_root": Path(os.environ.get("STATIC_ROOT") or VAR / "static"),
        "media_root": Path(os.environ.get("MEDIA_ROOT") or VAR / "media"),
    }


def front_config(conf):
    """deploy/nginx.conf.in with this machine's values."""
    cert, key = os.environ.get("FRONT_TLS_CERT"), os.environ.get("FRONT_TLS_KEY")
    listen = f"{os.environ.get('FRONT_LISTEN', conf['port'])}"
    if cert and key:
        # TLS ends here: the certificate chain and key (docs/operations.md, "TLS").
        listen += (
            f" ssl http2;\n        ssl_certificate {cert};\n        ssl_certificate_key {key};\n"
            "        ssl_protocols TLSv1.2 TLSv1.3;\n        ssl_session_cache shared:tls:10m;\n"
            '        add_header Strict-Transport-Security "max-age=31536000" always'
        )
    values = {
        "WORKERS": os.environ.get("FRONT_WORKERS", "auto"),
        "RUN_DIR": RUN_DIR,
        "LOG_DIR": LOG_DIR,
        "STATE_DIR": STATE_DIR,
        "CACHE_DIR": conf["cache_dir"],
        "CACHE_MAX_SIZE": os.environ.get("FRONT_CACHE_MAX_SIZE", "2g"),
        "MODULES_DIR": os.environ.get("NGINX_MODULES_DIR", "/usr/lib/nginx/modules"),
        "MIME_TYPES": "/etc/nginx/mime.types",
        "UPSTREAM": os.environ.get("FRONT_UPSTREAM", conf["web_bind"]),
        "SESSION_COOKIE": os.environ.get("SESSION_COOKIE_NAME", "sessionid"),
        "LISTEN": listen,
        "FORWARDED_PROTO": "https" if cert and key else "$scheme",
        "STATIC_ROOT": conf["static_root"],
        "MEDIA_ROOT": conf["media_root"],
        "PURGE_LISTEN": conf["purge_listen"],
        # Further addresses allowed to purge (the web containers' network, in compose).
        "PURGE_FROM": "".join(
            f"allow {a};" for a in os.environ.get("FRONT_PURGE_FROM", "").split()
        ),
    }
    # ${NAME} is ours; nginx's own $variables stay as they are.
    text = re.sub(r"\$\{([A-Z_]+)\}", lambda m: str(values[m.group(1)]), TEMPLATE.read_text())
    if os.geteuid() == 0:
        # Run as root (a container or a throw-away machine): keep the workers as root too, so
        # that the portal's processes can read the cache folder (wildcard purges).
        text = "user root;\n" + text
    return text


def write_front_config(conf):
    for folder in (LOG_DIR, RUN_DIR, STATE_DIR, conf["cache_dir"]):
        folder.mkdir(parents=True, exist_ok=True)
    path = STATE_DIR / "nginx.conf"
    path.write_text(front_config(conf))
    done = subprocess.run(
        [*nginx_command(path)[:-2], "-t", "-q"],
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.exit(f"The front's configuration does not load:\n{done.stderr}")
    return path


def nginx_command(path):
    """nginx in the foreground with the stack's config, prefix and error log."""
    base = [NGINX, "-c", str(path), "-p", str(STATE_DIR), "-e", str(LOG_DIR / "front-error.log")]
    return [*base, "-g", "daemon off;"]


def commands(conf, front_conf):
    return {
        "web": [
            str(BIN / "gunicorn"),
            "--config",
            "portal/gunicorn.conf.py",
            "--bind",
            conf["web_bind"],
            "portal.wsgi:application",
        ],
        "worker": [
            str(BIN / "celery"),
            "--app",
            "portal",
            "worker",
            "--loglevel",
            "INFO",
            "--concurrency",
            os.environ.get("CELERY_CONCURRENCY", "2"),
        ],
        "beat": [
            str(BIN / "celery"),
            "--app",
            "portal",
            "beat",
            "--loglevel",
            "INFO",
            "--schedule",
            str(VAR / "celerybeat-schedule"),
        ],
        "front": nginx_command(front_conf),
    }


def pid_file(name):
    return RUN_DIR / f"{name}.pid"


def running(name):
    """The pid of this stack's ``name`` process, if it is still the one started."""
    path = pid_file(name)
    if not path.is_file():
        return None
    pid, _, marker = path.read_text().partition("\n")
    try:
        cmdline = Path(f"/proc/{int(pid)}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except (OSError, ValueError):
        return None
    return int(pid) if marker.strip() and marker.strip() in cmdline else None


def environment(conf):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get(
            "DJANGO_SETTINGS_MODULE", "portal.settings.production"
        ),
    }
    env.setdefault("FRONT_CACHE_PURGE_URL", f"http://{conf['purge_listen']}/_purge")
    env.setdefault("FRONT_CACHE_DIR", str(conf["cache_dir"]))
    env.setdefault("STATIC_ROOT", str(conf["static_root"]))
    env.setdefault("MEDIA_ROOT", str(conf["media_root"]))
    if not (os.environ.get("FRONT_TLS_CERT") and os.environ.get("FRONT_TLS_KEY")):
        # Plain HTTP on this machine: no redirect to an HTTPS that is not there.
        env.setdefault("SECURE_SSL_REDIRECT", "0")
    return env


def wait_for(url, host, seconds, name):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if running(name) is None:
            return False
        try:
            request = urllib.request.Request(url, headers={"Host": host})
            with urllib.request.urlopen(request, timeout=3):
                return True
        except urllib.error.HTTPError as error:
            if error.code == 503:  # up, with a dependency reported down
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def start():
    missing = [name for name in PRODUCTION_NEEDS if not os.environ.get(name)]
    if missing:
        sys.exit(
            "Not set: "
            + ", ".join(missing)
            + ". Put them in .env (see .env.example) or export them."
        )
    conf = settings()
    front_conf = write_front_config(conf)
    env = environment(conf)
    cmds = commands(conf, front_conf)
    for step in (
        ["manage.py", "migrate", "--noinput"],
        ["manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
    ):
        done = subprocess.run([str(BIN / "python"), *step], cwd=ROOT, env=env)
        if done.returncode:
            sys.exit(f"{' '.join(step)} failed")
    for name in SERVICES:
        if running(name):
            print(f"{name}: already running (pid {running(name)})")
            continue
        log = open(LOG_DIR / f"{name}.log", "ab")  # noqa: SIM115 - handed to the child
        process = subprocess.Popen(
            cmds[name],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        pid_file(name).write_text(f"{process.pid}\n{Path(cmds[name][0]).name}\n")
    host = env["ALLOWED_HOSTS"].split(",")[0].strip()
    web_ok = wait_for(f"http://{conf['web_bind']}/healthz", host, 60, "web")
    front_ok = web_ok and wait_for(f"http://127.0.0.1:{conf['port']}/healthz", host, 20, "front")
    for name in SERVICES:
        print(
            f"{name:7} {'pid ' + str(running(name)) if running(name) else 'NOT RUNNING'}  log: {LOG_DIR / (name + '.log')}"
        )
    if not (web_ok and front_ok):
        stop()
        sys.exit("The stack did not come up; read the logs above.")
    print(f"The portal answers on http://127.0.0.1:{conf['port']}/ (make stack-stop stops it).")


def stop():
    for name in reversed(SERVICES):
        pid = running(name)
        if pid is None:
            pid_file(name).unlink(missing_ok=True)
            continue
        os.killpg(pid, signal.SIGTERM)
        deadline = time.monotonic() + 30
        while running(name) and time.monotonic() < deadline:
            time.sleep(0.2)
        if running(name):
            os.killpg(pid, signal.SIGKILL)
        pid_file(name).unlink(missing_ok=True)
        print(f"{name}: stopped")


def status():
    down = 0
    for name in SERVICES:
        pid = running(name)
        down += pid is None
        print(f"{name:7} {'pid ' + str(pid) if pid else 'not running'}")
    return 1 if down else 0


def front():
    """The compose service: the config from the environment, nginx in the foreground."""
    path = write_front_config(settings())
    os.execv(NGINX, nginx_command(path))


def main(argv):
    load_dotenv()
    action = argv[1] if len(argv) > 1 else "status"
    actions = {"start": start, "stop": stop, "status": status, "front": front}
    if action not in actions:
        sys.exit(__doc__)
    sys.exit(actions[action]())


if __name__ == "__main__":
    main(sys.argv)
