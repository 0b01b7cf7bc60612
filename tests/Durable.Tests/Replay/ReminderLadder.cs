namespace Hntt.Durable.Tests.Replay;

/// <summary>
/// A sample of the meeting workflow's shape: notify, wait for a confirmation with a deadline, remind, then
/// escalate. Its recorded histories (Histories/*.json) must keep replaying as the runtime changes.
/// </summary>
public sealed class ReminderLadder : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string site)
    {
        await context.CallActivityAsync("Notify", $"Yêu cầu kiểm thử: {site}");
        try
        {
            return await context.WaitForExternalEvent<string>("TestResult", TimeSpan.FromHours(2));
        }
        catch (TaskCanceledException)
        {
            await context.CallActivityAsync("Notify", $"Nhắc lại: {site}");
        }

        try
        {
            return await context.WaitForExternalEvent<string>("TestResult", TimeSpan.FromHours(1));
        }
        catch (TaskCanceledException)
        {
            await context.CallActivityAsync("Escalate", site);
            return "escalated";
        }
    }

    public static DurableTaskRegistry Register(DurableTaskRegistry registry) => registry
        .AddOrchestrator<ReminderLadder>()
        .AddActivityFunc<string, bool>("Notify", (_, _) => Task.FromResult(true))
        .AddActivityFunc<string, bool>("Escalate", (_, _) => Task.FromResult(true));
}
