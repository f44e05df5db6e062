"""The configuration file and the environment: valid files load, every mistake is named with its line."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path

import pytest

from bot.config import Config, Environment, MonthDay, load_accounts, load_config, parse_accounts, parse_config
from bot.errors import ConfigError, UserFacingError
from rules import Settings
from tests.bot.factories import OPERATOR, account_values, accounts_yaml
from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "sns-gate.yml"

MINIMAL = """\
organization: 青葉川市
channels: {pr: C0PR, infosec: C0SEC}
roles: {pr: [U0PR1], infosec: [U0SEC1], admins: [U0ADM]}
"""

ACCOUNT = accounts_yaml(account_values(operators=[OPERATOR], password_rotated_on=dt.date(2026, 9, 1)))


def _problems(text: str, path: str = "sns-gate.yml") -> list[str]:
    with pytest.raises(ConfigError) as caught:
        parse_config(text, path=path)
    assert caught.value.message_ja.startswith(
        f"設定ファイル {path} に誤りがあります（{len(caught.value.problems)} 件）。"
    )
    return caught.value.problems


def test_the_example_configuration_is_valid():
    config = load_config(EXAMPLE)
    assert config.organization == "青葉川市"
    assert [a.id for a in config.accounts] == ["aobagawa-x"]
    assert config.accounts[0].plan_valid_until == dt.date(2027, 3, 31)


def test_the_example_accounts_file_is_valid():
    assert [a.id for a in load_accounts(ROOT / "examples" / "accounts.yml")] == [
        "aobagawa-x",
        "aobagawa-kanko-instagram",
        "aobagawa-bosai-line",
    ]


def test_the_configuration_in_the_contracts_is_valid():
    contracts = SHARED / "CONTRACTS.md"
    if not contracts.exists():
        pytest.skip("../shared/CONTRACTS.md is not present on this machine")
    section = contracts.read_text(encoding="utf-8").split("## 4.", 1)[1]
    yaml_text = re.search(r"```yaml\n(.*?)```", section, re.S)[1]
    config = parse_config(yaml_text, path="CONTRACTS.md")
    assert config.policy == "joetsu"
    assert config.working_hours.end == dt.time(17, 15)
    assert config.accounts[0].manager == "U0MGR"


def test_defaults_fill_what_a_minimal_file_leaves_out():
    config = parse_config(MINIMAL)
    assert config.policy == "default" and config.timezone == "Asia/Tokyo"
    assert (config.working_hours.start, config.working_hours.end) == (dt.time(8, 30), dt.time(17, 15))
    s = config.schedule
    assert s.posting_frequency_from_day == 20
    assert (s.plan_renewal_from, s.plan_renewal_pr_from, s.plan_lapse_on) == (
        MonthDay(2, 1),
        MonthDay(3, 15),
        MonthDay(4, 1),
    )
    assert s.password_interval_days == 90
    assert (s.approval_reminder_after_working_hours, s.approval_pr_after_working_hours) == (8, 24)
    assert config.accounts == []


def test_screening_settings_come_from_the_configuration():
    config = parse_config(
        MINIMAL
        + 'policy: tatsuno\nworking_hours: {start: "09:00", end: 17:45}\n'
        + "official_domains: [Town.Tatsuno.lg.jp]\nofficial_phone_numbers: ['0266-41-1111']\n"
    )
    assert config.screening_settings() == Settings(
        policy="tatsuno",
        timezone="Asia/Tokyo",
        working_hours=(dt.time(9, 0), dt.time(17, 45)),  # 17:45 unquoted is a time, not base-60 1065
        official_domains=("town.tatsuno.lg.jp",),
        trusted_domains=(),
        official_phone_numbers=("0266-41-1111",),
        organization="青葉川市",
    )


def test_a_misspelt_key_is_named_with_its_line_and_a_suggestion():
    problems = _problems(MINIMAL + ACCOUNT.replace("    manager: U0MGR", "    manegr: U0MGR"))
    assert problems == [
        "設定ファイル sns-gate.yml の 5 行目: accounts[0].manager: 必須の項目がありません。",
        "設定ファイル sns-gate.yml の 9 行目: accounts[0].manegr: 不明な項目です。綴りをご確認ください。"
        "（manager の誤りではありませんか？）",
    ]


def test_an_unknown_top_level_key_is_refused():
    assert _problems(MINIMAL + "polcy: joetsu\n") == [
        "設定ファイル sns-gate.yml の 4 行目: polcy: 不明な項目です。綴りをご確認ください。"
        "（policy の誤りではありませんか？）"
    ]


def test_a_missing_top_level_key_is_named():
    assert _problems("organization: 青葉川市\nchannels: {pr: C0PR, infosec: C0SEC}\n") == [
        "設定ファイル sns-gate.yml: roles: 必須の項目がありません。"
    ]


@pytest.mark.parametrize(
    ("replace", "by", "line", "key", "problem"),
    [
        ("manager: U0MGR", "manager: u0mgr", 9, "accounts[0].manager", "Slack のユーザー ID"),
        ("deputies: [U0DEP]", "deputies: [C0DEP]", 10, "accounts[0].deputies[0]", "Slack のユーザー ID"),
        ("drafts_channel: C0DRAFTS", "drafts_channel: '#drafts'", 12, "accounts[0].drafts_channel", "チャンネル ID"),
        (
            "plan_valid_until: 2027-03-31",
            "plan_valid_until: 2027-02-30",
            13,
            "accounts[0].plan_valid_until",
            "実在する日付",
        ),
        (
            "plan_valid_until: 2027-03-31",
            "plan_valid_until: 2027/03/31",
            13,
            "accounts[0].plan_valid_until",
            "YYYY-MM-DD",
        ),
        (
            "plan_valid_until: 2027-03-31",
            "plan_valid_until: 2027-03-31 10:00",
            13,
            "accounts[0].plan_valid_until",
            "日付だけ",
        ),
        ("platform: x", "platform: twitter", 6, "accounts[0].platform", "'x', 'facebook'"),
        ("id: aoba-x", "id: Aoba X", 5, "accounts[0].id", "英小文字・数字・ハイフン"),
        ("two_factor: true", "two_factor: maybe", 15, "accounts[0].two_factor", "true か false"),
        ("min_posts_per_month: 1", "min_posts_per_month: -1", 16, "accounts[0].min_posts_per_month", "0 以上"),
        ('handle: "@aoba_city"', 'handle: "  "', 7, "accounts[0].handle", "空にはできません"),
    ],
)
def test_each_bad_account_value_is_explained_with_its_line(replace, by, line, key, problem):
    [message] = _problems(MINIMAL + ACCOUNT.replace(replace, by))
    assert message.startswith(f"設定ファイル sns-gate.yml の {line} 行目: {key}: ")
    assert problem in message


@pytest.mark.parametrize(
    ("extra", "key", "problem"),
    [
        ("policy: kyoto\n", "policy", "'towada', 'yatsushiro'"),
        ("timezone: Asia/Tokio\n", "timezone", "タイムゾーン名"),
        ('working_hours: {start: "8時半", end: "17:15"}\n', "working_hours.start", '"HH:MM"'),
        ('working_hours: {start: "17:15", end: "08:30"}\n', "working_hours", "終業時刻"),
        ("official_domains: [https://city.example.lg.jp/]\n", "official_domains[0]", "ドメイン名"),
        ("official_phone_numbers: ['123']\n", "official_phone_numbers[0]", "電話番号"),
        ("schedule: {plan_renewal_from: '02-30'}\n", "schedule.plan_renewal_from", '"MM-DD"'),
        ("schedule: {plan_renewal_pr_from: '01-15'}\n", "schedule", "順に日付が進む"),
        ("schedule: {posting_frequency_from_day: 31}\n", "schedule.posting_frequency_from_day", "28 以下"),
        ("schedule: {password_interval: 60}\n", "schedule.password_interval", "password_interval_days の誤り"),
    ],
)
def test_each_bad_organisation_value_is_explained_with_its_line(extra, key, problem):
    [message] = _problems(MINIMAL + extra)
    assert message.startswith(f"設定ファイル sns-gate.yml の 4 行目: {key}: "), message
    assert problem in message


def test_every_problem_is_reported_at_once_in_line_order():
    text = MINIMAL.replace("U0PR1", "x") + ACCOUNT.replace("manager: U0MGR", "manager: nobody")
    problems = _problems(text)
    assert [int(re.search(r"の (\d+) 行目", p)[1]) for p in problems] == [3, 9]


def test_a_duplicate_key_is_refused_with_both_lines():
    assert _problems(MINIMAL + "policy: joetsu\npolicy: towada\n") == [
        "設定ファイル sns-gate.yml の 5 行目: policy: 同じ項目が 2 回書かれています（最初は 4 行目）。"
    ]


def test_a_duplicate_account_id_is_refused():
    second = ACCOUNT.replace("accounts:\n", "")
    [message] = _problems(MINIMAL + ACCOUNT + second)
    assert message == "設定ファイル sns-gate.yml の 17 行目: accounts[1].id: アカウント ID「aoba-x」が重複しています。"


def test_yaml_syntax_errors_name_the_line():
    with pytest.raises(ConfigError) as caught:
        parse_config(MINIMAL + "accounts: [\n  - id: x\n")
    [message] = caught.value.problems
    assert re.match(r"設定ファイル sns-gate.yml の \d+ 行目: YAML の書き方に誤りがあります", message)


def test_a_file_that_is_not_a_mapping_is_refused():
    with pytest.raises(ConfigError) as caught:
        parse_config("- just\n- a list\n")
    assert caught.value.problems == ["設定ファイル sns-gate.yml: 「キー: 値」の形式で書いてください。"]


def test_a_missing_configuration_file_says_how_to_fix_it(tmp_path: Path):
    with pytest.raises(UserFacingError) as caught:
        load_config(tmp_path / "sns-gate.yml")
    assert "が見つかりません。環境変数 SNS_GATE_CONFIG で場所を指定するか" in caught.value.message_ja


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path):
    path = tmp_path / "sns-gate.yml"
    path.write_bytes("organization: 青葉川市\n".encode("shift_jis"))
    with pytest.raises(UserFacingError) as caught:
        load_config(path)
    assert "UTF-8" in caught.value.message_ja


def test_an_accounts_file_may_be_a_bare_list():
    bare = textwrap.dedent(ACCOUNT.removeprefix("accounts:\n"))
    assert bare.startswith("- id: aoba-x\n")
    assert [a.id for a in parse_accounts(bare, path="a.yml")] == ["aoba-x"]
    with pytest.raises(ConfigError) as caught:
        parse_accounts(bare.replace("U0MGR", "nobody"), path="a.yml")
    assert caught.value.problems[0].startswith("設定ファイル a.yml の 5 行目: accounts[0].manager: ")


def test_an_accounts_file_reports_lines_too():
    with pytest.raises(ConfigError) as caught:
        parse_accounts(ACCOUNT.replace("manager: U0MGR", "manager: 山田"), path="accounts.yml")
    assert caught.value.problems[0].startswith("設定ファイル accounts.yml の 6 行目: accounts[0].manager: ")


def test_the_environment_has_the_documented_defaults():
    env = Environment.from_environ({})
    assert env.database_url == "sqlite:///sns-gate.db"
    assert env.config_path == "sns-gate.yml" and not env.config_path_given
    assert env.port == "3000" and env.slack_bot_token is None


def test_secrets_from_the_environment_never_appear_in_its_repr():
    env = Environment.from_environ(
        {
            "SLACK_BOT_TOKEN": "xoxb-secret",
            "SLACK_APP_TOKEN": "xapp-secret",
            "SLACK_SIGNING_SECRET": "s3cr3t",
            "DATABASE_URL": "postgresql+psycopg://app@db/sns",
            "SNS_GATE_CONFIG": "/etc/sns-gate.yml",
        }
    )
    assert env.slack_bot_token == "xoxb-secret" and env.config_path_given
    assert "secret" not in repr(env) and "s3cr3t" not in repr(env)


def test_the_configuration_is_immutable():
    config = parse_config(MINIMAL)
    assert isinstance(config, Config)
    with pytest.raises(Exception):  # noqa: B017 - pydantic raises its own ValidationError for frozen models
        config.organization = "別の市"  # type: ignore[misc]
