using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Hntt.App.Timers;

/// <summary>What a timer trigger starts: the job, the occurrence, and whether it fired late (after downtime).</summary>
public sealed record ScheduledJobInput(string Job, DateTime OccurrenceUtc, bool PastDue);

/// <summary>The jobs the timers run; each is an activity named <c>{Job}Activity</c>.</summary>
public static class ScheduledJobs
{
    /// <summary>Every morning: the day's and the next day's meetings to DIC and PPC Office.</summary>
    public const string MorningDigest = nameof(MorningDigest);

    /// <summary>Meetings of the next day whose workflow stopped: ops are told.</summary>
    public const string ReadinessSweep = nameof(ReadinessSweep);

    /// <summary>Weekly: every site has two active technicians with phone and e-mail (TH Art. 8.2–8.3).</summary>
    public const string RegistryCheck = nameof(RegistryCheck);

    /// <summary>Year end: the effectiveness report is due (TH Art. 8.8, 12.2).</summary>
    public const string YearEndReport = nameof(YearEndReport);

    /// <summary>Every job.</summary>
    public static IReadOnlyList<string> Names { get; } = [MorningDigest, ReadinessSweep, RegistryCheck, YearEndReport];

    /// <summary>
    /// Starts one occurrence of a job as an orchestration, so it is retried and survives restarts. Its instance id
    /// names the occurrence, and an instance of that id in any state means it was started already: both hosts' timers
    /// call this, and an occurrence fired twice (a host stopped between starting it and recording it) runs once.
    /// </summary>
    /// <returns>The instance id.</returns>
    public static async Task<string> StartAsync(DurableTaskClient client, string job, DateTime occurrenceUtc, bool pastDue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        string instanceId = $"timer-{job}-{occurrenceUtc.ToString("yyyyMMddTHHmmss", CultureInfo.InvariantCulture)}";
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(ScheduledJobOrchestration), new ScheduledJobInput(job, occurrenceUtc, pastDue),
                new StartOrchestrationOptions(instanceId) { DedupeStatuses = OccurrenceStarted }, cancellationToken);
        }
        catch (DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException)
        {
            // Started already, whatever became of it.
        }

        return instanceId;
    }

    static readonly IReadOnlyList<string> OccurrenceStarted = Enum.GetNames<OrchestrationRuntimeStatus>();
}

/// <summary>Runs one occurrence of a job with retries; the result says what it did.</summary>
internal sealed class ScheduledJobOrchestration : TaskOrchestrator<ScheduledJobInput, string>
{
    static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(10), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(5)));

    public override Task<string> RunAsync(TaskOrchestrationContext context, ScheduledJobInput input) =>
        context.CallActivityAsync<string>($"{input.Job}Activity", input, Retry);
}
