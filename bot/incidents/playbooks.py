"""The incident playbooks as data (playbooks.yml): per type, the lead office and the steps, each quoting
the guideline clauses it comes from per organisation policy; and the platforms' impersonation-report
routes.

The file is checked when it is loaded, and the bot refuses to start on a broken one: every incident type
has a playbook, every step has an owner we can remind and a citation for every guideline policy, every
platform has a report route. A playbook the bot cannot follow is worse than none.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from rules.model import PLATFORMS
from rules.policy import POLICY_NAMES
from storage.models import IncidentType

PLAYBOOKS_PATH = Path(__file__).with_name("playbooks.yml")
# The policies that are one municipality's guideline; `default` is their union.
GUIDELINE_POLICIES: tuple[str, ...] = tuple(p for p in POLICY_NAMES if p != "default")

Owner = Literal["manager", "pr", "infosec"]
Office = Literal["pr", "infosec"]

_STEP_ID = re.compile(r"^[a-z][a-z0-9-]{1,40}$")
_PLACEHOLDERS = frozenset({"organization", "handle", "url"})
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(_Strict):
    clause: str = Field(min_length=1)
    quote: str = Field(min_length=4)


class Step(_Strict):
    id: str
    title: str = Field(min_length=1, max_length=60)
    description: str = Field(min_length=1)
    owner: Owner
    template: str | None = None
    citations: dict[str, tuple[Citation, ...]]

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not _STEP_ID.match(value):
            raise ValueError(f"step id {value!r}: lower-case letters, digits and hyphens")
        return value

    @field_validator("template")
    @classmethod
    def _known_placeholders(cls, value: str | None) -> str | None:
        unknown = set(_PLACEHOLDER.findall(value or "")) - _PLACEHOLDERS
        if unknown:
            raise ValueError(f"template uses unknown placeholders {sorted(unknown)}")
        return value

    @model_validator(mode="after")
    def _every_policy_cited(self) -> Step:
        missing = [p for p in GUIDELINE_POLICIES if not self.citations.get(p)]
        unknown = sorted(set(self.citations) - set(GUIDELINE_POLICIES))
        if missing or unknown:
            raise ValueError(f"step {self.id}: citations missing for {missing}, unknown policies {unknown}")
        return self

    def citations_for(self, policy: str) -> list[tuple[str, Citation]]:
        """(policy, citation) pairs to show under ``policy``; `default` (the union) shows every guideline's."""
        policies = GUIDELINE_POLICIES if policy not in GUIDELINE_POLICIES else (policy,)
        return [(p, c) for p in policies for c in self.citations[p]]

    def render_template(self, *, organization: str, handle: str, url: str | None) -> str | None:
        if self.template is None:
            return None
        return self.template.format(organization=organization, handle=handle, url=url or "（URL）")


class Playbook(_Strict):
    label: str
    lead: Office
    steps: tuple[Step, ...] = Field(min_length=1, max_length=12)

    @model_validator(mode="after")
    def _unique_step_ids(self) -> Playbook:
        ids = [s.id for s in self.steps]
        if len(ids) != len(set(ids)):
            raise ValueError(f"duplicate step ids in {self.label}: {ids}")
        return self

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)


class ReportRoute(_Strict):
    service: str
    url: str
    in_app: str

    @field_validator("url")
    @classmethod
    def _https(cls, value: str) -> str:
        if not value.startswith("https://"):
            raise ValueError(f"report route {value!r} must be an https URL")
        return value


class Playbooks(_Strict):
    guidelines: dict[str, str]
    first_steps_shown: int = Field(ge=1, le=5)
    playbooks: dict[IncidentType, Playbook]
    impersonation_report_routes: dict[str, ReportRoute]

    @model_validator(mode="after")
    def _complete(self) -> Playbooks:
        problems = []
        if set(self.playbooks) != set(IncidentType):
            problems.append(f"playbooks for {sorted(self.playbooks)}, expected {sorted(IncidentType)}")
        if set(self.guidelines) != set(GUIDELINE_POLICIES):
            problems.append(f"guidelines for {sorted(self.guidelines)}, expected {sorted(GUIDELINE_POLICIES)}")
        if set(self.impersonation_report_routes) != set(PLATFORMS):
            problems.append(f"report routes for {sorted(self.impersonation_report_routes)}, expected {PLATFORMS}")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def for_type(self, incident_type: IncidentType | str) -> Playbook:
        return self.playbooks[IncidentType(incident_type)]

    def route(self, platform: str | None) -> ReportRoute | None:
        return self.impersonation_report_routes.get(platform or "")

    def guideline_name(self, policy: str) -> str | None:
        return self.guidelines.get(policy)


def parse(text: str) -> Playbooks:
    return Playbooks.model_validate(yaml.safe_load(text))


@functools.cache
def load(path: Path = PLAYBOOKS_PATH) -> Playbooks:
    """The playbooks, read and checked once per process."""
    return parse(path.read_text(encoding="utf-8"))


# --- The incident type as people write it ---------------------------------------------------------------

TYPE_ALIASES: dict[str, IncidentType] = {
    "flaming": IncidentType.FLAMING,
    "flame": IncidentType.FLAMING,
    "炎上": IncidentType.FLAMING,
    "impersonation": IncidentType.IMPERSONATION,
    "impersonate": IncidentType.IMPERSONATION,
    "なりすまし": IncidentType.IMPERSONATION,
    "成りすまし": IncidentType.IMPERSONATION,
    "成り済まし": IncidentType.IMPERSONATION,
    "hijack": IncidentType.HIJACK,
    "hijacked": IncidentType.HIJACK,
    "乗っ取り": IncidentType.HIJACK,
    "乗っとり": IncidentType.HIJACK,
    "のっとり": IncidentType.HIJACK,
    "乗取り": IncidentType.HIJACK,
}


def parse_type(value: str) -> IncidentType | None:
    """``炎上``, ``flaming``, ``FLAMING``, full-width ``ｆｌａｍｉｎｇ``... → the type; None if unknown."""
    return TYPE_ALIASES.get(unicodedata.normalize("NFKC", value).strip().casefold())
