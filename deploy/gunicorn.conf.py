"""gunicorn settings for cspsite: `gunicorn -c deploy/gunicorn.conf.py cspsite.wsgi`.

Every value can be changed with an environment variable of the same name, upper case,
prefixed GUNICORN_ (for example GUNICORN_WORKERS=4)."""

import gc
import multiprocessing
import os


def _env_int(name, default):
    value = os.environ.get(f"GUNICORN_{name}", "").strip()
    return int(value) if value else default


wsgi_app = "cspsite.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Synchronous workers: (2 x CPU cores) + 1, gunicorn's own rule of thumb.
workers = _env_int("WORKERS", multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"
# A request taking longer than this is stuck: the worker is killed and replaced.
timeout = _env_int("TIMEOUT", 30)
graceful_timeout = _env_int("GRACEFUL_TIMEOUT", 30)
keepalive = _env_int("KEEPALIVE", 5)
# Recycle workers now and then so a slow leak can never build up. Not too often: a new
# worker starts cold, and pages served from the cache run at hundreds of requests a
# second per worker, so recycling every thousand requests cost about a quarter of the
# throughput in bench/throughput.sh.
max_requests = _env_int("MAX_REQUESTS", 20000)
max_requests_jitter = _env_int("MAX_REQUESTS_JITTER", 2000)
# Load the app once in the master, so a broken configuration fails at start-up.
preload_app = True


def pre_fork(server, worker):
    """Keep the garbage collector of each new worker away from the objects loaded in the
    master, so they stay shared instead of being copied page by page into every worker
    (what the Python documentation advises for gc.freeze before fork)."""
    gc.freeze()


# Refuse oversized request lines and headers before Django sees them.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

# nginx on the same machine is the only proxy whose X-Forwarded-* headers count.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs to stdout/stderr; the access log is one JSON object per request, built by
# ops.gunicorn_logging (paths only: no query strings or cookies, which can hold personal data).
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
logger_class = "ops.gunicorn_logging.JsonAccessLogger"
proc_name = "cspsite"
