"""`private_storage`: uploaded files 0600 in directories 0700, whatever the umask."""

import os
import stat

import pytest
from django.core.files.base import ContentFile

from kembang.common.storage import private_storage


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def open_umask():
    """The loosest usual umask (0022 gives 0644 files, 0755 directories)."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_saved_file_and_its_new_directories_are_the_owners_only(media, open_umask):
    name = private_storage.save("evidence/1/2/bukti.pdf", ContentFile(b"%PDF-1.4"))
    assert mode(media / name) == 0o600
    for directory in (media, media / "evidence", media / "evidence/1", media / "evidence/1/2"):
        assert mode(directory) == 0o700, directory


def test_directories_made_earlier_with_looser_bits_are_closed(media, open_umask):
    (media / "imports").mkdir(parents=True, mode=0o755)
    os.chmod(media, 0o755)
    os.chmod(media / "imports", 0o755)
    name = private_storage.save("imports/a.csv", ContentFile(b"nip\n"))
    assert mode(media / name) == 0o600
    assert mode(media / "imports") == 0o700 and mode(media) == 0o700


def test_the_file_is_read_back_and_deleted_by_name(media):
    name = private_storage.save("imports/b.csv", ContentFile(b"nip\n"))
    with private_storage.open(name, "rb") as handle:
        assert handle.read() == b"nip\n"
    private_storage.delete(name)
    assert not private_storage.exists(name)
