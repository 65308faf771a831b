"""Start-up in production mode: required variables, and Django's deployment checks."""

import json
import os
import subprocess
import sys
from pathlib import Path

from kembang.config.env import default_var_dir

ROOT = Path(__file__).resolve().parent.parent
SECRET = "k3mbang-" + "x7Qp9zR2mN4vB8cL1dF6gH0jK5sT3wY" * 2


def production_env(tmp_path, **overrides):
    """What the README's deployment exports, with a scratch data directory."""
    env = {"KEMBANG_ENV": "production", "SECRET_KEY": SECRET, "ALLOWED_HOSTS": "kembang.test",
           "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
           "KEMBANG_BASE_URL": "https://kembang.test", "KEMBANG_VAR_DIR": str(tmp_path / "var"),
           "KEMBANG_MEDIA_DIR": str(tmp_path / "media")}
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def run_kembang(*args, env_extra):
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment never
    # has it, and `check --deploy` rightly fails on it.
    env = {k: v for k, v in os.environ.items()
           if k not in {"DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "KEMBANG_ENV",
                        "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(env_extra)
    return subprocess.run([sys.executable, "-m", "kembang", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_production_without_secret_key_fails_with_a_clear_message(tmp_path):
    result = run_kembang("check", env_extra=production_env(tmp_path, SECRET_KEY=None))
    assert result.returncode != 0
    assert "SECRET_KEY is required when KEMBANG_ENV=production" in result.stderr


def test_production_without_database_url_fails_with_a_clear_message(tmp_path):
    result = run_kembang("check", env_extra=production_env(tmp_path, DATABASE_URL=None))
    assert result.returncode != 0
    assert "DATABASE_URL is required" in result.stderr


def test_production_requires_the_public_address(tmp_path):
    result = run_kembang("check", env_extra=production_env(tmp_path, KEMBANG_BASE_URL=None))
    assert result.returncode != 0
    assert "KEMBANG_BASE_URL is required when KEMBANG_ENV=production" in result.stderr


def test_collectstatic_needs_only_the_three_required_variables(tmp_path):
    """Static files can be collected before the public address is known, and without a
    data directory named they go beside the Python environment, never inside it."""
    env = production_env(tmp_path, KEMBANG_BASE_URL=None, KEMBANG_VAR_DIR=None,
                         KEMBANG_MEDIA_DIR=None)
    script = "from django.conf import settings; print(settings.STATIC_ROOT)"
    shown = run_kembang("shell", "-c", script, env_extra=env)
    assert shown.returncode == 0, shown.stderr
    static_root = Path(shown.stdout.strip().splitlines()[-1])
    assert not static_root.is_relative_to(Path(sys.prefix).resolve())
    assert static_root == default_var_dir(ROOT) / "static"


def test_an_installed_package_keeps_its_data_beside_the_environment(tmp_path, monkeypatch):
    venv = tmp_path / "venv"
    monkeypatch.setattr(sys, "prefix", str(venv))
    installed = venv / "lib" / "python3.11" / "site-packages"
    assert default_var_dir(installed) == tmp_path / "var"
    assert default_var_dir(tmp_path / "checkout") == tmp_path / "checkout" / "var"


def test_a_missing_variable_is_said_plainly_not_as_an_unknown_command(tmp_path):
    result = run_kembang("collectstatic", "--noinput",
                         env_extra=production_env(tmp_path, SECRET_KEY=None))
    assert result.returncode == 2
    assert "SECRET_KEY is required when KEMBANG_ENV=production" in result.stderr
    assert "Traceback" not in result.stderr and "Unknown command" not in result.stderr


def test_a_public_address_that_is_not_a_site_address_is_refused(tmp_path):
    result = run_kembang("check", env_extra=production_env(
        tmp_path, KEMBANG_BASE_URL="kembang.test/masuk"))
    assert result.returncode != 0
    assert "KEMBANG_BASE_URL must be the site's address" in result.stderr


def test_production_settings_are_what_the_readme_says(tmp_path):
    """Persistent connections with health checks, data outside the package, the public
    address for links, hashed static files behind a TLS proxy."""
    script = (
        "import json; from django.conf import settings as s; db = s.DATABASES['default'];"
        "print(json.dumps({'conn_max_age': db['CONN_MAX_AGE'],"
        " 'health_checks': db['CONN_HEALTH_CHECKS'], 'debug': s.DEBUG,"
        " 'base_url': s.KEMBANG_BASE_URL, 'static_root': str(s.STATIC_ROOT),"
        " 'media_root': str(s.MEDIA_ROOT), 'proxy_ssl': list(s.SECURE_PROXY_SSL_HEADER),"
        " 'static_storage': s.STORAGES['staticfiles']['BACKEND'],"
        " 'tasks': s.TASKS['default']['BACKEND'], 'proxies': s.KEMBANG_TRUSTED_PROXIES}))"
    )
    result = run_kembang("shell", "-c", script, env_extra=production_env(
        tmp_path, KEMBANG_BASE_URL="https://kembang.test/"))
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["conn_max_age"] > 0
    assert seen["health_checks"] is True
    assert seen["debug"] is False
    assert seen["base_url"] == "https://kembang.test"
    assert seen["static_root"] == str(tmp_path / "var" / "static")
    assert seen["media_root"] == str(tmp_path / "media")
    assert seen["proxy_ssl"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert seen["static_storage"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert seen["tasks"] == "django_tasks_db.DatabaseBackend"
    assert seen["proxies"] == 1


def test_collectstatic_with_production_storage_writes_hashed_names(tmp_path):
    env = production_env(tmp_path)
    result = run_kembang("collectstatic", "--noinput", env_extra=env)
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "var" / "static" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["vendor/bootstrap/bootstrap.bundle.min.js"]
    assert hashed != "vendor/bootstrap/bootstrap.bundle.min.js"
    assert (tmp_path / "var" / "static" / hashed).exists()


def test_deploy_check_reports_no_warnings_with_production_settings(tmp_path):
    result = run_kembang("check", "--deploy", "--fail-level", "WARNING",
                         env_extra=production_env(tmp_path))
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_development_mode_needs_no_environment(tmp_path):
    result = run_kembang("check", env_extra={"KEMBANG_VAR_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "dev-secret-key").exists()
