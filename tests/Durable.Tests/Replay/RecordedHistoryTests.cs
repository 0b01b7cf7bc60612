using Hntt.Durable.Testing;

namespace Hntt.Durable.Tests.Replay;

/// <summary>Recorded histories replay against the current code: a change that would break running instances fails here, not in production (ADF#2955).</summary>
public sealed class RecordedHistoryTests
{
    public static TheoryData<string> Histories() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Replay", "Histories"), "*.json").Select(f => Path.GetFileName(f))];

    static IReadOnlyList<HistoryEvent> Load(string file) =>
        OrchestrationReplayer.Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Replay", "Histories", file)));

    [Theory]
    [MemberData(nameof(Histories))]
    public void Recorded_history_replays_to_its_recorded_end(string file)
    {
        IReadOnlyList<HistoryEvent> history = Load(file);

        OrchestrationRuntimeStatus status = OrchestrationReplayer.Replay(ReminderLadder.Register(new DurableTaskRegistry()), history);

        Assert.Equal(history.OfType<ExecutionCompleted>().Single().Status, status);
    }

    [Fact]
    public void A_reordered_orchestrator_is_caught_before_it_ships()
    {
        IReadOnlyList<HistoryEvent> history = Load("reminder-escalated.json");
        DurableTaskRegistry changed = new DurableTaskRegistry()
            .AddActivityFunc<string, bool>("Notify", (_, _) => Task.FromResult(true))
            .AddOrchestratorFunc<string, string>(nameof(ReminderLadder), async (ctx, site) =>
            {
                await ctx.CallActivityAsync("Notify", site);
                await ctx.CallActivityAsync("Notify", "a new second notice"); // inserted where the history has a timer
                return await ctx.WaitForExternalEvent<string>("TestResult");
            });

        var error = Assert.Throws<NonDeterministicOrchestrationException>(() => OrchestrationReplayer.Replay(changed, history));
        Assert.Contains("CreateTimer (task #1)", error.Message, StringComparison.Ordinal);
        Assert.Contains("CallActivity 'Notify' (task #1)", error.Message, StringComparison.Ordinal);
    }
}
