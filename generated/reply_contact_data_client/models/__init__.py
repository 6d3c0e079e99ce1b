"""Contains all the data models used in inputs/outputs"""

from .account_company_size import AccountCompanySize
from .account_filter_condition import AccountFilterCondition
from .account_filter_property import AccountFilterProperty
from .add_contact_note_request import AddContactNoteRequest
from .background_job import BackgroundJob
from .background_job_cancel_request import BackgroundJobCancelRequest
from .background_job_list_item import BackgroundJobListItem
from .background_job_page import BackgroundJobPage
from .background_job_status import BackgroundJobStatus
from .bulk_delete_request import BulkDeleteRequest
from .business_problem import BusinessProblem
from .call_status import CallStatus
from .change_contacts_owner_request import ChangeContactsOwnerRequest
from .change_contacts_owner_result import ChangeContactsOwnerResult
from .contact import Contact
from .contact_account import ContactAccount
from .contact_account_bulk_create_request import ContactAccountBulkCreateRequest
from .contact_account_bulk_delete_request import ContactAccountBulkDeleteRequest
from .contact_account_contact import ContactAccountContact
from .contact_account_contact_ids_request import ContactAccountContactIdsRequest
from .contact_account_contact_page import ContactAccountContactPage
from .contact_account_create_item_result import ContactAccountCreateItemResult
from .contact_account_create_request import ContactAccountCreateRequest
from .contact_account_details import ContactAccountDetails
from .contact_account_filter_item import ContactAccountFilterItem
from .contact_account_filter_request import ContactAccountFilterRequest
from .contact_account_list import ContactAccountList
from .contact_account_list_account_ids_request import ContactAccountListAccountIdsRequest
from .contact_account_list_create_request import ContactAccountListCreateRequest
from .contact_account_list_page import ContactAccountListPage
from .contact_account_list_update_request import ContactAccountListUpdateRequest
from .contact_account_owner_update_request import ContactAccountOwnerUpdateRequest
from .contact_account_page import ContactAccountPage
from .contact_account_stage import ContactAccountStage
from .contact_account_update_request import ContactAccountUpdateRequest
from .contact_activity import ContactActivity
from .contact_activity_content import ContactActivityContent
from .contact_activity_page import ContactActivityPage
from .contact_company_size import ContactCompanySize
from .contact_company_size_response import ContactCompanySizeResponse
from .contact_create_request import ContactCreateRequest
from .contact_custom_field import ContactCustomField
from .contact_custom_field_create import ContactCustomFieldCreate
from .contact_custom_field_update import ContactCustomFieldUpdate
from .contact_filter_count_request import ContactFilterCountRequest
from .contact_filter_request import ContactFilterRequest
from .contact_filter_rule import ContactFilterRule
from .contact_ids_request import ContactIdsRequest
from .contact_inbox_thread import ContactInboxThread
from .contact_inbox_thread_page import ContactInboxThreadPage
from .contact_list import ContactList
from .contact_list_create_request import ContactListCreateRequest
from .contact_list_page import ContactListPage
from .contact_list_reference import ContactListReference
from .contact_list_update_request import ContactListUpdateRequest
from .contact_page import ContactPage
from .contact_patch_request import ContactPatchRequest
from .contact_sequence_membership import ContactSequenceMembership
from .contact_sequence_status import ContactSequenceStatus
from .contact_statuses import ContactStatuses
from .contacts_import_item import ContactsImportItem
from .contacts_import_item_result import ContactsImportItemResult
from .contacts_import_keys import ContactsImportKeys
from .contacts_import_options import ContactsImportOptions
from .contacts_import_request import ContactsImportRequest
from .contacts_import_response import ContactsImportResponse
from .count_result import CountResult
from .custom_field import CustomField
from .custom_field_create_request import CustomFieldCreateRequest
from .custom_field_type import CustomFieldType
from .custom_field_update_request import CustomFieldUpdateRequest
from .direct_linked_in_action_type import DirectLinkedInActionType
from .direct_linked_in_error_code import DirectLinkedInErrorCode
from .direct_linked_in_problem import DirectLinkedInProblem
from .direct_linked_in_send_limit_code import DirectLinkedInSendLimitCode
from .direct_linked_in_send_limit_problem import DirectLinkedInSendLimitProblem
from .direct_linked_in_send_result import DirectLinkedInSendResult
from .email_disposition import EmailDisposition
from .email_provider import EmailProvider
from .identity_problem import IdentityProblem
from .import_item_status import ImportItemStatus
from .inbox_channel import InboxChannel
from .inbox_thread_category import InboxThreadCategory
from .inbox_thread_sequence import InboxThreadSequence
from .inbox_thread_state import InboxThreadState
from .inbox_thread_status import InboxThreadStatus
from .meeting_status import MeetingStatus
from .move_contact_to_sequence_request import MoveContactToSequenceRequest
from .not_processed_item_map import NotProcessedItemMap
from .not_processed_item_result import NotProcessedItemResult
from .phone_status import PhoneStatus
from .problem_details import ProblemDetails
from .problem_extensions import ProblemExtensions
from .send_direct_email_request import SendDirectEmailRequest
from .send_direct_email_result import SendDirectEmailResult
from .send_direct_email_status import SendDirectEmailStatus
from .send_direct_linked_in_ai_voice_request import SendDirectLinkedInAiVoiceRequest
from .send_direct_linked_in_connect_request import SendDirectLinkedInConnectRequest
from .send_direct_linked_in_in_mail_request import SendDirectLinkedInInMailRequest
from .send_direct_linked_in_message_request import SendDirectLinkedInMessageRequest
from .send_direct_linked_in_voice_request import SendDirectLinkedInVoiceRequest
from .sequence_step_info import SequenceStepInfo
from .set_contacts_bounced_request import SetContactsBouncedRequest
from .set_contacts_opted_out_request import SetContactsOptedOutRequest
from .set_contacts_replied_request import SetContactsRepliedRequest
from .set_contacts_status_in_sequence_request import SetContactsStatusInSequenceRequest
from .sort_direction import SortDirection
from .status_in_sequence import StatusInSequence
from .team_resolution_code import TeamResolutionCode
from .team_summary import TeamSummary
from .user_resolution_code import UserResolutionCode
from .validation_error import ValidationError
from .validation_problem import ValidationProblem
from .who_am_i import WhoAmI
from .workspace_problem_code import WorkspaceProblemCode
from .writable_status_in_sequence import WritableStatusInSequence

__all__ = (
    "AccountCompanySize",
    "AccountFilterCondition",
    "AccountFilterProperty",
    "AddContactNoteRequest",
    "BackgroundJob",
    "BackgroundJobCancelRequest",
    "BackgroundJobListItem",
    "BackgroundJobPage",
    "BackgroundJobStatus",
    "BulkDeleteRequest",
    "BusinessProblem",
    "CallStatus",
    "ChangeContactsOwnerRequest",
    "ChangeContactsOwnerResult",
    "Contact",
    "ContactAccount",
    "ContactAccountBulkCreateRequest",
    "ContactAccountBulkDeleteRequest",
    "ContactAccountContact",
    "ContactAccountContactIdsRequest",
    "ContactAccountContactPage",
    "ContactAccountCreateItemResult",
    "ContactAccountCreateRequest",
    "ContactAccountDetails",
    "ContactAccountFilterItem",
    "ContactAccountFilterRequest",
    "ContactAccountList",
    "ContactAccountListAccountIdsRequest",
    "ContactAccountListCreateRequest",
    "ContactAccountListPage",
    "ContactAccountListUpdateRequest",
    "ContactAccountOwnerUpdateRequest",
    "ContactAccountPage",
    "ContactAccountStage",
    "ContactAccountUpdateRequest",
    "ContactActivity",
    "ContactActivityContent",
    "ContactActivityPage",
    "ContactCompanySize",
    "ContactCompanySizeResponse",
    "ContactCreateRequest",
    "ContactCustomField",
    "ContactCustomFieldCreate",
    "ContactCustomFieldUpdate",
    "ContactFilterCountRequest",
    "ContactFilterRequest",
    "ContactFilterRule",
    "ContactIdsRequest",
    "ContactInboxThread",
    "ContactInboxThreadPage",
    "ContactList",
    "ContactListCreateRequest",
    "ContactListPage",
    "ContactListReference",
    "ContactListUpdateRequest",
    "ContactPage",
    "ContactPatchRequest",
    "ContactSequenceMembership",
    "ContactSequenceStatus",
    "ContactsImportItem",
    "ContactsImportItemResult",
    "ContactsImportKeys",
    "ContactsImportOptions",
    "ContactsImportRequest",
    "ContactsImportResponse",
    "ContactStatuses",
    "CountResult",
    "CustomField",
    "CustomFieldCreateRequest",
    "CustomFieldType",
    "CustomFieldUpdateRequest",
    "DirectLinkedInActionType",
    "DirectLinkedInErrorCode",
    "DirectLinkedInProblem",
    "DirectLinkedInSendLimitCode",
    "DirectLinkedInSendLimitProblem",
    "DirectLinkedInSendResult",
    "EmailDisposition",
    "EmailProvider",
    "IdentityProblem",
    "ImportItemStatus",
    "InboxChannel",
    "InboxThreadCategory",
    "InboxThreadSequence",
    "InboxThreadState",
    "InboxThreadStatus",
    "MeetingStatus",
    "MoveContactToSequenceRequest",
    "NotProcessedItemMap",
    "NotProcessedItemResult",
    "PhoneStatus",
    "ProblemDetails",
    "ProblemExtensions",
    "SendDirectEmailRequest",
    "SendDirectEmailResult",
    "SendDirectEmailStatus",
    "SendDirectLinkedInAiVoiceRequest",
    "SendDirectLinkedInConnectRequest",
    "SendDirectLinkedInInMailRequest",
    "SendDirectLinkedInMessageRequest",
    "SendDirectLinkedInVoiceRequest",
    "SequenceStepInfo",
    "SetContactsBouncedRequest",
    "SetContactsOptedOutRequest",
    "SetContactsRepliedRequest",
    "SetContactsStatusInSequenceRequest",
    "SortDirection",
    "StatusInSequence",
    "TeamResolutionCode",
    "TeamSummary",
    "UserResolutionCode",
    "ValidationError",
    "ValidationProblem",
    "WhoAmI",
    "WorkspaceProblemCode",
    "WritableStatusInSequence",
)
