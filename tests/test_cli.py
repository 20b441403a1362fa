"""`warta analyze` and `warta eval` end to end, on the bundled examples and the public gold."""
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from tests.conftest import REPO, shared_path
from warta.cli import cli
from warta.record import json_schema

EXAMPLES = REPO / "examples"
WARTA = str(Path(sys.executable).with_name("warta"))


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_analyze_examples_as_jsonl(nlp):
    result = run("analyze", str(EXAMPLES), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    files = sorted(EXAMPLES.glob("*.txt"))
    assert len(records) == len(files)
    schema = json_schema()
    for record, path in zip(records, files):
        jsonschema.validate(record, schema)
        assert record["title"] == path.read_text("utf-8").splitlines()[0].strip()
        assert "Baca Juga" not in record["text"] and "Editor:" not in record["text"]


def test_a_failing_input_yields_an_error_record_and_exit_1(nlp, tmp_path):
    good = tmp_path / "ok.txt"
    good.write_text("Judul\n\nJakarta - Pemerintah kota membuka tiga posko pengungsian baru bagi warga terdampak.")
    result = run("analyze", str(tmp_path / "missing.txt"), str(good), "--format", "jsonl")
    assert result.exit_code == 1
    first, second = [json.loads(line) for line in result.stdout.splitlines()]
    assert "no such file" in first["error"]
    assert "error" not in second and second["title"] == "Judul"


def test_jsonl_input_keeps_order_and_ids(nlp, tmp_path):
    lines = [{"id": f"n{i}", "title": f"Berita {i}", "text": f"Warga desa {i} menerima bantuan beras dari pemerintah daerah setempat."}
             for i in range(5)]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\nbukan json\n")
    result = run("analyze", str(path), "--format", "jsonl")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records[:5]] == [f"n{i}" for i in range(5)]
    assert "not valid JSON" in records[5]["error"] and result.exit_code == 1


def test_stdin_and_json_format(nlp):
    text = "Harga Cabai Naik\n\nJakarta - Harga cabai rawit di pasar induk naik menjadi Rp 80.000 per kilogram."
    result = run("analyze", "-", "--format", "json", input=text)
    record = json.loads(result.stdout)
    assert record["title"] == "Harga Cabai Naik" and record["text"].startswith("Harga cabai rawit")


def test_pretty_format_renders_the_title(nlp):
    result = run("analyze", str(EXAMPLES / "banjir-bengkulu.txt"), "--format", "pretty")
    assert result.exit_code == 0 and "Banjir Rendam" in result.stdout


def test_unknown_format_is_a_clear_error(nlp):
    result = CliRunner().invoke(cli, ["analyze", str(EXAMPLES), "--format", "xml"])
    assert result.exit_code == 2 and "unknown format" in result.output


def test_eval_agrees_with_the_reference_scorer():
    shared = shared_path()
    gold = shared / "eval" / "public"
    ours = subprocess.run([WARTA, "eval", str(gold), "--shared", str(shared)], capture_output=True, text=True,
                          timeout=900)
    assert ours.returncode == 0, ours.stderr[-2000:]
    ref = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(gold), "--shared", str(shared),
                          "--batch-cmd", f"{WARTA} analyze {{files}} --format jsonl"],
                         capture_output=True, text=True, timeout=900)
    assert ref.returncode == 0, ref.stderr[-2000:]
    assert ours.stdout.strip().splitlines() == ref.stdout.strip().splitlines()
