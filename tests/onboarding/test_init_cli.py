"""``klisting init``: the wizard through CliRunner input, --no-input flags, bad values."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from klisting.cli.app import app
from klisting.project import load_project

runner = CliRunner()

FLAGS = [
    "--no-input",
    "--name",
    "한빛상사",
    "--name-en",
    "Hanbit Trading",
    "--brn",
    "220-81-62517",
    "--email",
    "shop@hanbit.kr",
    "--phone",
    "010-1234-5678",
    "--target",
    "shopee:tw",
    "--target",
    "amazon:us",
]


def test_no_input_with_flags_writes_a_valid_project(tmp_path):
    result = runner.invoke(
        app,
        [
            "init",
            str(tmp_path),
            *FLAGS,
            "--brand",
            "Hanbit",
            "--trademark",
            "한빛",
            "--cert",
            "KC",
            "--shipping",
            "consolidator",
            "--markup",
            "25",
            "--return-address",
            "서울시 중구 세종대로 110, 04524",
        ],
    )
    assert result.exit_code == 0, result.output
    config = load_project(tmp_path / "klisting.yaml")
    assert config.seller.business_name_ko == "한빛상사"
    assert config.seller.brn == "220-81-62517"
    assert config.seller.phone == "+821012345678"
    assert config.targets == ["shopee:tw", "amazon:us"]
    assert [(b.name, b.trademark) for b in config.seller.brands] == [
        ("Hanbit", False),
        ("한빛", True),
    ]
    assert config.seller.certifications == ["kc"]
    assert config.shipping.mode.value == "consolidator"
    assert config.seller.return_address.postal_code == "04524"
    assert config.price_rules == {"default": {"markup_pct": 25}}
    assert "klisting readiness" in result.stderr


@pytest.mark.parametrize(
    ("flag", "value", "words"),
    [
        ("--brn", "220-81-62518", "check digit"),
        ("--email", "shop-at-hanbit", "e-mail"),
        ("--phone", "12", "phone"),
        ("--target", "ebay:us", "unknown platform"),
        ("--cert", "iso9001-typo", "unknown certification"),
        ("--shipping", "teleport", "shipping mode"),
        ("--engine", "babelfish", "engine"),
        ("--commission", "100", "below 100"),
        ("--markup", "thirty", "not a number"),
    ],
)
def test_bad_value_exits_2_and_writes_nothing(tmp_path, flag, value, words):
    result = runner.invoke(app, ["init", str(tmp_path), *FLAGS, flag, value])
    assert result.exit_code == 2, result.output
    assert words in result.stderr
    assert flag in result.stderr
    assert not (tmp_path / "klisting.yaml").exists()
    assert list(tmp_path.iterdir()) == []


def test_no_input_market_parties_feed_readiness(tmp_path):
    eu = ["--eu-rp-name", "EU Rep GmbH", "--eu-rp-address", "Hauptstr. 1, 10115 Berlin"]
    eu += ["--eu-rp-country", "DE", "--eu-rp-email", "rp@eurep.de"]
    tw = ["--tw-importer-name", "TW Import Co", "--tw-importer-address", "Taipei 110"]
    result = runner.invoke(
        app,
        ["init", str(tmp_path), *FLAGS, "-t", "amazon:de", *eu, *tw, "--label-language", "zh-Hant"],
    )
    assert result.exit_code == 0, result.output
    config = load_project(tmp_path)
    assert config.seller.eu_responsible_person.address.country == "DE"
    assert config.seller.importers["tw"].name == "TW Import Co"
    ready = runner.invoke(app, ["readiness", "-c", str(tmp_path / "klisting.yaml"), "-f", "json"])
    by_id = {(i["target"], i["id"]): i["status"] for i in json.loads(ready.stdout)["items"]}
    assert by_id[("amazon:de", "gpsr.responsible-person")] == "pass"
    assert by_id[("shopee:tw", "tw.chinese-labels")] == "pass"
    assert by_id[("shopee:tw", "tw.importer")] == "pass"


@pytest.mark.parametrize(
    "extra",
    [
        ["--eu-rp-name", "EU Rep GmbH"],  # no address
        ["--eu-rp-name", "EU Rep GmbH", "--eu-rp-address", "Berlin", "--eu-rp-country", "Germany"],
        ["--label-language", "Traditional Chinese!"],
    ],
)
def test_no_input_bad_party_exits_2(tmp_path, extra):
    result = runner.invoke(app, ["init", str(tmp_path), *FLAGS, *extra])
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "klisting.yaml").exists()


def test_no_input_needs_name_and_target(tmp_path):
    result = runner.invoke(app, ["init", str(tmp_path), "--no-input", "--email", "a@b.kr"])
    assert result.exit_code == 2
    assert "--name" in result.stderr and "--target" in result.stderr
    assert not (tmp_path / "klisting.yaml").exists()


def test_existing_file_needs_force(tmp_path):
    (tmp_path / "klisting.yaml").write_text("engine: argos\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path), *FLAGS])
    assert result.exit_code == 2
    assert "--force" in result.stderr
    assert load_project(tmp_path).engine == "argos"
    assert runner.invoke(app, ["init", str(tmp_path), *FLAGS, "--force"]).exit_code == 0
    assert load_project(tmp_path).engine == "glossary"


EU_ANSWERS = ("eu_rp", "eu_rp_address", "eu_rp_country", "eu_rp_email")


def answers(drop: tuple[str, ...] = (), **overrides: str) -> str:
    """Wizard answers in prompt order; a value may hold several lines (a bad try, then a good one).

    ``drop`` removes questions the wizard does not ask for the chosen targets.
    """
    order = {
        "name": "한빛상사",
        "name_en": "Hanbit Trading",
        "brn": "220-81-62517",
        "mail_order": "제2024-서울강남-01234호",
        "email": "shop@hanbit.kr",
        "phone": "02-123-4567",
        "address": "서울시 중구 세종대로 110 04524",
        "brands": "Hanbit, 한빛",
        "tm_hanbit": "y",
        "tm_hanbit_ko": "n",
        "certs": "kc, cosmetics_notification",
        "shipping": "1",
        "provider": "Coupang Rocket Growth",
        "targets": "shopee:tw, amazon:de",
        "eu_rp": "EU Rep GmbH",
        "eu_rp_address": "Hauptstr. 1, 10115 Berlin",
        "eu_rp_country": "de",
        "eu_rp_email": "rp@eurep.de",
        "tw_importer": "台灣進口有限公司",
        "tw_importer_address": "台北市信義區 110",
        "labels": "ko, zh-Hant",
        "shopee_logistics": "30001, 30005",
        "shopee_brand_hanbit": "1146321",
        "shopee_brand_hanbit_ko": "",
        "amazon_product_type": "SKIN_CARE_AGENT",
        "amazon_condition": "",
        "image_base_url": "https://cdn.example.com/hanbit",
        "markup": "30",
        "commission": "12.5%",
        "shipping_cost": "4,000",
        "engine": "",
        "glossary": "",
        "catalog": "",
    }
    order.update(overrides)
    return "\n".join(value for key, value in order.items() if key not in drop) + "\n"


def test_wizard_writes_the_answers(tmp_path):
    result = runner.invoke(app, ["init", str(tmp_path)], input=answers())
    assert result.exit_code == 0, result.output
    config = load_project(tmp_path)
    seller = config.seller
    assert (seller.business_name_ko, seller.business_name_en) == ("한빛상사", "Hanbit Trading")
    assert seller.mail_order_number == "제2024-서울강남-01234호"
    assert seller.phone == "+8221234567"
    assert [(b.name, b.trademark) for b in seller.brands] == [("Hanbit", True), ("한빛", False)]
    assert seller.certifications == ["kc", "cosmetics_notification"]
    assert config.shipping.mode.value == "platform_fulfilment"
    assert config.shipping.provider == "Coupang Rocket Growth"
    assert config.targets == ["shopee:tw", "amazon:de"]
    assert config.price_rules == {
        "default": {"markup_pct": 30, "commission_pct": "12.5", "shipping_cost": 4000}
    }
    assert config.engine == "glossary"
    person = seller.eu_responsible_person
    assert (person.name, person.email, person.address.country) == (
        "EU Rep GmbH",
        "rp@eurep.de",
        "DE",
    )
    assert seller.importers["tw"].name == "台灣進口有限公司"
    assert seller.label_languages == ["ko", "zh-Hant"]
    assert config.accounts == {
        "shopee": {"logistic_ids": [30001, 30005], "brand_ids": {"Hanbit": 1146321}},
        "amazon": {"product_type": "SKIN_CARE_AGENT"},
    }
    assert config.image_base_url == "https://cdn.example.com/hanbit"


def test_wizard_asks_again_after_a_bad_answer(tmp_path):
    bad_then_good = "\n".join(["1234567890", "220-81-62517"])
    result = runner.invoke(
        app,
        ["init", str(tmp_path)],
        input=answers(
            (*EU_ANSWERS, "amazon_product_type", "amazon_condition"),
            brn=bad_then_good,
            targets="ebay:us\nshopee:tw",
            shopee_logistics="abc\n30001",
        ),
    )
    assert result.exit_code == 0, result.output
    assert "check digit" in result.output
    assert "unknown platform" in result.output
    assert "accounts.shopee.logistic_ids" in result.output  # the bad id was asked again
    config = load_project(tmp_path)
    assert config.seller.brn == "220-81-62517"
    assert config.targets == ["shopee:tw"]
    assert config.seller.eu_responsible_person is None  # not asked without an EU target
    assert config.seller.importers["tw"].address.country == "TW"


def test_wizard_uses_flags_as_defaults(tmp_path):
    # Enter on every question: the flags' values are taken; the brand prompt still asks about trademarks.
    result = runner.invoke(
        app,
        [
            "init",
            str(tmp_path),
            "--name",
            "한빛상사",
            "--email",
            "shop@hanbit.kr",
            "--target",
            "qoo10:jp",
            "--brand",
            "Hanbit",
        ],
        input="\n" * 24,
    )
    assert result.exit_code == 0, result.output
    config = load_project(tmp_path)
    assert config.seller.business_name_ko == "한빛상사"
    assert config.seller.email == "shop@hanbit.kr"
    assert config.targets == ["qoo10:jp"]
    assert [b.name for b in config.seller.brands] == ["Hanbit"]
    assert config.seller.brn is None


def test_targets_may_be_comma_or_space_separated(tmp_path):
    result = runner.invoke(
        app,
        ["init", str(tmp_path), "--no-input", "--name", "한빛상사",
         "-t", "shopee:tw,amazon:us", "-t", "lazada:sg shopee:tw"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert load_project(tmp_path / "klisting.yaml").targets == [
        "shopee:tw",
        "amazon:us",
        "lazada:sg",
    ]


@pytest.mark.parametrize("value", ["nan", "inf", "Infinity"])
def test_non_finite_markup_is_not_a_number(tmp_path, value):
    result = runner.invoke(
        app,
        ["init", str(tmp_path), "--no-input", "--name", "x", "-t", "shopee:tw", "--markup", value],
    )
    assert result.exit_code == 2 and "is not a number" in result.output
    assert not (tmp_path / "klisting.yaml").exists()


def test_wizard_input_ending_early_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["init", str(tmp_path)], input="한빛상사\n")
    assert result.exit_code == 2, result.output
    assert "input ended" in result.output and "--no-input" in result.output
    assert not (tmp_path / "klisting.yaml").exists()


def test_wizard_interrupted_exits_130(tmp_path, monkeypatch):
    import typer

    from klisting.onboarding import wizard

    def interrupted(*args):
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            raise typer.Abort() from None  # what typer's prompt does on Ctrl-C

    monkeypatch.setattr(wizard, "run_wizard", interrupted)
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 130, result.output
    assert not (tmp_path / "klisting.yaml").exists()


def test_overwrite_question_without_input_is_a_usage_error(tmp_path):
    (tmp_path / "klisting.yaml").write_text("targets: [shopee:tw]\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path)], input="")
    assert result.exit_code == 2, result.output
    assert (tmp_path / "klisting.yaml").read_text(encoding="utf-8") == "targets: [shopee:tw]\n"


def test_missing_catalog_file_is_written_with_a_warning(tmp_path):
    args = ["init", str(tmp_path / "p"), "--no-input", "--name", "x", "-t", "shopee:tw"]
    missing = runner.invoke(app, [*args, "--catalog", str(tmp_path / "nothere.csv")])
    assert missing.exit_code == 0, missing.output
    assert "no file yet at catalog" in missing.stderr and "nothere.csv" in missing.stderr
    (tmp_path / "items.csv").write_text("sku,title,price\nA,x,1\n", encoding="utf-8")
    present = runner.invoke(app, [*args, "--force", "--catalog", str(tmp_path / "items.csv")])
    assert present.exit_code == 0, present.output
    assert "no file yet" not in present.stderr


def test_no_input_account_flags_reach_the_project_and_readiness(tmp_path):
    result = runner.invoke(
        app,
        ["init", str(tmp_path), *FLAGS, "--brand", "Hanbit",
         "--account", "shopee.logistic_ids=30001,30005", "--account", "shopee.brand_ids=Hanbit=1146321",
         "--account", "amazon.product_type=SKIN_CARE_AGENT", "--image-base-url", "https://cdn.example.com/hb/"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    config = load_project(tmp_path / "klisting.yaml")
    assert config.accounts["shopee"] == {
        "logistic_ids": [30001, 30005],
        "brand_ids": {"Hanbit": 1146321},
    }
    assert config.image_base_url == "https://cdn.example.com/hb"
    ready = runner.invoke(
        app, ["readiness", "-c", str(tmp_path / "klisting.yaml"), "--format", "json"]
    )
    items = {(i["target"], i["id"]): i for i in json.loads(ready.stdout)["items"]}
    assert items[("shopee:tw", "account.settings")]["status"] == "pass"
    assert items[("amazon:us", "listing.image-urls")]["status"] == "pass"


def test_a_bad_account_flag_is_a_usage_error(tmp_path):
    result = runner.invoke(
        app, ["init", str(tmp_path), *FLAGS, "--account", "shopee.logistic_ids=abc"]
    )
    assert result.exit_code == 2 and "accounts.shopee.logistic_ids" in result.output
    assert not (tmp_path / "klisting.yaml").exists()


def test_the_wizard_asks_account_settings_for_the_chosen_targets(tmp_path):
    answers = "\n".join([
        "한빛상사", "", "", "", "", "", "", "Hanbit", "n", "",  # seller, brand not a trademark
        "", "", "qoo10:jp",  # shipping, provider, targets
        "",  # label languages
        "663841",  # accounts.qoo10.shipping_no
        "https://cdn.example.com/hb",  # image_base_url
        "", "", "", "", "", "",  # prices, engine, glossary, catalog
    ]) + "\n"  # fmt: skip
    result = runner.invoke(app, ["init", str(tmp_path)], input=answers)
    assert result.exit_code == 0, result.output
    assert "accounts.qoo10.shipping_no" in result.output
    config = load_project(tmp_path / "klisting.yaml")
    assert config.accounts == {"qoo10": {"shipping_no": "663841"}}
