"""Convert .doc, .wps, .odt and .rtf files to .docx with LibreOffice (soffice --headless), in a sandboxed temp dir."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from .errors import IngestError

FORMAT_NAMES = {
    ".doc": "Word 97-2003 (.doc)",
    ".dot": "Word 97-2003 (.dot)",
    ".wps": "WPS (.wps)",
    ".wpt": "WPS (.wpt)",
    ".odt": "OpenDocument (.odt)",
    ".rtf": "RTF",
    ".xls": "Excel 97-2003 (.xls)",
    ".et": "WPS 表格 (.et)",
    ".ett": "WPS 表格 (.ett)",
    ".ods": "OpenDocument (.ods)",
}
# Kingsoft WPS .wps/.wpt files are Word 97 binaries; LibreOffice would take a .wps name for Microsoft Works.
_INPUT_SUFFIX = {".wps": ".doc", ".wpt": ".doc", ".et": ".xls", ".ett": ".xls"}


def soffice_path() -> str | None:
    """The LibreOffice executable on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_soffice(data: bytes, suffix: str, timeout: float = 60, target: str = "docx") -> bytes:
    """The .docx bytes LibreOffice makes of `data` (a file with extension `suffix`); IngestError when it cannot.

    Each call runs its own soffice with a fresh user profile (-env:UserInstallation) in a temporary
    directory, so that calls never share or lock a profile and can run in parallel; the process group is
    killed if it outlives `timeout` seconds.
    """
    suffix = suffix.lower()
    executable = soffice_path()
    if executable is None:
        raise IngestError("PAR002", "needs-soffice", format=FORMAT_NAMES.get(suffix, suffix or "?"))
    with tempfile.TemporaryDirectory(prefix="selfeval-soffice-") as tmp:
        source = Path(tmp, "input" + _INPUT_SUFFIX.get(suffix, suffix))
        source.write_bytes(data)
        out_dir = Path(tmp, "out")
        command = [
            executable,
            f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}",
            "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
            "--convert-to", target, "--outdir", str(out_dir), str(source),
        ]
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            cwd=tmp, start_new_session=True,
        )
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            raise IngestError("PAR010", "convert-timeout", seconds=timeout) from None
        except BaseException:  # the file's own time limit, or an interrupt: never leave soffice running
            _kill_group(process)
            raise
        result = out_dir / (source.stem + "." + target)
        if process.returncode != 0 or not result.is_file():
            reason = output.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit status {process.returncode}"]
            raise IngestError("PAR010", "convert-failed", reason=reason[0][:200])
        return result.read_bytes()


def _kill_group(process: subprocess.Popen) -> None:
    """Kill soffice and the soffice.bin it spawns (its own session), then reap it."""
    try:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            process.kill()
    except ProcessLookupError:
        pass
    try:
        process.communicate(timeout=5)
    except subprocess.TimeoutExpired:  # a grandchild that left the group still holds the pipe
        process.wait()
