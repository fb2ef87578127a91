"""Every kind of bad input in one batch: each file gets its own PAR finding, quickly; the good file is unaffected."""

from __future__ import annotations

import json
import time

from reportlab.lib.pdfencrypt import StandardEncryption

from . import docx_fixtures as dx
from . import pdf_fixtures as px
from .conftest import CORPUS, run_cli


def test_one_batch_of_bad_files_beside_a_good_one(tmp_path):
    files = {
        "a-good.txt": (CORPUS / "yueyang-kjj-2023-dept-selfeval.fixed.txt").read_bytes(),
        "b-corrupt.docx": b"PK\x03\x04" + b"\x00garbage" * 100,
        "c-really-text.docx": "一、部门基本情况\n二、支出情况\n".encode(),
        "d-empty.docx": b"",
        "e-zip-bomb.docx": dx.zip_bomb(300),
        "f-entity-bomb.docx": dx.billion_laughs(),
        "g-encrypted.pdf": px.build_report(px.report_items(), encrypt=StandardEncryption("secret", canPrint=1)).data,
        "h-scanned.pdf": px.image_only(),
        "i-cid.pdf": px.garbled(200, 10),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    start = time.perf_counter()
    proc = run_cli("check", str(tmp_path), "--format", "json", "--select", "NUM,TXT", "--jobs", "2", fresh=True)
    elapsed = time.perf_counter() - start
    report = json.loads(proc.stdout)
    got = {f["path"].rsplit("/", 1)[1]: [(x["code"], x["message"]) for x in f["findings"]] for f in report["files"]}
    codes = {name: [code for code, _ in findings] for name, findings in got.items()}
    assert codes == {
        "a-good.txt": [],
        "b-corrupt.docx": ["PAR010"],
        "c-really-text.docx": [],  # told by content: it is text, and correct
        "d-empty.docx": ["PAR005"],
        "e-zip-bomb.docx": ["PAR004"],
        "f-entity-bomb.docx": ["PAR010"],
        "g-encrypted.pdf": ["PAR007"],
        "h-scanned.pdf": ["PAR008"],
        "i-cid.pdf": ["PAR009"],
    }
    for name, findings in got.items():
        for _, message in findings:
            assert name in message  # each message names its file
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
    assert elapsed < 60  # generous: a few seconds each on a loaded 2-core machine
