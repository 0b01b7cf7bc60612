using Hntt.App.Timers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Hntt.Functions.Timers;

/// <summary>
/// Checks at start that every timer's app setting (<c>{Job}ScheduleUtc</c>, which the Functions host schedules by) is
/// host.json's schedule for that job shifted to UTC — so a schedule changed in one place and not the other stops the
/// worker with both values named, instead of a digest arriving at 13:30.
/// </summary>
internal sealed class UtcScheduleSettings(IConfiguration configuration) : IValidateOptions<TimerOptions>
{
    /// <summary>The app setting holding a job's schedule in UTC.</summary>
    public static string SettingFor(string job) => $"{job}ScheduleUtc";

    public ValidateOptionsResult Validate(string? name, TimerOptions options)
    {
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var failures = new List<string>();
        foreach (var (job, schedule) in options.Schedules.Where(s => !s.Value.Disabled))
        {
            string expected = UtcSchedule.FromLocal(schedule.Schedule, zone);
            string? actual = configuration[SettingFor(job)];
            if (actual != expected)
            {
                failures.Add($"{SettingFor(job)}: must be '{expected}' (host.json timers:schedules:{job} '{schedule.Schedule}' in {options.TimeZone}, in UTC); it is '{actual ?? "(not set)"}'.");
            }
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
