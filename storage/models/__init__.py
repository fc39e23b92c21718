"""Every table goalbot keeps in PostgreSQL; `Base.metadata` is what Alembic compares against."""

from storage.models.access import TOKEN_SCOPES, ApiToken
from storage.models.base import Base
from storage.models.conversations import JournalEntry, Message, SafetyEvent
from storage.models.goals import CHECKIN_STATUSES, GOAL_STATUSES, Checkin, Goal, Habit, Subgoal
from storage.models.groups import GroupBoard, GroupChallenge, GroupChallengeParticipant
from storage.models.inbox import InboxLane, OutboxItem, TelegramUpdate
from storage.models.mentoring import (
    MentorInteraction,
    MentorInvite,
    MentorNote,
    PlanSuggestion,
    RiskAlert,
)
from storage.models.ops import (
    Erasure,
    JobRun,
    ModelCall,
    ReminderSent,
    SlackRequestSeen,
    SyncChange,
    SyncDeletion,
    SyncRun,
    SyncWatermark,
)
from storage.models.people import SHARE_LEVELS, Group, GroupMembership, Mentor, User

__all__ = [
    "CHECKIN_STATUSES",
    "GOAL_STATUSES",
    "SHARE_LEVELS",
    "TOKEN_SCOPES",
    "ApiToken",
    "Base",
    "Checkin",
    "Erasure",
    "Goal",
    "Group",
    "GroupBoard",
    "GroupChallenge",
    "GroupChallengeParticipant",
    "GroupMembership",
    "Habit",
    "InboxLane",
    "JobRun",
    "JournalEntry",
    "Mentor",
    "MentorInteraction",
    "MentorInvite",
    "MentorNote",
    "Message",
    "ModelCall",
    "OutboxItem",
    "PlanSuggestion",
    "ReminderSent",
    "RiskAlert",
    "SafetyEvent",
    "SlackRequestSeen",
    "Subgoal",
    "SyncChange",
    "SyncDeletion",
    "SyncRun",
    "SyncWatermark",
    "TelegramUpdate",
    "User",
]
