"""`claimwatch extract` as a user runs it: files, stdin, HTML, JSON lines, batch, errors."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimwatch.cli import main

ARTICLE = (
    "Badan Nasional Penanggulangan Bencana (BNPB) mencatat korban meninggal dunia akibat banjir "
    "mencapai 47 orang, Selasa (12/11/2024).\n"
    "Baca Juga: Banjir Bandang Terjang Tiga Desa\n"
    "Sedikitnya 18 orang masih hilang, kata Kepala Pusat Data BNPB Rahmat Wijaya.\n"
)


def run(argv: list[str], stdin: str | None = None) -> tuple[int, str]:
    out = io.StringIO()
    old = sys.stdin
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        code = main(argv, out=out)
    finally:
        sys.stdin = old
    return code, out.getvalue()


def test_extract_json_from_file(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    code, out = run(["extract", "--format", "json", str(f)])
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    figs = [r for r in rows if r["type"] == "figure"]
    assert [(r["value"], r["what"]) for r in figs] == [(47.0, "killed"), (18.0, "missing")]
    assert figs[0]["claimed_by"] == "BNPB"
    assert figs[1]["claimed_by"] == "Rahmat Wijaya"
    assert figs[1]["bound"] == "at_least"
    assert ARTICLE[figs[0]["start"] : figs[0]["end"]].startswith("47")


def test_extract_text_table_from_stdin() -> None:
    code, out = run(["extract", "--lang", "id", "-"], stdin=ARTICLE)
    assert code == 0
    assert "killed" in out and "missing" in out and "BNPB" in out


def test_extract_html_is_detected(tmp_path: Path) -> None:
    html = (
        "<html><body><nav><a href='/'>Home 2024</a></nav><article>"
        "<p>Sekitar 3.200 warga mengungsi, kata BPBD.</p>"
        "<div class='baca-juga'>Baca Juga: 99 rumah rusak</div></article>"
        "<footer>Telepon 0812-3456-7890</footer></body></html>"
    )
    f = tmp_path / "a.html"
    f.write_text(html, encoding="utf-8")
    code, out = run(["extract", "--format", "json", str(f)])
    figs = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [(r["value"], r["what"], r["bound"]) for r in figs] == [(3200.0, "displaced", "about")]


def test_batch_keeps_order_and_reports_bad_lines(tmp_path: Path) -> None:
    lines = [
        {"id": "a", "text": "Russia launched 80 drones overnight, Ukraine's air force said.", "lang": "en"},
        "not json",
        {"id": "c", "html": "<p>Sedikitnya 12 orang tewas, kata polisi.</p>", "published": "2024-11-12T08:00:00+07:00"},
        {"id": "d"},
        {"id": "e", "text": "Tidak ada angka di sini.", "published": "kemarin"},
    ]
    f = tmp_path / "batch.jsonl"
    f.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines), encoding="utf-8")
    code, out = run(["extract", "--batch", str(f), "--format", "json"])
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [r["id"] for r in rows] == ["a", "line-2", "c", "d", "e"]
    assert rows[0]["figures"][0]["value"] == 80 and rows[0]["figures"][0]["what"] == "drones"
    assert "error" in rows[1] and "error" in rows[3] and "error" in rows[4]
    assert rows[2]["figures"][0]["what"] == "killed"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["extract", "/no/such/file.txt"], "no such file"),
        (["extract", "http://127.0.0.1:9/a"], "loopback"),  # refused by the guard, no request made
        (["extract", "--batch", "/no/such.jsonl"], "no such file"),
    ],
)
def test_user_errors_are_one_line_exit_2(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run(argv)
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_config_error_is_one_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("[storage]\npaht = 'x.db'\n", encoding="utf-8")
    code, _ = run(["extract", "--config", str(cfg), "-"], stdin="x")
    err = capsys.readouterr().err
    assert code == 2
    assert "paht" in err and "storage" in err and err.count("\n") == 1


def test_config_concepts_extend_the_lexicon(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text(
        '[[concepts]]\nkey = "lumbung"\nwords = { id = ["lumbung padi"], en = ["granaries"] }\n',
        encoding="utf-8",
    )
    code, out = run(["extract", "--config", str(cfg), "--format", "json", "-"],
                    stdin="Banjir merusak 14 lumbung padi milik warga.")
    assert code == 0
    assert json.loads(out.splitlines()[0])["what"] == "lumbung"


def test_console_script_runs() -> None:
    exe = Path(sys.executable).parent / "claimwatch"
    proc = subprocess.run([str(exe), "extract", "--format", "json", "-"], input=ARTICLE,
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 2


def test_replay_goes_on_past_a_malformed_line_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "story.jsonl"
    good = [{"published": f"2024-11-1{d}T08:00:00+07:00", "url": f"https://news.example/{d}",
             "text": f"BNPB mencatat korban meninggal dunia akibat banjir mencapai {n} orang."} for d, n in ((2, 47), (3, 52))]
    archive.write_text(json.dumps(good[0]) + "\n{not json\n" + json.dumps(good[1]) + "\n", encoding="utf-8")
    code, out = run(["replay", str(archive)])
    err = capsys.readouterr().err
    assert code == 2
    assert "47" in out and "52" in out  # the lines before and after the bad one were replayed
    assert "line 2:" in err and "1 line(s) skipped" in err
