"""Real HTTP requests against a production deployment, as the TLS proxy sends them.

Run by scripts/ci-production.sh once gunicorn and the task worker are up. Standard library
only: it runs with the deployment's own Python and nothing else installed. It checks:

- the login page and every static asset it references (hashed names) answer 200;
- each demo login (read from `kembang demo`'s output) logs in and gets its home page;
- the HR officer exports the employee file, changes one colleague's phone number,
  uploads it, waits for the worker's dry run, applies it and waits for the apply;
- `/sehat/` then answers 200 with database "ok" and the worker seen, and sets no cookie;
- the BKPSDM admin that `kembang pemda` granted (read from its output) activates with
  its username and one-time code and gets its home page.

Any answer of 500 or more, or any unexpected answer, stops it with exit status 1.
"""

import argparse
import csv
import http.client
import io
import json
import re
import sys
import time
import uuid
from html import unescape
from urllib.parse import urlencode, urlsplit

PASSWORD = "kembang-demo"
LOGIN_PATH = "/akun/masuk/"
LOGIN_NAME = re.compile(r"^\S.*?\s{2,}(admin\.[\w.-]+|\d{18})\s{2,}")
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PEMDA_CODE = re.compile(r"^Admin BKPSDM: (\S+)$.*?^Kode aktivasi .*: ([A-Z0-9]{4}-[A-Z0-9]{4})$",
                        re.MULTILINE | re.DOTALL)
ASSET = re.compile(r'(?:href|src)="(/static/[^"]+)"')


class ProbeFailed(Exception):
    pass


class Browser:
    """One visitor: a cookie jar by hand (the cookies are Secure and we speak plain HTTP
    to gunicorn behind the pretend proxy, so http.cookiejar would never send them)."""

    def __init__(self, address: str, host: str):
        parts = urlsplit(address)
        self.netloc = parts.netloc
        self.host = host
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None,
                content_type: str | None = None) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection(self.netloc, timeout=60)
        headers = {"Host": self.host, "X-Forwarded-Proto": "https",
                   "X-Forwarded-For": "203.0.113.10", "User-Agent": "kembang-ci-probe"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            headers["Referer"] = f"https://{self.host}{path}"
            headers["Origin"] = f"https://{self.host}"
        if content_type:
            headers["Content-Type"] = content_type
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                cookie = value.split(";", 1)[0]
                key, _, val = cookie.partition("=")
                self.cookies[key.strip()] = val.strip()
        connection.close()
        if response.status >= 500:
            raise ProbeFailed(f"{method} {path} answered {response.status}")
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data

    def get(self, path: str, expect: int = 200) -> bytes:
        status, headers, data = self.request("GET", path)
        if status != expect:
            raise ProbeFailed(f"GET {path} answered {status}, expected {expect} "
                              f"(Location: {headers.get('location', '-')})")
        return data

    def post_form(self, path: str, fields: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        return self.request("POST", path, urlencode(fields).encode(),
                            "application/x-www-form-urlencoded")

    def csrf_from(self, page: bytes) -> str:
        match = CSRF_INPUT.search(page.decode())
        if not match:
            raise ProbeFailed("no CSRF token on the page")
        return match.group(1)


def demo_logins(demo_output: str) -> list[str]:
    logins = [m.group(1) for line in demo_output.splitlines() if (m := LOGIN_NAME.match(line))]
    if len(logins) < 5:
        raise ProbeFailed(f"expected five demo logins in the demo's output, found {logins}")
    return logins


def check_login_page_and_assets(address: str, host: str) -> None:
    visitor = Browser(address, host)
    page = visitor.get(LOGIN_PATH)
    assets = sorted(set(ASSET.findall(page.decode())))
    hashed = [a for a in assets if re.search(r"\.[0-9a-f]{12}\.", a)]
    if not assets or len(hashed) != len(assets):
        raise ProbeFailed(f"static assets without hashed names on the login page: {assets}")
    for asset in assets:
        visitor.get(asset)
    print(f"login page and {len(assets)} static assets: 200")


def log_in(address: str, host: str, login: str) -> Browser:
    visitor = Browser(address, host)
    token = visitor.csrf_from(visitor.get(LOGIN_PATH))
    status, headers, _ = visitor.post_form(LOGIN_PATH, {
        "csrfmiddlewaretoken": token, "username": login, "password": PASSWORD})
    if status != 302 or urlsplit(headers.get("location", "")).path != "/":
        raise ProbeFailed(f"{login} could not log in (answer {status})")
    home = visitor.get("/")
    if b'action="/akun/keluar/"' not in home:
        raise ProbeFailed(f"{login}'s home page does not show a logged-in page")
    return visitor


def multipart(field: str, filename: str, content: bytes, extra: dict[str, str]):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in extra.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     f"{value}\r\n".encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
                 f'filename="{filename}"\r\nContent-Type: text/csv\r\n\r\n'.encode()
                 + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def changed_phone_number(export_csv: bytes, own_nip: str) -> bytes:
    """The export with one colleague's phone number changed (never the officer's own row)."""
    rows = list(csv.reader(io.StringIO(export_csv.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    nip_at, phone_at = header.index("NIP"), header.index("NOMOR HP")
    for cells in rows[1:]:
        if cells[nip_at].replace(" ", "") != own_nip:
            cells[phone_at] = "081298765432" if cells[phone_at] == "081234567890" else "081234567890"
            out = io.StringIO()
            csv.writer(out, delimiter=";").writerows(rows)
            return out.getvalue().encode("utf-8-sig")
    raise ProbeFailed("the export has no colleague to change")


def wait_for(visitor: Browser, path: str, marker: str, what: str, seconds: int = 120) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = unescape(visitor.get(path).decode())
        if marker in page:
            return page
        if "Impor gagal." in page:
            raise ProbeFailed(f"{what}: the import failed")
        time.sleep(1)
    raise ProbeFailed(f"{what}: not done after {seconds} s (is the worker running?)")


def import_through_the_worker(visitor: Browser, own_nip: str) -> None:
    export = visitor.get("/impor/ekspor/?format=csv")
    upload = changed_phone_number(export, own_nip)
    token = visitor.csrf_from(visitor.get("/impor/"))
    body, content_type = multipart("file", "pegawai.csv", upload,
                                   {"csrfmiddlewaretoken": token})
    status, headers, _ = visitor.request("POST", "/impor/", body, content_type)
    batch_path = urlsplit(headers.get("location", "")).path
    if status != 302 or not re.fullmatch(r"/impor/\d+/", batch_path):
        raise ProbeFailed(f"the upload was not accepted (answer {status})")
    page = wait_for(visitor, batch_path, "Hasil pemeriksaan (belum disimpan)", "dry run")
    if not re.search(r">1</span>\s*diubah", page):
        raise ProbeFailed("the dry run does not show exactly one changed employee")
    token = visitor.csrf_from(page.encode())
    status, _, _ = visitor.post_form(batch_path + "terapkan/", {"csrfmiddlewaretoken": token})
    if status != 302:
        raise ProbeFailed(f"apply answered {status}")
    page = wait_for(visitor, batch_path, "Impor selesai diterapkan.", "apply")
    if "0 pegawai baru, 1 diubah" not in " ".join(page.split()):
        raise ProbeFailed("the applied import does not report one changed employee")
    print("employee file exported, changed, dry-run and applied by the worker")


def check_health(address: str, host: str) -> None:
    """After the import the worker has just run tasks, so it has been seen."""
    visitor = Browser(address, host)
    status, headers, data = visitor.request("GET", "/sehat/")
    if status != 200:
        raise ProbeFailed(f"GET /sehat/ answered {status}: {data[:200]!r}")
    body = json.loads(data)
    if body.get("database") != "ok" or not body.get("worker_last_seen") \
            or not body.get("version"):
        raise ProbeFailed(f"/sehat/ does not say database ok and the worker seen: {body}")
    if "set-cookie" in headers:
        raise ProbeFailed("/sehat/ sets a cookie")
    print(f"/sehat/: 200, database ok, worker last seen {body['worker_last_seen']}")


def activate_pemda_admin(address: str, host: str, pemda_output: str) -> None:
    """The admin `kembang pemda` printed activates at the activation page, as README says."""
    match = PEMDA_CODE.search(pemda_output)
    if not match:
        raise ProbeFailed("no admin username and activation code in kembang pemda's output")
    username, code = match.groups()
    visitor = Browser(address, host)
    token = visitor.csrf_from(visitor.get("/akun/aktivasi/"))
    password = f"Uji-{uuid.uuid4().hex}"
    status, headers, _ = visitor.post_form("/akun/aktivasi/", {
        "csrfmiddlewaretoken": token, "username": username, "code": code,
        "password1": password, "password2": password})
    if status != 302 or urlsplit(headers.get("location", "")).path != "/":
        raise ProbeFailed(f"{username} could not activate with the printed code ({status})")
    if b'action="/akun/keluar/"' not in visitor.get("/"):
        raise ProbeFailed(f"{username}'s home page does not show a logged-in page")
    print(f"{username} (kembang pemda) activated with its code and got its home page")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--address", required=True, help="e.g. http://127.0.0.1:8011")
    parser.add_argument("--host", required=True, help="the public host name (ALLOWED_HOSTS)")
    parser.add_argument("--demo-output", required=True, help="what `kembang demo` printed")
    parser.add_argument("--pemda-output", help="what `kembang pemda` printed")
    args = parser.parse_args()
    try:
        with open(args.demo_output, encoding="utf-8") as handle:
            logins = demo_logins(handle.read())
        check_login_page_and_assets(args.address, args.host)
        visitors = {login: log_in(args.address, args.host, login) for login in logins}
        print(f"{len(visitors)} demo logins each got their home page")
        hr_officer = logins[1]  # the demo prints BKPSDM first, then the HR officer
        import_through_the_worker(visitors[hr_officer], hr_officer)
        check_health(args.address, args.host)
        if args.pemda_output:
            with open(args.pemda_output, encoding="utf-8") as handle:
                activate_pemda_admin(args.address, args.host, handle.read())
    except (ProbeFailed, OSError) as error:
        print(f"PROBE FAILED: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
