using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Hntt.App.Timers;

/// <summary>Where a schedule stands, kept in a blob as Functions' schedule monitor keeps it.</summary>
/// <param name="Last">The last occurrence fired.</param>
/// <param name="Next">The next occurrence due.</param>
/// <param name="LastUpdated">When this was written.</param>
public sealed record TimerStatus(DateTime? Last, DateTime Next, DateTime LastUpdated);

/// <summary>An occurrence this host fired.</summary>
public sealed record TimerFiring(string Job, DateTime OccurrenceUtc, DateTime FiredAtUtc, bool PastDue);

/// <summary>
/// Runs the timer triggers once per occurrence across every host. Each schedule's status is a blob in
/// <c>{hub}-timers</c>; the host that finds an occurrence due takes the blob's lease, checks again under it, starts
/// the job's orchestration and moves the status on, then lets go. Other hosts find the lease taken or the status
/// moved, and wait for the next occurrence. After downtime the missed occurrences fire once, marked past due (as
/// Functions does), not once each.
/// </summary>
internal sealed partial class TimerScheduler(IOptions<TimerOptions> options, BlobServiceClient blobs, DurableTaskClient client, IOptions<Hntt.TaskHub.TaskHubOptions> durable,
    TimeProvider time, ILogger<TimerScheduler> logger) : BackgroundService
{
    static readonly TimeSpan LeaseFor = TimeSpan.FromSeconds(30);
    static readonly TimeSpan PastDueAfter = TimeSpan.FromMinutes(1);
    readonly ConcurrentQueue<TimerFiring> fired = new();
    readonly ConcurrentQueue<(string Job, DateTime AtUtc)> checks = new();
    readonly BlobContainerClient container = blobs.GetBlobContainerClient($"{durable.Value.HubName.ToLowerInvariant()}-timers");

    /// <summary>What this host fired, for diagnostics and tests.</summary>
    public IReadOnlyList<TimerFiring> Fired => [.. fired];

    /// <summary>When this host looked at each schedule (whether or not it fired), for tests to know every host has had its turn.</summary>
    public IReadOnlyList<(string Job, DateTime AtUtc)> Checks => [.. checks];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var enabled = options.Value.Schedules.Where(s => !s.Value.Disabled).ToDictionary();
        if (enabled.Count == 0)
        {
            return;
        }

        await container.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
        var next = enabled.Keys.ToDictionary(job => job, _ => DateTime.MinValue);
        foreach (var (job, schedule) in enabled.Where(s => s.Value.RunOnStartup))
        {
            await FireAsync(job, time.GetUtcNow().UtcDateTime, pastDue: false, stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            DateTime now = time.GetUtcNow().UtcDateTime;
            foreach (string job in next.Keys.Where(j => now >= next[j]).ToList())
            {
                try
                {
                    next[job] = await CheckAsync(job, now, stoppingToken);
                    checks.Enqueue((job, now));
                }
                catch (RequestFailedException ex)
                {
                    CheckFailed(logger, job, ex.ErrorCode);
                    next[job] = now + TimeSpan.FromSeconds(15); // storage unreachable for a moment: look again soon
                }
            }

            TimeSpan wait = next.Values.Min() - time.GetUtcNow().UtcDateTime;
            await Task.Delay(wait > TimeSpan.Zero ? Min(wait, TimeSpan.FromMinutes(5)) : TimeSpan.Zero, time, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Fires the job if its occurrence is due and no other host has; returns when to look next.</summary>
    async Task<DateTime> CheckAsync(string job, DateTime now, CancellationToken cancellationToken)
    {
        BlobClient blob = container.GetBlobClient(job.ToLowerInvariant());
        TimerStatus? status = await ReadAsync(blob, cancellationToken);
        if (status is null)
        {
            var first = new TimerStatus(null, options.Value.NextAfter(job, now), now);
            try
            {
                await blob.UploadAsync(BinaryData.FromObjectAsJson(first), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
                return first.Next;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                status = await ReadAsync(blob, cancellationToken) ?? first; // another host wrote it first
            }
        }

        if (now < status.Next)
        {
            return status.Next;
        }

        BlobLeaseClient lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(LeaseFor, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return options.Value.NextAfter(job, now); // another host holds it and is firing this occurrence
        }

        try
        {
            status = await ReadAsync(blob, cancellationToken) ?? status;
            DateTime occurrence = status.Next;
            if (now >= occurrence)
            {
                await FireAsync(job, occurrence, pastDue: now - occurrence > PastDueAfter, cancellationToken);
                status = new TimerStatus(occurrence, options.Value.NextAfter(job, now), now);
                await blob.UploadAsync(BinaryData.FromObjectAsJson(status),
                    new BlobUploadOptions { Conditions = new BlobRequestConditions { LeaseId = lease.LeaseId } }, cancellationToken);
            }

            return status.Next;
        }
        finally
        {
            await lease.ReleaseAsync(cancellationToken: CancellationToken.None);
        }
    }

    async Task FireAsync(string job, DateTime occurrence, bool pastDue, CancellationToken cancellationToken)
    {
        await ScheduledJobs.StartAsync(client, job, occurrence, pastDue, cancellationToken);
        fired.Enqueue(new TimerFiring(job, occurrence, time.GetUtcNow().UtcDateTime, pastDue));
        LogFired(logger, job, occurrence, pastDue);
    }

    static async Task<TimerStatus?> ReadAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            BlobDownloadResult content = (await blob.DownloadContentAsync(cancellationToken)).Value;
            return content.Content.ToObjectFromJson<TimerStatus>(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(3000, LogLevel.Information, "Timer {Job} fired for {Occurrence:o} (past due: {PastDue})")]
    static partial void LogFired(ILogger logger, string job, DateTime occurrence, bool pastDue);

    [LoggerMessage(3001, LogLevel.Warning, "Timer {Job} could not be checked: {Reason}")]
    static partial void CheckFailed(ILogger logger, string job, string? reason);
}
