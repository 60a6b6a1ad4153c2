"""Contains all the data models used in inputs/outputs"""

from .agent import Agent
from .agent_create_params import AgentCreateParams
from .agent_envelope import AgentEnvelope
from .agent_page import AgentPage
from .agent_page_envelope import AgentPageEnvelope
from .agent_status import AgentStatus
from .agent_status_envelope import AgentStatusEnvelope
from .agent_status_info import AgentStatusInfo
from .agent_type import AgentType
from .agent_update_params import AgentUpdateParams
from .api_error import ApiError
from .empty_envelope import EmptyEnvelope
from .error_envelope import ErrorEnvelope
from .health import Health
from .health_check import HealthCheck
from .health_checks import HealthChecks
from .health_status import HealthStatus
from .metadata import Metadata
from .pagination import Pagination
from .retry_policy import RetryPolicy
from .task import Task
from .task_batch_envelope import TaskBatchEnvelope
from .task_batch_item import TaskBatchItem
from .task_batch_params import TaskBatchParams
from .task_batch_result import TaskBatchResult
from .task_cancel_params import TaskCancelParams
from .task_config import TaskConfig
from .task_envelope import TaskEnvelope
from .task_error import TaskError
from .task_page import TaskPage
from .task_page_envelope import TaskPageEnvelope
from .task_priority import TaskPriority
from .task_result import TaskResult
from .task_result_status import TaskResultStatus
from .task_status import TaskStatus
from .task_submit_params import TaskSubmitParams

__all__ = (
    "Agent",
    "AgentCreateParams",
    "AgentEnvelope",
    "AgentPage",
    "AgentPageEnvelope",
    "AgentStatus",
    "AgentStatusEnvelope",
    "AgentStatusInfo",
    "AgentType",
    "AgentUpdateParams",
    "ApiError",
    "EmptyEnvelope",
    "ErrorEnvelope",
    "Health",
    "HealthCheck",
    "HealthChecks",
    "HealthStatus",
    "Metadata",
    "Pagination",
    "RetryPolicy",
    "Task",
    "TaskBatchEnvelope",
    "TaskBatchItem",
    "TaskBatchParams",
    "TaskBatchResult",
    "TaskCancelParams",
    "TaskConfig",
    "TaskEnvelope",
    "TaskError",
    "TaskPage",
    "TaskPageEnvelope",
    "TaskPriority",
    "TaskResult",
    "TaskResultStatus",
    "TaskStatus",
    "TaskSubmitParams",
)
