"""The configuration file (CONTRACTS §4) and the environment (CONTRACTS §3).

The YAML is read with a loader that remembers the line of every key, and validated with pydantic
models that refuse unknown keys, so every problem is reported as
「設定ファイル sns-gate.yml の 12 行目: accounts[0].manager: …」, all of them at once.

The loader deliberately resolves fewer YAML 1.1 implicit types than PyYAML's SafeLoader:
``17:15`` would otherwise be the base-60 integer 1035 and ``2027-02-30`` a constructor crash
without a line; dates and times reach pydantic as strings and are checked there, with a line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import os
import re
import types
import typing
import zoneinfo
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple, TypeVar, Union

import phonenumbers
import yaml
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from bot import messages as msg
from bot.errors import ConfigError, UserFacingError
from rules.model import PLATFORMS, Settings
from rules.policy import POLICY_NAMES
from storage.db import DEFAULT_DATABASE_URL

DEFAULT_CONFIG_PATH = "sns-gate.yml"

# --- YAML with line numbers ---------------------------------------------------------------------------

_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class _Loader(yaml.SafeLoader):
    yaml_implicit_resolvers: typing.ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in {_INT_TAG, _FLOAT_TAG, _TIMESTAMP_TAG}]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


# Plain decimal numbers only (no base 60, no octal): what a person writing this file means.
_Loader.add_implicit_resolver(_INT_TAG, re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$"), list("-+0123456789"))
_Loader.add_implicit_resolver(
    _FLOAT_TAG, re.compile(r"^[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?$"), list("-+0123456789")
)

Path_ = tuple[str | int, ...]


@dataclasses.dataclass
class _Document:
    data: Any
    lines: dict[Path_, int]
    problems: list[tuple[Path_, str, int]]  # (path, problem, line) found while reading: duplicate keys


def _read_yaml(text: str, *, path: str) -> _Document:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise ConfigError(
            [msg.CONFIG_YAML_SYNTAX.format(path=path, line=line, problem=exc.problem or exc.context)],
            header=msg.CONFIG_INVALID.format(path=path, count=1),
        ) from None
    except yaml.YAMLError as exc:
        raise ConfigError(
            [msg.CONFIG_YAML_SYNTAX.format(path=path, line=1, problem=exc)],
            header=msg.CONFIG_INVALID.format(path=path, count=1),
        ) from None
    finally:
        loader.dispose()
    doc = _Document(data=data, lines={(): 1}, problems=[])
    if node is not None:
        _record_lines(node, (), doc)
    return doc


def _record_lines(node: yaml.Node, prefix: Path_, doc: _Document) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
            path = (*prefix, key)
            line = key_node.start_mark.line + 1
            if path in doc.lines:
                doc.problems.append((path, msg.DUPLICATE_KEY.format(first=doc.lines[path]), line))
            else:
                doc.lines[path] = line
            _record_lines(value_node, path, doc)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            path = (*prefix, index)
            doc.lines[path] = item.start_mark.line + 1
            _record_lines(item, path, doc)


def _dotted(path: Path_) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(全体)"


def _line_of(path: Path_, lines: Mapping[Path_, int]) -> int | None:
    for end in range(len(path), 0, -1):
        line = lines.get(path[:end])
        if line is not None:
            return line
    return None


def _format_problem(file: str, path: Path_, problem: str, line: int | None) -> str:
    if line is None or not path:
        return msg.CONFIG_PROBLEM_NO_LINE.format(path=file, key=_dotted(path), problem=problem)
    return msg.CONFIG_PROBLEM.format(path=file, line=line, key=_dotted(path), problem=problem)


# --- Field types -----------------------------------------------------------------------------------------

_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
_CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]{2,}$")
_ACCOUNT_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")
_DOMAIN = re.compile(r"^(?=.{1,253}$)(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)+[a-z]{2,63}$")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_MONTH_DAY = re.compile(r"^(\d{1,2})-(\d{1,2})$")


def _matching(pattern: re.Pattern[str], problem: str):
    def check(value: str) -> str:
        if not pattern.match(value):
            raise ValueError(problem)
        return value

    return check


def _parse_time(value: Any) -> Any:
    if isinstance(value, dt.time):
        return value
    match = _TIME.match(value) if isinstance(value, str) else None
    if not match:
        raise ValueError(msg.BAD_TIME)
    return dt.time(int(match[1]), int(match[2]))


class MonthDay(NamedTuple):
    """A day of the year, written "MM-DD" (e.g. the start of plan-renewal reminders)."""

    month: int
    day: int

    def in_year(self, year: int) -> dt.date:
        return dt.date(year, self.month, self.day)

    def __str__(self) -> str:
        return f"{self.month:02d}-{self.day:02d}"


def _parse_month_day(value: Any) -> Any:
    if isinstance(value, MonthDay):
        return value
    match = _MONTH_DAY.match(value) if isinstance(value, str) else None
    try:
        if not match:
            raise ValueError
        dt.date(2000, int(match[1]), int(match[2]))  # a leap year, so 02-29 is a real day
    except ValueError:
        raise ValueError(msg.BAD_MONTH_DAY) from None
    return MonthDay(int(match[1]), int(match[2]))


def _check_timezone(value: str) -> str:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError(msg.BAD_TIMEZONE) from None
    return value


def _check_phone(value: str) -> str:
    try:
        number = phonenumbers.parse(value, "JP")
    except phonenumbers.NumberParseException:
        raise ValueError(msg.BAD_PHONE) from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError(msg.BAD_PHONE)
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError(msg.CONFIG_ERROR_TYPES["string_too_short"])
    return value.strip()


UserId = Annotated[str, AfterValidator(_matching(_USER_ID, msg.BAD_USER_ID))]
ChannelId = Annotated[str, AfterValidator(_matching(_CHANNEL_ID, msg.BAD_CHANNEL_ID))]
AccountId = Annotated[str, AfterValidator(_matching(_ACCOUNT_ID, msg.BAD_ACCOUNT_ID))]
Domain = Annotated[str, AfterValidator(lambda v: _matching(_DOMAIN, msg.BAD_DOMAIN)(v.strip().lower()))]
Phone = Annotated[str, AfterValidator(_check_phone)]
Text = Annotated[str, AfterValidator(_not_blank)]
Time = Annotated[dt.time, BeforeValidator(_parse_time)]
MonthDayField = Annotated[MonthDay, BeforeValidator(_parse_month_day)]
Platform = Literal[PLATFORMS]  # type: ignore[valid-type]
PolicyName = Literal[POLICY_NAMES]  # type: ignore[valid-type]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- The configuration ---------------------------------------------------------------------------------


class WorkingHours(_Strict):
    start: Time = dt.time(8, 30)
    end: Time = dt.time(17, 15)

    @model_validator(mode="after")
    def _ordered(self) -> WorkingHours:
        if self.end <= self.start:
            raise ValueError(msg.WORKING_HOURS_ORDER)
        return self


class Channels(_Strict):
    pr: ChannelId
    infosec: ChannelId


class Roles(_Strict):
    pr: list[UserId] = Field(min_length=1)
    infosec: list[UserId] = Field(min_length=1)
    admins: list[UserId] = Field(min_length=1)


class Schedule(_Strict):
    """When the scheduled jobs remind whom (CONTRACTS §5 defaults)."""

    posting_frequency_from_day: int = Field(20, ge=1, le=28)
    plan_renewal_from: MonthDayField = MonthDay(2, 1)
    plan_renewal_pr_from: MonthDayField = MonthDay(3, 15)
    plan_lapse_on: MonthDayField = MonthDay(4, 1)
    password_interval_days: int = Field(90, ge=1)
    approval_reminder_after_working_hours: int = Field(8, ge=1)
    approval_pr_after_working_hours: int = Field(24, ge=1)
    # joetsu 6(1)③: consecutive short months after which PR is asked to review withdrawal.
    withdrawal_review_after_months: int = Field(2, ge=1)

    @model_validator(mode="after")
    def _renewal_before_lapse(self) -> Schedule:
        # Count days back from the lapse (the cycle may cross New Year): reminders first, then PR, then the lapse.
        lapse = self.plan_lapse_on.in_year(2000)

        def days_before_lapse(day: MonthDay) -> int:
            return (lapse - day.in_year(2000)).days % 366

        if not days_before_lapse(self.plan_renewal_from) >= days_before_lapse(self.plan_renewal_pr_from) > 0:
            raise ValueError(msg.SCHEDULE_ORDER)
        return self


class AccountConfig(_Strict):
    id: AccountId
    platform: Platform
    handle: Text
    department: Text
    manager: UserId
    deputies: list[UserId] = []
    operators: list[UserId] = []
    drafts_channel: ChannelId
    plan_valid_until: dt.date
    password_rotated_on: dt.date | None = None
    two_factor: bool = False
    min_posts_per_month: int = Field(0, ge=0)


class Config(_Strict):
    organization: Text
    policy: PolicyName = "default"
    timezone: Annotated[str, AfterValidator(_check_timezone)] = "Asia/Tokyo"
    working_hours: WorkingHours = WorkingHours()
    channels: Channels
    roles: Roles
    official_domains: list[Domain] = []
    trusted_domains: list[Domain] = []
    official_phone_numbers: list[Phone] = []
    accounts: list[AccountConfig] = []
    schedule: Schedule = Schedule()

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    def screening_settings(self) -> Settings:
        """What the screening engine needs of this configuration."""
        return Settings(
            policy=self.policy,
            timezone=self.timezone,
            working_hours=(self.working_hours.start, self.working_hours.end),
            official_domains=tuple(self.official_domains),
            trusted_domains=tuple(self.trusted_domains),
            official_phone_numbers=tuple(self.official_phone_numbers),
            organization=self.organization,
        )


_M = TypeVar("_M", bound=BaseModel)


class _AccountsFile(_Strict):
    accounts: list[AccountConfig]


# --- Loading ---------------------------------------------------------------------------------------------


def _read_text(path: Path, *, missing: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserFacingError(missing.format(path=path), code="file_not_found") from None
    except (OSError, UnicodeDecodeError):
        raise UserFacingError(msg.FILE_UNREADABLE.format(path=path), code="file_unreadable") from None


def _model_at(model: type[BaseModel] | None, path: Path_) -> type[BaseModel] | None:
    """The pydantic model that validates the mapping at ``path`` (to suggest a key for a typo)."""
    for part in path:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        model = _unwrap_model(field.annotation) if field else None
    return model


def _unwrap_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (list, Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _unwrap_model(arg)
            if found is not None:
                return found
    return None


def _problem_text(error: Mapping[str, Any], root: type[BaseModel]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    template = msg.CONFIG_ERROR_TYPES.get(kind)
    if template is None:
        return msg.CONFIG_ERROR_FALLBACK.format(detail=error["msg"])
    values = {k: v for k, v in ctx.items() if isinstance(v, str | int | float)}
    if kind == "literal_error":
        values["expected"] = str(values.get("expected", "")).replace(" or ", ", ")  # pydantic's English "or"
    text = template.format(**values)
    if kind == "extra_forbidden":
        loc = tuple(error["loc"])
        model = _model_at(root, loc[:-1])
        if model is not None:
            close = difflib.get_close_matches(str(loc[-1]), list(model.model_fields), n=1, cutoff=0.6)
            if close:
                text += msg.DID_YOU_MEAN.format(suggestion=close[0])
    return text


def _validate(model: type[_M], doc: _Document, *, file: str) -> _M:
    problems = list(doc.problems)
    result: _M | None = None
    try:
        result = model.model_validate(doc.data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            problems.append((loc, _problem_text(error, model), _line_of(loc, doc.lines)))
    if result is not None:
        seen: set[str] = set()
        for index, account in enumerate(getattr(result, "accounts", [])):
            if account.id in seen:
                loc = ("accounts", index, "id")
                problems.append((loc, msg.DUPLICATE_ACCOUNT.format(account_id=account.id), _line_of(loc, doc.lines)))
            seen.add(account.id)
    if problems:
        problems.sort(key=lambda p: (p[2] is None, p[2] or 0))
        texts = [_format_problem(file, path, text, line) for path, text, line in problems]
        raise ConfigError(texts, header=msg.CONFIG_INVALID.format(path=file, count=len(texts)))
    assert result is not None
    return result


def parse_config(text: str, *, path: str = DEFAULT_CONFIG_PATH) -> Config:
    doc = _read_yaml(text, path=path)
    if not isinstance(doc.data, dict):
        raise ConfigError(
            [msg.CONFIG_NOT_MAPPING.format(path=path)], header=msg.CONFIG_INVALID.format(path=path, count=1)
        )
    return _validate(Config, doc, file=path)


def load_config(path: str | Path) -> Config:
    path = Path(path)
    return parse_config(_read_text(path, missing=msg.CONFIG_NOT_FOUND), path=str(path))


def load_optional_config(env: Environment) -> Config | None:
    """The configuration when there is one. Commands that only need its time zone and intervals work
    without it, unless SNS_GATE_CONFIG names a file that is missing (then the path is surely wrong)."""
    if not env.config_path_given and not Path(env.config_path).exists():
        return None
    return load_config(env.config_path)


def parse_accounts(text: str, *, path: str) -> list[AccountConfig]:
    """An accounts file: ``accounts:`` with the same schema as the configuration's, or a bare list."""
    doc = _read_yaml(text, path=path)
    if isinstance(doc.data, list):
        doc = _Document(
            data={"accounts": doc.data},
            lines={("accounts", *p) if p else p: line for p, line in doc.lines.items()},
            problems=[(("accounts", *p), t, line) for p, t, line in doc.problems],
        )
    if not isinstance(doc.data, dict):
        raise ConfigError(
            [msg.ACCOUNTS_FILE_SHAPE.format(path=path)], header=msg.CONFIG_INVALID.format(path=path, count=1)
        )
    return list(_validate(_AccountsFile, doc, file=path).accounts)


def load_accounts(path: str | Path) -> list[AccountConfig]:
    path = Path(path)
    return parse_accounts(_read_text(path, missing=msg.FILE_NOT_FOUND), path=str(path))


# --- Environment (CONTRACTS §3) ------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Environment:
    database_url: str = DEFAULT_DATABASE_URL
    config_path: str = DEFAULT_CONFIG_PATH
    config_path_given: bool = False  # SNS_GATE_CONFIG was set: a missing file is then an error, not "use defaults"
    port: str = "3000"  # checked by `run` (HTTP mode), the only command that needs it
    slack_api_url: str | None = None
    # Secrets: kept out of repr so they never reach a log line by accident.
    slack_bot_token: str | None = dataclasses.field(default=None, repr=False)
    slack_app_token: str | None = dataclasses.field(default=None, repr=False)
    slack_signing_secret: str | None = dataclasses.field(default=None, repr=False)

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> Environment:
        env = os.environ if environ is None else environ
        return cls(
            database_url=env.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
            config_path=env.get("SNS_GATE_CONFIG") or DEFAULT_CONFIG_PATH,
            config_path_given=bool(env.get("SNS_GATE_CONFIG")),
            port=env.get("PORT") or "3000",
            slack_api_url=env.get("SLACK_API_URL") or None,
            slack_bot_token=env.get("SLACK_BOT_TOKEN") or None,
            slack_app_token=env.get("SLACK_APP_TOKEN") or None,
            slack_signing_secret=env.get("SLACK_SIGNING_SECRET") or None,
        )
