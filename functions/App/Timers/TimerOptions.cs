using Microsoft.Extensions.Options;
using NCrontab;

namespace Hntt.App.Timers;

/// <summary>One timer trigger: an NCRONTAB schedule with seconds, as Azure Functions writes it ("0 30 6 * * *").</summary>
public sealed class TimerSchedule
{
    /// <summary>Six fields: second minute hour day month day-of-week.</summary>
    public string Schedule { get; set; } = string.Empty;

    /// <summary>Fire once when the host starts, as Functions' runOnStartup.</summary>
    public bool RunOnStartup { get; set; }

    /// <summary>Not run on this host (Functions: <c>AzureWebJobs.{name}.Disabled</c>).</summary>
    public bool Disabled { get; set; }
}

/// <summary>
/// The timer triggers, from host.json's <c>timers</c> section: the schedules are read in <c>timeZone</c>
/// (Asia/Ho_Chi_Minh by default, as people at the PPC Office read clocks) and each names a job of <see cref="ScheduledJobs"/>.
/// </summary>
public sealed class TimerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "timers";

    /// <summary>The time zone schedules are read in.</summary>
    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";

    /// <summary>Job name → schedule.</summary>
    public Dictionary<string, TimerSchedule> Schedules { get; set; } = [];

    /// <summary>The next occurrence strictly after <paramref name="afterUtc"/>, in UTC.</summary>
    public DateTime NextAfter(string job, DateTime afterUtc)
    {
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        DateTime local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(afterUtc, DateTimeKind.Utc), zone);
        DateTime next = Parse(Schedules[job].Schedule).GetNextOccurrence(local);
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(next, DateTimeKind.Unspecified), zone);
    }

    internal static CrontabSchedule Parse(string expression) => CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
}

/// <summary>Stops the host at start on a bad schedule, naming the key.</summary>
internal sealed class TimerOptionsValidator : IValidateOptions<TimerOptions>
{
    public ValidateOptionsResult Validate(string? name, TimerOptions options)
    {
        var failures = new List<string>();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            failures.Add($"timers:timeZone: unknown time zone '{options.TimeZone}'.");
        }

        foreach (var (job, schedule) in options.Schedules)
        {
            if (!ScheduledJobs.Names.Contains(job))
            {
                failures.Add($"timers:schedules:{job}: no such job; jobs are {string.Join(", ", ScheduledJobs.Names)}.");
            }

            if (CrontabSchedule.TryParse(schedule.Schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true }) is null)
            {
                failures.Add($"timers:schedules:{job}:schedule: '{schedule.Schedule}' is not an NCRONTAB expression with six fields (second minute hour day month day-of-week).");
            }
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
