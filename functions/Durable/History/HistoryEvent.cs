using System.Text.Json.Serialization;

namespace Hntt.Durable;

/// <summary>One entry of an orchestration's event-sourced history; the Durable Task Framework's event names.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(OrchestratorStarted), nameof(OrchestratorStarted))]
[JsonDerivedType(typeof(ExecutionStarted), nameof(ExecutionStarted))]
[JsonDerivedType(typeof(ExecutionCompleted), nameof(ExecutionCompleted))]
[JsonDerivedType(typeof(ExecutionTerminated), nameof(ExecutionTerminated))]
[JsonDerivedType(typeof(ExecutionSuspended), nameof(ExecutionSuspended))]
[JsonDerivedType(typeof(ExecutionResumed), nameof(ExecutionResumed))]
[JsonDerivedType(typeof(TaskScheduled), nameof(TaskScheduled))]
[JsonDerivedType(typeof(TaskCompleted), nameof(TaskCompleted))]
[JsonDerivedType(typeof(TaskFailed), nameof(TaskFailed))]
[JsonDerivedType(typeof(TimerCreated), nameof(TimerCreated))]
[JsonDerivedType(typeof(TimerFired), nameof(TimerFired))]
[JsonDerivedType(typeof(SubOrchestrationCreated), nameof(SubOrchestrationCreated))]
[JsonDerivedType(typeof(SubOrchestrationCompleted), nameof(SubOrchestrationCompleted))]
[JsonDerivedType(typeof(SubOrchestrationFailed), nameof(SubOrchestrationFailed))]
[JsonDerivedType(typeof(EventRaised), nameof(EventRaised))]
public abstract record HistoryEvent;

/// <summary>Starts each step: the time <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/> shows during it.</summary>
public sealed record OrchestratorStarted(DateTime Timestamp) : HistoryEvent;

/// <summary>An execution began.</summary>
public sealed record ExecutionStarted(string Name, string ExecutionId, string? Input, ParentOrchestrationInstance? Parent = null) : HistoryEvent;

/// <summary>An execution ended: Completed, Failed or ContinuedAsNew (then <paramref name="Result"/> is the next input).</summary>
public sealed record ExecutionCompleted(OrchestrationRuntimeStatus Status, string? Result, TaskFailureDetails? Failure = null) : HistoryEvent;

/// <summary>A terminate request ended the execution.</summary>
public sealed record ExecutionTerminated(string? Reason) : HistoryEvent;

/// <summary>A suspend request paused the execution; later events wait.</summary>
public sealed record ExecutionSuspended(string? Reason) : HistoryEvent;

/// <summary>A resume request restarted delivery of events.</summary>
public sealed record ExecutionResumed(string? Reason) : HistoryEvent;

/// <summary>The orchestrator scheduled an activity.</summary>
public sealed record TaskScheduled(int TaskId, string Name, string? Input) : HistoryEvent;

/// <summary>An activity returned.</summary>
public sealed record TaskCompleted(int TaskScheduledId, string? Result) : HistoryEvent;

/// <summary>An activity threw.</summary>
public sealed record TaskFailed(int TaskScheduledId, TaskFailureDetails Failure) : HistoryEvent;

/// <summary>The orchestrator created a durable timer.</summary>
public sealed record TimerCreated(int TaskId, DateTime FireAt) : HistoryEvent;

/// <summary>A durable timer fired.</summary>
public sealed record TimerFired(int TimerId, DateTime FireAt) : HistoryEvent;

/// <summary>The orchestrator started a sub-orchestration.</summary>
public sealed record SubOrchestrationCreated(int TaskId, string Name, string InstanceId, string ExecutionId, string? Input) : HistoryEvent;

/// <summary>A sub-orchestration completed.</summary>
public sealed record SubOrchestrationCompleted(int TaskScheduledId, string? Result) : HistoryEvent;

/// <summary>A sub-orchestration failed or was terminated.</summary>
public sealed record SubOrchestrationFailed(int TaskScheduledId, TaskFailureDetails Failure) : HistoryEvent;

/// <summary>An external event arrived.</summary>
public sealed record EventRaised(string Name, string? Input) : HistoryEvent;
