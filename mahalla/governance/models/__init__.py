"""Bodies that meet and decide, and the decisions a named organisation must carry out by a
date: work calendars with their holidays, body types with composition rules, bodies and
their members, meetings with attendance and minutes, resolutions with responsible
organisations, deadlines, progress reports and escalations, and the notices they send."""

from mahalla.governance.models.bodies import Body, BodyType, Membership, SeatRule
from mahalla.governance.models.calendars import Holiday, WorkCalendar
from mahalla.governance.models.documents import (
    Action,
    ApprovalDecision,
    ApprovalLevel,
    ApprovalScheme,
    DevelopmentDocument,
    Need,
    NeedVote,
)
from mahalla.governance.models.elections import Ballot, Candidate, Election, Voter
from mahalla.governance.models.meetings import Attendance, Meeting, MeetingAttachment
from mahalla.governance.models.notices import FeedToken, Notice
from mahalla.governance.models.resolutions import (
    EscalationRun,
    ProgressReport,
    Resolution,
)

__all__ = [
    "Ballot",
    "Candidate",
    "Election",
    "Voter",
    "Action",
    "ApprovalDecision",
    "ApprovalLevel",
    "ApprovalScheme",
    "DevelopmentDocument",
    "Need",
    "NeedVote",
    "Attendance",
    "Body",
    "BodyType",
    "EscalationRun",
    "FeedToken",
    "Holiday",
    "Meeting",
    "MeetingAttachment",
    "Membership",
    "Notice",
    "ProgressReport",
    "Resolution",
    "SeatRule",
    "WorkCalendar",
]
