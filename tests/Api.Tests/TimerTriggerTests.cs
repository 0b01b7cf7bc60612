using Hntt.App.Timers;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Hntt.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

using Hntt.Testing.Service;

namespace Hntt.Api.Tests;

/// <summary>Timer triggers from host.json fire once per occurrence across every host, and catch up once after downtime.</summary>
public sealed class TimerTriggerTests : IAsyncLifetime
{
    AzuriteServer azurite = null!;

    // The weekly registry check made hourly for the test, the only job on (test hosts disable the others).
    static readonly Dictionary<string, string?> Hourly = new()
    {
        ["timers:schedules:RegistryCheck:schedule"] = "0 0 * * * *",
        ["timers:schedules:RegistryCheck:disabled"] = "false",
    };

    public async Task InitializeAsync() => azurite = await AzuriteServer.StartAsync();

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    static DateTime NextHour(DateTimeOffset now) => new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc).AddHours(1);

    static TimerScheduler Timers(ApiHost host) => host.Services.GetRequiredService<TimerScheduler>();

    static Task CheckedAsync(ApiHost host, DateTime at) => Eventually.HoldsAsync(
        () => Task.FromResult(Timers(host).Checks.Any(c => c.Job == ScheduledJobs.RegistryCheck && c.AtUtc >= at)), TimeSpan.FromSeconds(30), $"the host looked at {at:o}");

    [Fact]
    public async Task With_two_hosts_running_each_occurrence_fires_once()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using ApiHost first = await ApiHost.StartAsync(azurite, "twohosts", Hourly, time);
        await using ApiHost second = await ApiHost.StartAsync(azurite, "twohosts", Hourly, time);
        DateTime occurrence = NextHour(time.GetUtcNow());
        await CheckedAsync(first, time.GetUtcNow().UtcDateTime);
        await CheckedAsync(second, time.GetUtcNow().UtcDateTime);

        for (int hour = 0; hour < 3; hour++)
        {
            time.SetUtcNow(occurrence.AddHours(hour));
            await CheckedAsync(first, occurrence.AddHours(hour));
            await CheckedAsync(second, occurrence.AddHours(hour));
        }

        TimerFiring[] fired = [.. Timers(first).Fired.Concat(Timers(second).Fired).Where(f => f.Job == ScheduledJobs.RegistryCheck)];
        Assert.Equal([occurrence, occurrence.AddHours(1), occurrence.AddHours(2)], fired.Select(f => f.OccurrenceUtc).Order());
        Assert.All(fired, f => Assert.False(f.PastDue));
        DurableTaskClient client = first.Services.GetRequiredService<DurableTaskClient>();
        foreach (TimerFiring f in fired)
        {
            Assert.NotNull(await client.GetInstanceAsync($"timer-RegistryCheck-{f.OccurrenceUtc:yyyyMMddTHHmmss}"));
        }
    }

    [Fact]
    public async Task After_an_outage_the_missed_occurrences_fire_once_marked_past_due_and_the_job_runs()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        DateTime missed = NextHour(time.GetUtcNow());
        await using (ApiHost before = await ApiHost.StartAsync(azurite, "outage", Hourly, time))
        {
            await CheckedAsync(before, time.GetUtcNow().UtcDateTime); // the schedule is written: next due at the top of the hour
        }

        time.SetUtcNow(missed.AddHours(5).AddMinutes(20)); // down for five occurrences
        await using ApiHost after = await ApiHost.StartAsync(azurite, "outage", Hourly, time);
        await CheckedAsync(after, time.GetUtcNow().UtcDateTime);
        DurableTaskClient client = after.Services.GetRequiredService<DurableTaskClient>();
        string instance = $"timer-RegistryCheck-{missed:yyyyMMddTHHmmss}";
        // The stopped host's heartbeat ages only as the clock moves: step it on (short of the next hour) until this host owns the partitions and runs the job.
        await Eventually.HoldsAsync(async () =>
        {
            time.Advance(TimeSpan.FromSeconds(10));
            return time.GetUtcNow() < missed.AddHours(5).AddMinutes(55) && (await client.GetInstanceAsync(instance))?.IsCompleted == true;
        }, TimeSpan.FromSeconds(60), "the catch-up job ran");
        OrchestrationMetadata done = (await client.GetInstanceAsync(instance, getInputsAndOutputs: true))!;
        time.SetUtcNow(missed.AddHours(6));
        await CheckedAsync(after, missed.AddHours(6));

        TimerFiring catchUp = Timers(after).Fired[0];
        Assert.Equal((missed, true), (catchUp.OccurrenceUtc, catchUp.PastDue));
        Assert.True(done.ReadInputAs<ScheduledJobInput>()!.PastDue);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.EndsWith("sites incomplete", done.ReadOutputAs<string>(), StringComparison.Ordinal);
        Assert.Equal([(missed, true), (missed.AddHours(6), false)], Timers(after).Fired.Select(f => (f.OccurrenceUtc, f.PastDue)));
    }
}
