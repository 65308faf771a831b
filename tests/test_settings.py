"""Start-up in production mode: required variables, and Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET = "k3mbang-" + "x7Qp9zR2mN4vB8cL1dF6gH0jK5sT3wY" * 2


def run_kembang(*args, env_extra):
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment never
    # has it, and `check --deploy` rightly fails on it.
    env = {k: v for k, v in os.environ.items()
           if k not in {"DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "KEMBANG_ENV",
                        "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(env_extra)
    return subprocess.run([sys.executable, "-m", "kembang", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_production_without_secret_key_fails_with_a_clear_message():
    result = run_kembang("check", env_extra={"KEMBANG_ENV": "production"})
    assert result.returncode != 0
    assert "SECRET_KEY is required when KEMBANG_ENV=production" in result.stderr


def test_production_without_database_url_fails_with_a_clear_message():
    result = run_kembang("check", env_extra={
        "KEMBANG_ENV": "production", "SECRET_KEY": SECRET, "ALLOWED_HOSTS": "kembang.test"})
    assert result.returncode != 0
    assert "DATABASE_URL is required" in result.stderr


def test_deploy_check_reports_no_warnings_with_production_settings():
    result = run_kembang("check", "--deploy", "--fail-level", "WARNING", env_extra={
        "KEMBANG_ENV": "production", "SECRET_KEY": SECRET, "ALLOWED_HOSTS": "kembang.test",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres"})
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_development_mode_needs_no_environment(tmp_path):
    result = run_kembang("check", env_extra={"KEMBANG_VAR_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "dev-secret-key").exists()
