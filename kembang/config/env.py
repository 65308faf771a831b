"""Typed readers for environment variables that fail at start-up, not at first use.

Infrastructure only (database, hosts, secrets, mail). Regulation policy lives in the
database as versioned profile data, never in the environment.
"""

import os
import secrets
import sys
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if required:
        raise ImproperlyConfigured(
            f"Environment variable {name} is required when KEMBANG_ENV=production. "
            f"See README.md, section 'Deployment'."
        )
    return default


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: list[str] | None = None, *, required: bool = False) -> list[str]:
    value = env_str(name, required=required)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def default_var_dir(project_dir: Path) -> Path:
    """`var/` of the checkout; for a package installed into a virtual environment (or any
    Python prefix), `var/` beside that environment, so no data is written inside it."""
    prefix = Path(sys.prefix).resolve()
    if project_dir.resolve().is_relative_to(prefix):
        return prefix.parent / "var"
    return project_dir / "var"


def public_base_url(value: str) -> str:
    """The site's public address, e.g. https://kembang.nganjukkab.go.id, without a slash
    at the end (paths are appended to it)."""
    parsed = urlsplit(value)
    if parsed.scheme not in {"http", "https"} or not parsed.netloc or parsed.query:
        raise ImproperlyConfigured(
            f"KEMBANG_BASE_URL must be the site's address such as "
            f"https://kembang.example.go.id, not {value!r}."
        )
    return value.rstrip("/")


def development_secret(var_dir: Path) -> str:
    """A secret generated once per checkout, so sessions survive restarts in development.

    Never used in production, where SECRET_KEY is required.
    """
    path = var_dir / "dev-secret-key"
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()
