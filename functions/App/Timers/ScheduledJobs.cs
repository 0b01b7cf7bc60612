using Microsoft.DurableTask;

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
}

/// <summary>Runs one occurrence of a job with retries; the result says what it did.</summary>
internal sealed class ScheduledJobOrchestration : TaskOrchestrator<ScheduledJobInput, string>
{
    static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(10), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(5)));

    public override Task<string> RunAsync(TaskOrchestrationContext context, ScheduledJobInput input) =>
        context.CallActivityAsync<string>($"{input.Job}Activity", input, Retry);
}
