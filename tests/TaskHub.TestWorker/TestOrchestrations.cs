using Microsoft.DurableTask;

namespace Hntt.TaskHub.TestWorker;

/// <summary>Adds one to its input: the unit of work of the test chains.</summary>
public sealed class AddOne : TaskActivity<int, int>
{
    /// <inheritdoc/>
    public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input + 1);
}

/// <summary>Calls <see cref="AddOne"/> the given number of times in sequence, with a short durable timer halfway.</summary>
public sealed class CountingChain : TaskOrchestrator<int, int>
{
    /// <inheritdoc/>
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        int value = 0;
        for (int i = 0; i < input; i++)
        {
            value = await context.CallActivityAsync<int>(nameof(AddOne), value);
            if (i == input / 2)
            {
                await context.CreateTimer(TimeSpan.FromMilliseconds(200), CancellationToken.None);
            }
        }

        return value;
    }
}

/// <summary>Fans out to <see cref="AddOne"/> and sums the answers.</summary>
public sealed class FanOutSum : TaskOrchestrator<int, int>
{
    /// <inheritdoc/>
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        int[] results = await Task.WhenAll(Enumerable.Range(0, input).Select(i => context.CallActivityAsync<int>(nameof(AddOne), i)));
        return results.Sum();
    }
}

/// <summary>Waits for an <c>Append</c> event and returns its input with the event's text after it.</summary>
public sealed class AppendOnEvent : TaskOrchestrator<string, string>
{
    /// <inheritdoc/>
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        input + await context.WaitForExternalEvent<string>("Append");
}
