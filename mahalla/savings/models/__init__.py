"""Community savings and loans on an append-only double-entry ledger."""

from mahalla.savings.models.groups import ClosedPeriod, CommitteeTerm, SavingsGroup, SavingsMember
from mahalla.savings.models.ledger import Account, Entry, Transaction
from mahalla.savings.models.loans import Instalment, Loan
from mahalla.savings.models.meetings import GroupMeeting, MeetingAttendance
from mahalla.savings.models.products import FineRule, LoanProduct, SavingsProduct, WelfareBenefit
from mahalla.savings.models.runs import BooksCheckRun

__all__ = [
    "Account",
    "BooksCheckRun",
    "ClosedPeriod",
    "CommitteeTerm",
    "Entry",
    "FineRule",
    "GroupMeeting",
    "Instalment",
    "Loan",
    "LoanProduct",
    "MeetingAttendance",
    "SavingsGroup",
    "SavingsMember",
    "SavingsProduct",
    "Transaction",
    "WelfareBenefit",
]
