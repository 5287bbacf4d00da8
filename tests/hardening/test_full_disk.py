"""A full disk (ENOSPC, simulated: no small filesystem can be mounted without root) while
writing the tokens file or a report gives a clear error, keeps the old file and leaves no
temporary files behind."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from web import auth, cli
from web.auth import TokenError, TokenFile
from web.cli_report import EXIT_WRITE_FAILED
from web.reports import files


def no_space(*args, **kwargs):
    """What the kernel answers when the disk is full."""
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def snapshot_folder(folder: Path) -> dict[str, bytes]:
    """Every file under a folder (relative path -> bytes)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_full_disk_while_writing_the_tokens_file_keeps_the_old_file(tmp_path, monkeypatch,
                                                                      failing):
    path = tmp_path / "tokens.json"
    registry = TokenFile(path)
    record, token = registry.create("keeps-working", "editor")
    before = path.read_bytes()
    monkeypatch.setattr(auth.os, failing, no_space)
    with pytest.raises(TokenError, match="No space left on device.*unchanged"):
        registry.create("new", "editor")
    with pytest.raises(TokenError, match="No space left on device"):
        registry.revoke("keeps-working")
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tokens.json"]  # no .tokens-* left
    assert TokenFile(path).verify(token) == record


def test_the_token_command_says_the_disk_is_full_and_exits_2(tmp_path, monkeypatch, capsys):
    path = tmp_path / "tokens.json"
    monkeypatch.setattr(auth.os, "fsync", no_space)
    code = cli.main(["token", "--file", str(path), "create", "--name", "ci", "--role", "editor"])
    assert code == cli.EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "cannot write" in err and "No space left on device" in err
    assert not path.exists() and list(tmp_path.iterdir()) == []


def report(out: Path) -> list[str]:
    """The report command over a small embedded seed."""
    return ["report", "coverage", "--out", str(out), "--province", "Groningen", "--companies",
            "50", "--quiet"]


@pytest.fixture(scope="module")
def old_report(tmp_path_factory):
    """A complete report written before the disk filled up."""
    out = tmp_path_factory.mktemp("reports") / "dekking"
    assert cli.main(report(out)) == 0
    return out


def test_a_full_disk_while_writing_a_report_keeps_the_old_report(old_report, monkeypatch,
                                                                 capsys):
    before = snapshot_folder(old_report)
    real = files.write_workbook

    def half_then_full(tables, path):
        real(tables, path)
        with open(path, "r+b") as handle:
            handle.truncate(100)  # what was on disk when space ran out
        no_space()

    monkeypatch.setattr(files, "write_workbook", half_then_full)
    code = cli.main(report(old_report))
    assert code == EXIT_WRITE_FAILED
    err = capsys.readouterr().err
    assert f"cannot write the report to {old_report}" in err and "No space left" in err
    assert snapshot_folder(old_report) == before
    assert [p.name for p in old_report.parent.iterdir()] == [old_report.name]


def test_a_full_disk_at_the_final_move_puts_the_old_report_back(old_report, monkeypatch, capsys):
    before = snapshot_folder(old_report)
    real, calls = os.rename, []

    def rename(src, dst):
        calls.append((src, dst))
        if len(calls) == 2:  # the old report was moved aside; moving the new one in fails
            no_space()
        real(src, dst)

    monkeypatch.setattr(files.os, "rename", rename)
    assert cli.main(report(old_report)) == EXIT_WRITE_FAILED
    monkeypatch.undo()
    assert "No space left" in capsys.readouterr().err
    assert snapshot_folder(old_report) == before
    assert [p.name for p in old_report.parent.iterdir()] == [old_report.name]
