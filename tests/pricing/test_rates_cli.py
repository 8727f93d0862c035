"""`klisting rates update` against a local HTTP server, `rates show`, and `klisting price`."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import yaml
from typer.testing import CliRunner

from klisting.cli.app import app
from klisting.pricing import load_rates

runner = CliRunner()
BODY = {
    "result": "success",
    "provider": "https://www.exchangerate-api.com",
    "time_last_update_utc": "Mon, 23 Nov 2026 00:02:31 +0000",
    "base_code": "USD",
    "rates": {"USD": 1, "KRW": 1400.123456789, "TWD": 31.5, "JPY": 150, "EUR": 0.87},
}


@pytest.fixture
def server():
    """A local rates endpoint: /ok serves open.er-api JSON, /bad an error body, /down HTTP 503."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            if self.path == "/down":
                self.send_response(503)
                self.end_headers()
                return
            body = json.dumps(
                BODY
                if self.path == "/ok"
                else {"result": "error", "error-type": "unsupported-code"}
            )
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_update_writes_rates_atomically(server, tmp_path):
    out = tmp_path / "rates.yaml"
    result = runner.invoke(
        app, ["rates", "update", "--url", f"{server}/ok", "--output", str(out), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["currencies"] == 5
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["date"] == "2026-11-23" and data["base"] == "USD"
    assert data["rates"]["KRW"] == "1400.123456789"  # exact: parsed as Decimal, written as text
    assert list(tmp_path.iterdir()) == [out]  # no temp file left behind
    rates = load_rates(out)
    assert str(rates.rate("KRW", "TWD")).startswith("0.02249")


def test_update_default_output_is_user_copy_used_by_price(server, tmp_path, monkeypatch):
    monkeypatch.setenv("KLISTING_HOME", str(tmp_path))
    assert runner.invoke(app, ["rates", "update", "--url", f"{server}/ok"]).exit_code == 0
    assert (tmp_path / "rates.yaml").is_file()
    shown = runner.invoke(app, ["rates", "show", "--format", "json"])
    assert json.loads(shown.stdout)["file"] == str(tmp_path / "rates.yaml")


@pytest.mark.parametrize("path", ["/bad", "/down"])
def test_update_failures_exit_5_and_keep_the_file(server, tmp_path, path):
    out = tmp_path / "rates.yaml"
    out.write_text("old", encoding="utf-8")
    result = runner.invoke(
        app, ["rates", "update", "--url", f"{server}{path}", "--output", str(out)]
    )
    assert result.exit_code == 5
    assert out.read_text(encoding="utf-8") == "old"


def test_update_unreachable_exits_5(tmp_path):
    result = runner.invoke(
        app,
        ["rates", "update", "--url", "http://127.0.0.1:9/x", "--output", str(tmp_path / "r.yaml")],
    )
    assert result.exit_code == 5


def test_price_cli_json(rates_file):
    result = runner.invoke(
        app,
        [
            "price",
            "12,900",
            "--target",
            "shopee:tw",
            "--rates",
            str(rates_file),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["price"] == {"amount": "389", "currency": "TWD"}
    assert data["platform"] == "shopee" and data["market"] == "tw"
    assert data["steps"][0] == {"step": "seller price", "amount": "12900", "currency": "KRW"}


def test_price_cli_table_and_rules_file(rates_file, tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text("markup_pct: 20\ncommission_pct: 10\n", encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "price",
            "12900",
            "-m",
            "us",
            "--rules",
            str(rules),
            "--charm",
            "none",
            "--rates",
            str(rates_file),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "$17.20" in result.stdout and "markup 20" in result.stdout


def test_price_cli_errors(rates_file):
    assert runner.invoke(app, ["price", "abc", "-m", "tw"]).exit_code == 2
    assert runner.invoke(app, ["price", "100"]).exit_code == 2
    assert runner.invoke(app, ["price", "100", "-m", "us", "-t", "shopee:tw"]).exit_code == 2
    assert (
        runner.invoke(
            app, ["price", "100", "-m", "tw", "--rounding", "sideways", "--rates", str(rates_file)]
        ).exit_code
        == 2
    )
    below = runner.invoke(
        app, ["price", "10200", "-m", "us", "--rounding", "down", "--rates", str(rates_file)]
    )
    assert below.exit_code == 1 and "price.below-margin" in below.output


@pytest.mark.parametrize("amount", ["12,900원", "₩12,900", "12900 KRW"])
def test_price_cli_accepts_won_marks(rates_file, amount):
    result = runner.invoke(
        app, ["price", amount, "-m", "tw", "--rates", str(rates_file), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["price"] == {"amount": "389", "currency": "TWD"}


@pytest.mark.parametrize("amount", ["NaN", "Infinity", "원"])
def test_price_cli_rejects_non_finite_amounts_as_usage_errors(rates_file, amount):
    result = runner.invoke(app, ["price", amount, "-m", "tw", "--rates", str(rates_file)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "not an amount" in result.output


_HEAD = '{"result": "success", "base_code": "USD", "time_last_update_utc": "Mon, 23 Nov 2026 00:02:31 +0000", '
RAW_BODIES = {
    "/text-rate": _HEAD + '"rates": {"USD": 1, "KRW": "abc", "TWD": 31.5}}',
    "/nan-rate": _HEAD + '"rates": {"USD": 1, "KRW": NaN, "TWD": 31.5}}',
    "/no-krw": _HEAD + '"rates": {"USD": 1, "EUR": 0.87}}',
    "/no-twd": _HEAD + '"rates": {"USD": 1, "KRW": 1400}}',
}


@pytest.fixture
def raw_server():
    """A local rates endpoint serving the bodies of RAW_BODIES as they are."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.end_headers()
            self.wfile.write(RAW_BODIES[self.path].encode())

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize(
    ("path", "says"),
    [("/text-rate", "not a number"), ("/nan-rate", "rates.KRW"), ("/no-krw", "no KRW rate")],
)
def test_update_with_unusable_rates_exits_5_without_traceback_and_keeps_the_file(
    raw_server, tmp_path, path, says
):
    out = tmp_path / "rates.yaml"
    out.write_text("old", encoding="utf-8")
    result = runner.invoke(
        app, ["rates", "update", "--url", f"{raw_server}{path}", "--output", str(out)]
    )
    assert result.exit_code == 5, result.output
    assert says in result.output and "Traceback" not in result.output
    assert "\n" not in result.output.split("error: ", 1)[1].split("hint:")[0].strip()
    assert out.read_text(encoding="utf-8") == "old"


def test_update_names_markets_left_without_a_rate(raw_server, tmp_path):
    out = tmp_path / "rates.yaml"
    result = runner.invoke(
        app,
        ["rates", "update", "--url", f"{raw_server}/no-twd", "-o", str(out), "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert "tw" in summary["markets_without_rate"] and "us" not in summary["markets_without_rate"]
    assert "tw" in result.stderr and out.is_file()


def test_price_cli_fee_currency_is_case_insensitive(rates_file):
    args = [
        "price",
        "12900",
        "-m",
        "us",
        "--shipping",
        "3",
        "--rates",
        str(rates_file),
        "-f",
        "json",
    ]
    lower = runner.invoke(app, [*args, "--fee-currency", "usd"])
    upper = runner.invoke(app, [*args, "--fee-currency", "USD"])
    assert lower.exit_code == 0, lower.output
    assert json.loads(lower.stdout)["price"] == json.loads(upper.stdout)["price"]


def test_price_cli_percent_options_are_exact_decimals(rates_file):
    base = ["price", "12900", "-m", "us", "--charm", "none", "--rates", str(rates_file)]
    result = runner.invoke(app, [*base, "--markup", "20", "--commission", "10"])
    assert result.exit_code == 0, result.output
    assert "$17.20" in result.stdout  # the same price as the rules file above gives
    for bad in ("abc", "NaN", "Infinity"):
        refused = runner.invoke(app, [*base, "--markup", bad])
        assert refused.exit_code == 2 and "not a number" in refused.output
