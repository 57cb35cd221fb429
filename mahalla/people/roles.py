"""Roles and the permissions each one carries.

Permissions are code (views check them); which roles exist and what they allow is kept here
in one table so a reviewer can read the whole policy at once.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Perm:
    VIEW_AREA = "places.view_area"
    CHANGE_AREA = "places.change_area"
    IMPORT_BOUNDARIES = "places.import_boundaries"
    EXPORT_AREAS = "places.export_areas"
    VIEW_ORGANISATION = "people.view_organisation"
    CHANGE_ORGANISATION = "people.change_organisation"
    MANAGE_ROLES = "people.manage_roles"
    VIEW_HISTORY = "core.view_history"
    VIEW_PERSONAL_DATA = "core.view_personal_data"
    # The access log of personal data (who viewed, searched, exported what): for auditors
    # and administrators, in their scope; it names people, so no other role reads it.
    VIEW_ACCESS_LOG = "core.view_access_log"
    # Surveys: manage forms, campaigns and app users; send submissions; see, review and
    # export them. Surveyors hold SUBMIT only and see their own submissions.
    MANAGE_SURVEYS = "surveys.manage_surveys"
    SUBMIT = "surveys.submit"
    VIEW_SUBMISSIONS = "surveys.view_submissions"
    REVIEW_SUBMISSIONS = "surveys.review_submissions"
    EXPORT_SUBMISSIONS = "surveys.export_submissions"
    # Registry: settlement profiles and indicators (no personal data) are read by every role
    # in its scope; households and members also need VIEW_PERSONAL_DATA. CHANGE_REGISTRY
    # deletes, restores and merges records and edits forms' registry mappings.
    VIEW_REGISTRY = "registry.view_registry"
    CHANGE_REGISTRY = "registry.change_registry"
    # Governance: every role reads the bodies, meetings and resolutions of its scope (closed
    # minutes only as a member or a manager); MANAGE_GOVERNANCE runs bodies, meetings and
    # resolutions; REPORT_PROGRESS reports on resolutions (a focal point, on its
    # organisation's).
    VIEW_GOVERNANCE = "governance.view_governance"
    MANAGE_GOVERNANCE = "governance.manage_governance"
    REPORT_PROGRESS = "governance.report_progress"
    # Savings: the group's committee, programme staff and auditors read the books of their
    # scope (member balances are personal data: every read is in the access log); a
    # treasurer records; MANAGE_SAVINGS sets up groups, members and products, decides loans
    # and closes periods.
    VIEW_SAVINGS = "savings.view_savings"
    RECORD_SAVINGS = "savings.record_savings"
    MANAGE_SAVINGS = "savings.manage_savings"


# Permissions that a role held in an organisation grants in that organisation only, not in
# the organisation's area: a treasurer of one savings group does not keep the books of the
# other groups of the same community.
ORGANISATION_BOUND = frozenset({Perm.VIEW_SAVINGS, Perm.RECORD_SAVINGS, Perm.MANAGE_SAVINGS})


class Role(models.TextChoices):
    ADMIN = "admin", _("administrator")
    PROGRAMME_STAFF = "programme_staff", _("city/programme staff")
    DISTRICT_OFFICER = "district_officer", _("district officer")
    SURVEYOR = "surveyor", _("surveyor")
    COMMUNITY_LEADER = "community_leader", _("community leader")
    TREASURER = "treasurer", _("treasurer")
    BODY_SECRETARY = "body_secretary", _("body secretary")
    FOCAL_POINT = "focal_point", _("agency focal point")
    NEIGHBOURHOOD_MANAGER = "neighbourhood_manager", _("neighbourhood manager")
    FACILITATOR = "facilitator", _("facilitator")
    AUDITOR = "auditor", _("auditor / inspector")


_READ = {Perm.VIEW_AREA, Perm.VIEW_ORGANISATION, Perm.VIEW_REGISTRY, Perm.VIEW_GOVERNANCE}
_GOVERN = {Perm.MANAGE_GOVERNANCE, Perm.REPORT_PROGRESS}
_READ_EXPORT = _READ | {Perm.EXPORT_AREAS, Perm.VIEW_HISTORY}
_SURVEY_READ = {Perm.VIEW_SUBMISSIONS, Perm.EXPORT_SUBMISSIONS}
_SURVEY_REVIEW = _SURVEY_READ | {Perm.REVIEW_SUBMISSIONS, Perm.SUBMIT}
_SURVEY_ALL = _SURVEY_REVIEW | {Perm.MANAGE_SURVEYS}
_SAVINGS_ALL = {Perm.VIEW_SAVINGS, Perm.RECORD_SAVINGS, Perm.MANAGE_SAVINGS}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset(
        _READ_EXPORT
        | {
            Perm.CHANGE_AREA,
            Perm.IMPORT_BOUNDARIES,
            Perm.CHANGE_ORGANISATION,
            Perm.MANAGE_ROLES,
            Perm.VIEW_PERSONAL_DATA,
            Perm.CHANGE_REGISTRY,
            Perm.VIEW_ACCESS_LOG,
        }
        | _SURVEY_ALL
        | _GOVERN
        | _SAVINGS_ALL
    ),
    Role.PROGRAMME_STAFF: frozenset(
        _READ_EXPORT
        | {Perm.CHANGE_AREA, Perm.IMPORT_BOUNDARIES, Perm.VIEW_PERSONAL_DATA}
        | {Perm.CHANGE_REGISTRY}
        | _SURVEY_ALL
        | _GOVERN
        | {Perm.VIEW_SAVINGS, Perm.MANAGE_SAVINGS}
    ),
    Role.DISTRICT_OFFICER: frozenset(
        _READ_EXPORT
        | {Perm.CHANGE_AREA, Perm.IMPORT_BOUNDARIES, Perm.VIEW_PERSONAL_DATA}
        | {Perm.CHANGE_REGISTRY}
        | _SURVEY_ALL
        | _GOVERN
        | {Perm.VIEW_SAVINGS}
    ),
    Role.SURVEYOR: frozenset(_READ | {Perm.SUBMIT}),
    Role.COMMUNITY_LEADER: frozenset(
        _READ | {Perm.VIEW_PERSONAL_DATA, Perm.VIEW_SAVINGS, Perm.MANAGE_SAVINGS}
    ),
    Role.TREASURER: frozenset(_READ | {Perm.VIEW_SAVINGS, Perm.RECORD_SAVINGS}),
    Role.BODY_SECRETARY: frozenset(_READ_EXPORT | _GOVERN),
    Role.FOCAL_POINT: frozenset(_READ | {Perm.REPORT_PROGRESS}),
    Role.NEIGHBOURHOOD_MANAGER: frozenset(
        _READ_EXPORT | {Perm.VIEW_PERSONAL_DATA, Perm.CHANGE_REGISTRY} | _SURVEY_REVIEW | _GOVERN
    ),
    Role.FACILITATOR: frozenset(
        _READ_EXPORT
        | {Perm.VIEW_PERSONAL_DATA, Perm.CHANGE_REGISTRY, Perm.VIEW_SAVINGS}
        | _SURVEY_ALL
        | _GOVERN
    ),
    Role.AUDITOR: frozenset(
        _READ_EXPORT | _SURVEY_READ | {Perm.VIEW_ACCESS_LOG, Perm.VIEW_SAVINGS}
    ),
}


def roles_with(perm: str) -> list[str]:
    return [role for role, perms in ROLE_PERMISSIONS.items() if perm in perms]
