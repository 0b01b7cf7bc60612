using Hntt.App.Timers;
using Hntt.Functions.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Hntt.Functions.Timers;

/// <summary>
/// The timer triggers. Each schedule is an app setting in UTC (<c>{Job}ScheduleUtc</c>): Functions on Linux reads
/// timers in UTC whatever <c>WEBSITE_TIME_ZONE</c> says, so the settings are host.json's schedules on the province's
/// clock shifted to UTC, and the worker refuses to start when one disagrees (<see cref="UtcScheduleSettings"/>). The
/// host fires each occurrence on one instance only; the job starts as the same orchestration the local host starts.
/// </summary>
public sealed class TimerFunctions(BoundDurableClient durable, TimeProvider time)
{
    [Function(ScheduledJobs.MorningDigest)]
    public Task MorningDigest([TimerTrigger("%MorningDigestScheduleUtc%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        StartAsync(ScheduledJobs.MorningDigest, timer, client, cancellationToken);

    [Function(ScheduledJobs.ReadinessSweep)]
    public Task ReadinessSweep([TimerTrigger("%ReadinessSweepScheduleUtc%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        StartAsync(ScheduledJobs.ReadinessSweep, timer, client, cancellationToken);

    [Function(ScheduledJobs.RegistryCheck)]
    public Task RegistryCheck([TimerTrigger("%RegistryCheckScheduleUtc%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        StartAsync(ScheduledJobs.RegistryCheck, timer, client, cancellationToken);

    [Function(ScheduledJobs.YearEndReport)]
    public Task YearEndReport([TimerTrigger("%YearEndReportScheduleUtc%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        StartAsync(ScheduledJobs.YearEndReport, timer, client, cancellationToken);

    // The occurrence is the one the host's schedule monitor had due (its Next, when that has come); without a monitor,
    // the minute it fired. Its instance id makes a second firing of the same occurrence a no-op.
    Task StartAsync(string job, TimerInfo timer, DurableTaskClient client, CancellationToken cancellationToken)
    {
        durable.Bind(client);
        DateTime now = time.GetUtcNow().UtcDateTime;
        DateTime occurrence = timer.ScheduleStatus?.Next is { } due && AsUtc(due) <= now.AddMinutes(1)
            ? AsUtc(due)
            : new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
        return ScheduledJobs.StartAsync(durable, job, occurrence, timer.IsPastDue, cancellationToken);
    }

    static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc), // the host's clock is UTC
    };
}
