using System.Text.Json;
using DurableTask.Core.Exceptions;
using Grpc.Core;
using Hntt.App.Timers;
using Hntt.Functions.Durable;
using Hntt.Functions.Timers;
using Hntt.Testing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Moq;
using NCrontab;

namespace Hntt.Functions.Tests;

/// <summary>
/// Functions on Linux reads timers in UTC: the app settings are host.json's schedules on Vietnam's clock, shifted —
/// 07:00 in Asia/Ho_Chi_Minh fires at 00:00 UTC — and the timer functions start the same job orchestration the local host starts.
/// </summary>
public sealed class TimerFunctionTests
{
    static readonly TimeZoneInfo Vietnam = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    static readonly IReadOnlyDictionary<string, string> HostJsonSchedules = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")))
        .RootElement.GetProperty("timers").GetProperty("schedules").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty("schedule").GetString()!);

    static CrontabSchedule Parse(string expression) => CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });

    [Theory]
    [InlineData("0 0 7 * * 1", "0 0 0 * * 1")] // the weekly registry check: 07:00 Monday in Hà Nội is 00:00 Monday UTC
    [InlineData("0 0 7 * * *", "0 0 0 * * *")]
    [InlineData("0 30 6 * * *", "0 30 23 * * *")] // the morning digest: the evening before, in UTC
    [InlineData("0 0 6 * * 1", "0 0 23 * * 0")] // 06:00 Monday is 23:00 Sunday UTC
    [InlineData("0 0 8 1 12 *", "0 0 1 1 12 *")]
    [InlineData("0 */15 * * * *", "0 */15 * * * *")]
    [InlineData("0 0 */6 * * *", "0 0 5,11,17,23 * * *")]
    public void A_local_schedule_is_stated_in_UTC(string local, string utc) => Assert.Equal(utc, UtcSchedule.FromLocal(local, Vietnam));

    [Theory]
    [InlineData("0 0 6 1 * *")] // 06:00 on the 1st is the last day of the month before, in UTC
    [InlineData("0 0 5,9 * * 1")] // Monday 05:00 is Sunday in UTC, Monday 09:00 is Monday
    public void A_schedule_that_would_move_to_another_day_unevenly_is_refused(string local) =>
        Assert.Throws<ArgumentException>(() => UtcSchedule.FromLocal(local, Vietnam));

    [Fact]
    public void A_zone_with_daylight_saving_is_refused() =>
        Assert.Throws<ArgumentException>(() => UtcSchedule.FromLocal("0 0 7 * * *", TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")));

    [Fact]
    public void Every_host_json_schedule_fires_at_the_same_instants_in_UTC_for_two_years()
    {
        var from = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var (job, local) in HostJsonSchedules)
        {
            DateTime fromLocal = TimeZoneInfo.ConvertTimeFromUtc(from, Vietnam);
            DateTime[] expected = [.. Parse(local).GetNextOccurrences(fromLocal, fromLocal.AddYears(2)).Take(500)
                .Select(t => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(t, DateTimeKind.Unspecified), Vietnam))];
            DateTime[] actual = [.. Parse(UtcSchedule.FromLocal(local, Vietnam)).GetNextOccurrences(from, from.AddYears(2)).Take(500)];
            Assert.True(expected.Length > 1, $"{job} fires");
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void The_example_settings_hold_each_job_in_UTC_and_a_wrong_one_stops_the_worker_naming_both_values()
    {
        var options = new TimerOptions { Schedules = HostJsonSchedules.ToDictionary(p => p.Key, p => new TimerSchedule { Schedule = p.Value }) };
        IConfiguration example = new ConfigurationBuilder().AddInMemoryCollection(FunctionsApp.LocalSettings).Build();
        Assert.True(new UtcScheduleSettings(example).Validate(null, options).Succeeded);
        Assert.Equal("0 0 0 * * 1", example["RegistryCheckScheduleUtc"]);

        IConfiguration wrong = new ConfigurationBuilder().AddInMemoryCollection(FunctionsApp.LocalSettings)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["MorningDigestScheduleUtc"] = "0 30 6 * * *" }).Build();
        var result = new UtcScheduleSettings(wrong).Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("MorningDigestScheduleUtc: must be '0 30 23 * * *'", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("it is '0 30 6 * * *'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Function_Apps_settings_in_infra_hold_each_job_in_UTC()
    {
        string bicep = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "modules", "functionapp.bicep"));
        foreach (var (job, local) in HostJsonSchedules)
        {
            Assert.Contains($"{{ name: '{job}ScheduleUtc', value: '{UtcSchedule.FromLocal(local, Vietnam)}' }}", bicep, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_timer_starts_its_occurrence_once_through_the_bound_client()
    {
        var client = new Mock<DurableTaskClient>("functions-host");
        var due = new DateTime(2026, 12, 2, 23, 30, 0, DateTimeKind.Utc); // 06:30 on 3 December in Thanh Hóa
        var time = new FakeTimeProvider(due.AddSeconds(0.4));
        var functions = new TimerFunctions(new BoundDurableClient(), time);
        var timer = new TimerInfo { ScheduleStatus = new ScheduleStatus { Last = due.AddDays(-1), Next = due, LastUpdated = due.AddDays(-1) }, IsPastDue = false };
        client.SetupSequence(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync("timer-MorningDigest-20261202T233000")
            .ThrowsAsync(new RpcException(new Status(StatusCode.AlreadyExists, "An orchestration with this id exists."))); // the host fired it again

        await functions.MorningDigest(timer, client.Object, CancellationToken.None);
        await functions.MorningDigest(timer, client.Object, CancellationToken.None); // the gRPC refusal reads as "started already"

        client.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(new TaskName("ScheduledJobOrchestration"),
            It.Is<object?>(i => i is ScheduledJobInput && ((ScheduledJobInput)i).Job == ScheduledJobs.MorningDigest && ((ScheduledJobInput)i).OccurrenceUtc == due && !((ScheduledJobInput)i).PastDue),
            It.Is<StartOrchestrationOptions?>(o => o!.InstanceId == "timer-MorningDigest-20261202T233000"), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task A_bound_client_reports_a_taken_instance_id_as_the_local_client_does()
    {
        var host = new Mock<DurableTaskClient>("functions-host");
        host.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RpcException(new Status(StatusCode.AlreadyExists, "taken")));
        var bound = new BoundDurableClient();
        await Assert.ThrowsAsync<InvalidOperationException>(() => bound.GetInstanceAsync("m-1")); // nothing bound yet: said, not a null reference
        bound.Bind(host.Object);
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => bound.ScheduleNewOrchestrationInstanceAsync("MeetingOrchestration"));
    }
}
