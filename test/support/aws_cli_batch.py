"""Runs AWS CLI commands in one Python process, through the CLI's own driver.

One JSON request per stdin line: {"args": [...], "env": {...}}. One JSON reply per
stdout line: {"status": <exit code>, "stdout": "...", "stderr": "..."}. Each command
gets a fresh driver (and so a fresh session reading the given environment); only the
interpreter start-up is shared, which is most of what a CLI call costs.
"""
import contextlib
import io
import json
import os
import sys

from awscli.clidriver import create_clidriver

replies = sys.stdout
base_env = dict(os.environ)

for line in sys.stdin:
    request = json.loads(line)
    os.environ.clear()
    os.environ.update(base_env)
    os.environ.update(request["env"])
    for name in request.get("unset", []):
        os.environ.pop(name, None)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = create_clidriver().main(request["args"])
        except SystemExit as exit_:
            status = exit_.code if isinstance(exit_.code, int) else 1
    replies.write(json.dumps({"status": status, "stdout": out.getvalue(), "stderr": err.getvalue()}) + "\n")
    replies.flush()
