"""The load suite: Kembang as deployed (production settings, PostgreSQL, gunicorn with 3
sync workers, the task worker), driven over HTTP by locust, headless.

    make load SCALE=10000 [REGENCIES=10] [LOAD_ARGS="--duration 20"]     # or, once
    make install install-load                                           # has run:
    var/load/venv/bin/python -m bench.load --employees 10000 [--regencies 10]

The suite runs in its own environment (var/load/venv: locust, psutil) and starts the app
from the app's (.venv, or KEMBANG_LOAD_APP_VENV).

1. Data: a dedicated PostgreSQL database (default `kembang_load_<R>x<N>` on
   127.0.0.1:5432, user postgres, no password) with `--regencies` regencies of
   `--employees` each and a year of coaching sessions per employee (bench/load/build.py). Built once into `<database>_built` and
   copied from it at the start of every run (a run writes: sessions logged, initials);
   `--rebuild` builds it again from an empty database.
2. Production as the README deploys it (the steps scripts/ci-production.sh runs):
   `kembang migrate`, `kembang collectstatic`, gunicorn `--workers 3`, `kembang db_worker`,
   KEMBANG_ENV=production with its variables; requests as the TLS proxy passes them on.
3. Saturation per page: `--users` users (default 16) in a closed loop, no wait.
4. A mixed open-loop run per rate in `--rates` (default 25,50,100 actions/s): rate ×
   `--pacing` (4 s) users, each starting one action per pacing interval.
5. A markdown table on stdout and the figures as JSON in var/load/ (git-ignored):
   req/s, p50/p95/p99, errors, each page's cost as a multiple of the minimal page's
   (`/sehat/`), and the CPU each side used (the load generator shares the machine).

Exits with status 1 on any failed request, any answer of 500 or more in gunicorn's log or
any traceback in the server's logs. It never asserts a time.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import resource
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent.parent
# Two environments: the app's (.venv, as `make install` builds it; gunicorn, `kembang`,
# the builder) and the load generator's own (this interpreter's: locust and psutil). Kept
# apart so the server runs with exactly the app's packages: locust brings brotli, with
# which WhiteNoise's collectstatic takes a minute instead of two seconds.
LOAD_BIN = Path(sys.executable).parent
APP_BIN = Path(os.environ.get("KEMBANG_LOAD_APP_VENV", ROOT / ".venv")) / "bin"
LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
HOST_NAME = "kembang.load.test"
PG = ["-h", "127.0.0.1", "-p", "5432", "-U", "postgres"]
# Pages measured at saturation, in the table's order; the first is the minimal page.
SATURATION_PAGES = ["sehat", "api_me", "my_jp", "home_employee", "home_hr", "queue_bkpsdm",
                    "list_bkpsdm"]


STARTED = time.monotonic()


def say(text: str) -> None:
    print(f"-- load [{time.monotonic() - STARTED:5.0f} s]: {text}", flush=True)


class Failed(Exception):
    pass


# --- production, as scripts/ci-production.sh starts it ------------------------------------

def production_env(state: Path, database: str) -> dict[str, str]:
    secret_file = state / "secret_key"
    if not secret_file.exists():
        # Kept with the data: the login sessions the builder writes are signed with it.
        secret_file.write_text(secrets.token_urlsafe(64))
    env = {k: v for k, v in os.environ.items()
           if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "KEMBANG_TEST_NOW", "DEBUG",
                        "DJANGO_SETTINGS_MODULE"}}
    env.update({
        "KEMBANG_ENV": "production",
        "SECRET_KEY": secret_file.read_text().strip(),
        "ALLOWED_HOSTS": HOST_NAME,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "KEMBANG_BASE_URL": f"https://{HOST_NAME}",
        "KEMBANG_VAR_DIR": str(state / "data"),
        "KEMBANG_MEDIA_DIR": str(state / "data" / "media"),
        "LOG_LEVEL": "WARNING",
    })
    return env


def run(command: list[str], env: dict[str, str], log: Path, what: str) -> None:
    with log.open("a") as out:
        done = subprocess.run(command, env=env, stdout=out, stderr=subprocess.STDOUT,
                              cwd=ROOT)
    if done.returncode != 0:
        raise Failed(f"{what} failed (exit {done.returncode}); see {log}")


def database_exists(name: str) -> bool:
    out = subprocess.run(["psql", *PG, "-Atc",
                          f"select 1 from pg_database where datname = '{name}'"],
                         capture_output=True, text=True)
    return out.stdout.strip() == "1"


def prepare_data(args, state: Path, env: dict[str, str]) -> dict:
    """The database at the asked scale, the same at the start of every run: built once
    into `<database>_built` (rebuilt when the scale differs, or with --rebuild) and
    copied from it for each run, so what one run wrote (sessions logged, initials) never
    changes the next one's figures."""
    wanted = {"employees": args.employees, "regencies": args.regencies,
              "profile": args.profile}
    template = f"{args.database}_built"
    template_env = env | {"DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{template}"}
    marker = state / "build.json"
    built = json.loads(marker.read_text()) if marker.exists() else {}
    log = state / "build.log"
    log.write_text("")
    kembang = str(APP_BIN / "kembang")
    if args.rebuild or not database_exists(template) or \
            {k: built.get(k) for k in wanted} != wanted:
        say(f"building database {template}: {args.regencies} × {args.employees:,} "
            f"employees (log: {log})")
        marker.unlink(missing_ok=True)
        started = time.perf_counter()
        subprocess.run(["dropdb", *PG, "--if-exists", "--force", template], check=True)
        subprocess.run(["createdb", *PG, template], check=True)
        run([kembang, "migrate", "--noinput"], template_env, log, "kembang migrate")
        with log.open("a") as out:
            build = subprocess.Popen(
                [str(APP_BIN / "python"), "-m", "bench.load.build", "data", "--employees",
                 str(args.employees), "--regencies", str(args.regencies), "--profile",
                 args.profile], env=template_env, cwd=ROOT, stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT, text=True)
            for line in build.stdout:
                out.write(line)
                print(f"   {line.rstrip()}", flush=True)
        if build.wait() != 0:
            raise Failed(f"building the data failed; see {log}")
        built = wanted | {"built_at": datetime.now(UTC).isoformat(timespec="seconds"),
                          "build_seconds": round(time.perf_counter() - started, 1)}
        marker.write_text(json.dumps(built))
    else:
        say(f"reusing {template} ({args.regencies} × {args.employees:,} employees, built "
            f"{built.get('built_at')})")
    started = time.perf_counter()
    subprocess.run(["dropdb", *PG, "--if-exists", "--force", args.database], check=True)
    subprocess.run(["createdb", *PG, "-T", template, args.database], check=True)
    say(f"{args.database} copied from it in {time.perf_counter() - started:.0f} s")
    run([kembang, "migrate", "--noinput"], env, log, "kembang migrate")
    return built


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn with 3 sync workers and one task worker, with production's settings."""

    def __init__(self, state: Path, env: dict[str, str], workers: int):
        self.state, self.env, self.workers = state, env, workers
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.logs = state / "logs"
        self.processes: list[subprocess.Popen] = []
        self.ready_at = 0

    def start(self) -> None:
        shutil.rmtree(self.logs, ignore_errors=True)
        self.logs.mkdir(parents=True)
        self.gunicorn = subprocess.Popen(
            [str(APP_BIN / "gunicorn"), "kembang.config.wsgi", "--workers",
             str(self.workers), "--bind", f"127.0.0.1:{self.port}",
             "--access-logfile", str(self.logs / "gunicorn-access.log"),
             # Status, method, path and the time inside the worker in ms: set against
             # the time locust sees, it tells waiting for a worker from working.
             "--access-logformat", "%(s)s %(m)s %(U)s %(M)s",
             "--error-logfile", str(self.logs / "gunicorn.log")],
            env=self.env, cwd=self.state, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        self.processes.append(self.gunicorn)
        with (self.logs / "worker.log").open("w") as out:
            self.processes.append(subprocess.Popen(
                [str(APP_BIN / "kembang"), "db_worker"], env=self.env, cwd=self.state,
                stdout=out, stderr=subprocess.STDOUT))
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if any(p.poll() is not None for p in self.processes):
                raise Failed(f"gunicorn or the worker stopped at start; see {self.logs}")
            try:
                status, _ = self.get("/sehat/")
            except OSError:
                status = 0
            if status == 200:  # the database answers and the worker has been seen
                # The 503s of waiting for the worker's first heartbeat are not the load's.
                self.ready_at = (self.logs / "gunicorn-access.log").stat().st_size
                return
            time.sleep(0.5)
        raise Failed("/sehat/ did not answer 200 within 90 s (is the worker running?)")

    def get(self, path: str, cookie: str = "") -> tuple[int, bytes]:
        request = urllib.request.Request(self.url + path, headers={
            "Host": HOST_NAME, "X-Forwarded-Proto": "https", "Cookie": cookie})

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=60) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def access_offset(self) -> int:
        access = self.logs / "gunicorn-access.log"
        return access.stat().st_size if access.exists() else 0

    def worker_times(self, since: int) -> dict:
        """p50/p95 of the time inside the workers (ms) of the requests logged since
        `since`, and how many there were."""
        with (self.logs / "gunicorn-access.log").open() as handle:
            handle.seek(since)
            times = sorted(int(parts[3]) for line in handle.read().splitlines()
                           if len(parts := line.split()) == 4 and parts[3].isdigit())
        if not times:
            return {"requests": 0, "p50": None, "p95": None}
        return {"requests": len(times), "p50": times[len(times) // 2],
                "p95": times[min(len(times) - 1, int(len(times) * 0.95))]}

    def cpu_seconds(self) -> float:
        """CPU used so far by gunicorn's master and workers."""
        try:
            master = psutil.Process(self.gunicorn.pid)
            total = 0.0
            for process in [master, *master.children(recursive=True)]:
                times = process.cpu_times()
                total += times.user + times.system
            return total
        except psutil.Error:
            return 0.0

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        self.processes = []

    def problems(self) -> list[str]:
        """Answers of 500 or more, and tracebacks, in the server's logs."""
        found = []
        access = self.logs / "gunicorn-access.log"
        if access.exists():
            with access.open() as handle:
                handle.seek(self.ready_at)
                errors = [line for line in handle.read().splitlines() if line[:1] == "5"]
            if errors:
                found.append(f"{len(errors)} answers of 500 or more, e.g. {errors[0]!r}")
        for log in self.logs.glob("*.log"):
            if "Traceback" in log.read_text(errors="replace"):
                found.append(f"a traceback in {log}")
        return found


# --- measuring ---------------------------------------------------------------------------

def postgres_cpu() -> dict[int, float]:
    """CPU per PostgreSQL process (every client's: other work on the machine shows)."""
    out = {}
    for process in psutil.process_iter(["name", "cpu_times"]):
        if process.info["name"] and process.info["name"].startswith("postgres") and \
                process.info["cpu_times"] is not None:
            out[process.pid] = process.info["cpu_times"].user + process.info["cpu_times"].system
    return out


def machine_busy() -> float:
    times = psutil.cpu_times()
    return times.user + times.system + getattr(times, "nice", 0) + getattr(times, "irq", 0) \
        + getattr(times, "softirq", 0)


def locust(server: Server, env: dict[str, str], fixtures: Path, scenario: str, users: int,
           seconds: int, out: Path, pacing: float = 4.0, part: str = "0/1") -> dict:
    """One headless locust run; its figures from the CSV stats, with the CPU each side
    used while it ran."""
    prefix = out / scenario.replace(":", "-")
    run_env = {k: v for k, v in os.environ.items() if not k.startswith("KEMBANG_")}
    run_env.update({"KEMBANG_LOAD_FIXTURES": str(fixtures), "KEMBANG_LOAD_SCENARIO": scenario,
                    "KEMBANG_LOAD_HOST": HOST_NAME, "KEMBANG_LOAD_PACING": str(pacing),
                    "KEMBANG_LOAD_PART": part})
    # All users at once (the mixed users then take a random phase of their own,
    # locustfile.py); the statistics start once they have all been started.
    command = [str(LOAD_BIN / "locust"), "-f", str(LOCUSTFILE), "--headless", "--reset-stats",
               "-u", str(users), "-r", str(users), "-t", f"{seconds}s",
               "--host", server.url, "--csv", str(prefix), "--only-summary",
               # Answers still awaited at the end are dropped after this, not counted.
               "--stop-timeout", "3", "--loglevel", "ERROR", "--exit-code-on-error", "0"]
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy_before, server_before, pg_before = machine_busy(), server.cpu_seconds(), postgres_cpu()
    logged_from = server.access_offset()
    started = time.perf_counter()
    with (out / "locust.log").open("a") as log:
        log.write(f"== {scenario}\n")
        log.flush()
        done = subprocess.run(command, env=run_env, cwd=ROOT, stdout=log,
                              stderr=subprocess.STDOUT)
    wall = time.perf_counter() - started
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy = machine_busy() - busy_before
    pg_after = postgres_cpu()
    pg = sum(t - pg_before.get(pid, 0.0) for pid, t in pg_after.items())
    generator = (children_after.ru_utime - children_before.ru_utime
                 + children_after.ru_stime - children_before.ru_stime)
    capacity = wall * psutil.cpu_count()
    if done.returncode not in (0, 1):
        raise Failed(f"locust stopped with status {done.returncode}; see {out / 'locust.log'}")
    rows = {}
    with open(f"{prefix}_stats.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            rows[row["Name"]] = {
                "requests": int(row["Request Count"]), "failures": int(row["Failure Count"]),
                "rps": float(row["Requests/s"]), "p50": _ms(row["50%"]),
                "p95": _ms(row["95%"]), "p99": _ms(row["99%"]),
                "mean": round(float(row["Average Response Time"]), 1)}
    failures = []
    with open(f"{prefix}_failures.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            failures.append(f"{row['Name']}: {row['Error']} ×{row['Occurrences']}")
    return {"scenario": scenario, "users": users, "seconds": seconds, "wall": round(wall, 1),
            "stats": rows, "failures": failures,
            # Includes the mixed run's start-up interval, which its locust figures leave out.
            "in_worker_ms": server.worker_times(logged_from),
            "cpu": {"generator": round(generator / capacity, 3),
                    "gunicorn": round((server.cpu_seconds() - server_before) / capacity, 3),
                    "postgres": round(pg / capacity, 3), "machine": round(busy / capacity, 3)}}


def _ms(value: str) -> float | None:
    return None if value in ("", "N/A") else float(value)


def warm_up(server: Server, fixtures: dict) -> None:
    """Every page once per worker or more (templates compiled, connections open), and a
    check that each answers 200 to the people who use it before anything is timed."""
    from bench.load.pages import PAGES

    for who, path, label in PAGES.values():
        person = fixtures[who][0] if who else None
        cookie = f"sessionid={person['cookie']}" if person else ""
        for _ in range(server.workers):
            status, _ = server.get(path, cookie)
            if status != 200:
                raise Failed(f"{label} ({path}) answered {status} before the load")
    person = fixtures["employees"][0]
    status, _ = server.get(f"/program/{person['program']}/sesi/baru/",
                           f"sessionid={person['cookie']}")
    if status != 200:
        raise Failed(f"the session form answered {status} before the load")


# --- the report -------------------------------------------------------------------------

def _fmt(value, digits=0) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def markdown(result: dict) -> str:
    from bench.load.pages import PAGES

    lines = []
    meta = result["meta"]
    lines.append(f"Load suite, {meta['date']} on {meta['machine']}: {meta['regencies']} "
                 f"regenc{'y' if meta['regencies'] == 1 else 'ies'} × "
                 f"{meta['employees']:,} employees, {meta['server']}.")
    lines.append(f"Command: `{meta['command']}`")
    saturation = result.get("saturation", [])
    if saturation:
        lines.append("")
        lines.append(f"Saturation, {saturation[0]['users']} users in a closed loop, "
                     f"{saturation[0]['seconds']} s per page:")
        lines.append("")
        lines.append("| page | req/s | p50 ms | p95 ms | p99 ms | errors | cost × minimal "
                     "| in worker p50 / p95 ms | CPU: locust / gunicorn / postgres / other |")
        lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---|")
        minimal = None
        for run_ in saturation:
            key = run_["scenario"].split(":", 1)[1]
            label = PAGES[key][2]
            row = run_["stats"].get(label) or run_["stats"].get("Aggregated", {})
            rps = row.get("rps") or None
            if minimal is None:
                minimal = rps
            cost = f"{minimal / rps:.1f}×" if minimal and rps else "–"
            lines.append(f"| {label} | {_fmt(rps)} | {_fmt(row.get('p50'))} | "
                         f"{_fmt(row.get('p95'))} | {_fmt(row.get('p99'))} | "
                         f"{row.get('failures', 0)} | {cost} | {_worker(run_)} | "
                         f"{_cpu(run_['cpu'])} |")
    mixed = result.get("mixed", [])
    if mixed:
        lines.append("")
        lines.append(f"Mixed, open loop (40 % employee pages, 20 % logging a session, 15 % "
                     f"coaches' queue and initials, 15 % HR, 10 % BKPSDM), "
                     f"{mixed[0]['seconds']} s per rate:")
        lines.append("")
        lines.append("| target actions/s | users | achieved req/s | p50 ms | p95 ms | p99 ms "
                     "| errors | in worker p50 / p95 ms | CPU: locust / gunicorn / postgres / "
                     "other |")
        lines.append("|---:|---:|---:|---:|---:|---:|---:|---:|---|")
        for run_ in mixed:
            row = run_["stats"].get("Aggregated", {})
            lines.append(f"| {run_['rate']} | {run_['users']} | {_fmt(row.get('rps'))} | "
                         f"{_fmt(row.get('p50'))} | {_fmt(row.get('p95'))} | "
                         f"{_fmt(row.get('p99'))} | {row.get('failures', 0)} | "
                         f"{_worker(run_)} | {_cpu(run_['cpu'])} |")
        lines.append("")
        lines.append("Per request in the mixed runs (p95 ms at each rate):")
        lines.append("")
        names = sorted({n for r in mixed for n in r["stats"] if n != "Aggregated"})
        lines.append("| request | " + " | ".join(f"{r['rate']}/s" for r in mixed) + " |")
        lines.append("|---|" + "---:|" * len(mixed))
        for name in names:
            cells = [_fmt(r["stats"].get(name, {}).get("p95")) for r in mixed]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("p50/p95/p99: as locust sees them (waiting for a free worker included); "
                 "in worker: gunicorn's own time for the request (its access log).")
    lines.append(f"CPU: share of the whole machine ({psutil.cpu_count()} cores) during the "
                 "run: the load generator (locust), gunicorn's workers, PostgreSQL (every "
                 "client's) and everything else on the machine.")
    return "\n".join(lines)


def _worker(run_: dict) -> str:
    times = run_.get("in_worker_ms") or {}
    return f"{_fmt(times.get('p50'))} / {_fmt(times.get('p95'))}"


def _cpu(cpu: dict) -> str:
    other = max(0.0, cpu["machine"] - cpu["generator"] - cpu["gunicorn"] - cpu["postgres"])
    return f"{cpu['generator']:.0%} / {cpu['gunicorn']:.0%} / {cpu['postgres']:.0%} / " \
           f"{other:.0%}"


def machine() -> str:
    model = platform.processor() or "CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    pg = subprocess.run(["psql", *PG, "-Atc", "show server_version"], capture_output=True,
                        text=True).stdout.strip()
    return f"{psutil.cpu_count()} cores ({model}), PostgreSQL {pg}, Python " \
           f"{platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.load", description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("--employees", type=int, default=1000, help="per regency")
    parser.add_argument("--regencies", type=int, default=1)
    parser.add_argument("--profile", default="langsa", help="the demo profile to build from")
    parser.add_argument("--database", help="default kembang_load_<regencies>x<employees>: "
                        "each scale keeps its own, built once")
    parser.add_argument("--rebuild", action="store_true", help="build the data again")
    parser.add_argument("--users", type=int, default=16, help="closed-loop users per page")
    parser.add_argument("--duration", type=int, default=20, help="seconds per scenario")
    parser.add_argument("--rates", default="25,50,100", help="mixed run: actions per second")
    parser.add_argument("--pacing", type=float, default=4.0,
                        help="mixed run: seconds between one user's actions (users = rate × "
                             "pacing)")
    parser.add_argument("--pages", default=",".join(SATURATION_PAGES),
                        help="saturation pages (keys of bench/load/locustfile.py PAGES); "
                             "'' for none")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--out", help="the JSON file (default var/load/results-<time>.json)")
    args = parser.parse_args()
    args.database = args.database or f"kembang_load_{args.regencies}x{args.employees}"

    state = ROOT / "var" / "load" / args.database
    state.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out_dir = state / f"run-{stamp}"
    out_dir.mkdir()
    env = production_env(state, args.database)
    server = Server(state, env, args.workers)
    result: dict = {"meta": {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine(),
        "employees": args.employees, "regencies": args.regencies, "profile": args.profile,
        "server": f"gunicorn {args.workers} sync workers + kembang db_worker, "
                  "KEMBANG_ENV=production",
        "command": "python -m bench.load " + " ".join(sys.argv[1:])}}
    problems: list[str] = []
    try:
        result["meta"]["build"] = prepare_data(args, state, env)
        say("kembang collectstatic --noinput")
        run([str(APP_BIN / "kembang"), "collectstatic", "--noinput"], env,
            state / "build.log", "kembang collectstatic")
        run([str(APP_BIN / "python"), "-m", "bench.load.build", "logins", "--out",
             str(state / "fixtures.json")], env, state / "build.log", "the load's logins")
        fixtures = json.loads((state / "fixtures.json").read_text())
        say(f"gunicorn --workers {args.workers} and kembang db_worker")
        server.start()
        say(f"serving at {server.url}; warming up")
        warm_up(server, fixtures)
        pages = [p for p in args.pages.split(",") if p]
        result["saturation"] = []
        for page in pages:
            figures = locust(server, env, state / "fixtures.json", f"page:{page}", args.users,
                             args.duration, out_dir)
            result["saturation"].append(figures)
            say(f"{page}: {_summary(figures)}")
        result["mixed"] = []
        rates = [int(r) for r in args.rates.split(",") if r]
        for index, rate in enumerate(rates):
            users = max(1, round(rate * args.pacing))
            # Each run initials its own share of the waiting sessions: an earlier run's
            # would be refused as already initialled.
            figures = locust(server, env, state / "fixtures.json", "mixed", users,
                             args.duration, out_dir, pacing=args.pacing,
                             part=f"{index}/{len(rates)}")
            figures["rate"] = rate
            result["mixed"].append(figures)
            say(f"mixed at {rate}/s: {_summary(figures)}")
    except Failed as error:
        problems.append(str(error))
    finally:
        server.stop()
    problems += server.problems()
    for run_ in result.get("saturation", []) + result.get("mixed", []):
        problems += [f"{run_['scenario']}: {f}" for f in run_["failures"]]
    result["problems"] = problems
    path = Path(args.out) if args.out else ROOT / "var" / "load" / f"results-{stamp}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=1))
    print()
    print(markdown(result))
    print()
    say(f"figures in {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}; "
        f"logs in {server.logs.relative_to(ROOT)} and {out_dir.relative_to(ROOT)}")
    if problems:
        print("\nLOAD SUITE FAILED:", *problems, sep="\n  ", file=sys.stderr)
        return 1
    return 0


def _summary(figures: dict) -> str:
    row = figures["stats"].get("Aggregated", {})
    return (f"{row.get('rps', 0):.0f} req/s, p50 {_fmt(row.get('p50'))} ms, p95 "
            f"{_fmt(row.get('p95'))} ms, {row.get('failures', 0)} errors; locust "
            f"{figures['cpu']['generator']:.0%} of the CPU")


if __name__ == "__main__":
    sys.exit(main())
