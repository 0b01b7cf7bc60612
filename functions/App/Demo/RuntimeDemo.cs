using System.Security.Claims;
using Hntt.App.Api.Security;
using Hntt.App.Meetings;
using Hntt.Domain.Meetings;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Hntt.App.Demo;

/// <summary>A small reminder workflow that local runs start, so a fresh machine shows orchestrations at work.</summary>
internal sealed class RuntimeDemo : TaskOrchestrator<int, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int reminders)
    {
        for (int i = 1; i <= reminders; i++)
        {
            await context.CreateTimer(TimeSpan.FromSeconds(20), CancellationToken.None);
            await context.CallActivityAsync(nameof(RecordReminder), i);
            context.SetCustomStatus(new { reminders = i });
        }

        return $"{reminders} reminders sent";
    }
}

/// <summary>Stands in for a notice: records that a reminder went out.</summary>
internal sealed class RecordReminder(ILogger<RecordReminder> logger) : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int input)
    {
        logger.ReminderRecorded(input, context.InstanceId);
        return Task.FromResult(input);
    }
}

/// <summary>Starts the demo instances when <c>Demo:Seed</c> is true (scripts/run sets it): reminders, and a Thanh Hóa meeting three days out.</summary>
internal sealed class DemoSeeder(DurableTaskClient client, MeetingService meetings, IConfiguration configuration, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue<bool>("Demo:Seed"))
        {
            return;
        }

        for (int i = 1; i <= 3; i++)
        {
            try
            {
                await client.ScheduleNewOrchestrationInstanceAsync(nameof(RuntimeDemo), i * 3, new StartOrchestrationOptions($"demo-{i}"), stoppingToken);
            }
            catch (DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException)
            {
                // Still running from an earlier start.
            }
        }

        // Submitted as a PPC Office coordinator would, through the same service the API and the pages use.
        DateTime thursday = VietnamTime.ToLocal(time.GetUtcNow().UtcDateTime).Date.AddDays(3).AddHours(8);
        var meeting = new MeetingRequest("th-ubnd", "Hội nghị giao ban trực tuyến UBND tỉnh (dữ liệu mẫu)", MeetingKind.Planned,
            thursday, thursday.AddHours(3.5), new SiteSelection(AllDistricts: true));
        var seeder = new Caller(new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "demo-seeder"), new Claim(Roles.RoleClaim, Roles.PpcOffice)], "demo")));
        await meetings.SubmitAsync(seeder, meeting, idempotencyKey: $"demo-giao-ban-{thursday:yyyyMMdd}", stoppingToken); // the same meeting on every restart
    }
}

internal static partial class DemoLogs
{
    [LoggerMessage(1000, LogLevel.Information, "Reminder {Number} of {InstanceId}")]
    public static partial void ReminderRecorded(this ILogger logger, int number, string instanceId);
}

internal static class DemoExtensions
{
    public static IServiceCollection AddDemoData(this IServiceCollection services) =>
        services.AddHostedService<DemoSeeder>();
}
