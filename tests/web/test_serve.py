"""`newsweave serve`: its options, and the real command answering on 127.0.0.1."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from click.testing import CliRunner

from newsweave.cli import cli


def test_serve_is_a_cli_command_with_checked_options():
    runner = CliRunner()
    assert "--port" in runner.invoke(cli, ["serve", "--help"]).output
    assert runner.invoke(cli, ["serve", "--port", "70000"]).exit_code == 2
    assert runner.invoke(cli, ["serve", "--max-upload", "0"]).exit_code == 2


def test_serve_names_a_db_that_is_not_a_store(tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("Fictional shopping list: eggs, flour, a new ferry timetable.\n" * 20)
    result = CliRunner().invoke(cli, ["serve", "--db", str(notes)])
    assert result.exit_code == 2 and "--db" in result.output and "not a database" in result.output


def test_newsweave_serve_answers_on_loopback(example_db, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [sys.executable, "-c", "from newsweave.cli import main; main()",
               "serve", "--db", str(example_db), "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stories?limit=1", timeout=5) as answer:
                    assert answer.status == 200 and b'"total"' in answer.read()
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    server.kill()
                    print(server.communicate()[0].decode(errors="replace"))
                    raise
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=20)
