using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Hntt.Functions.Workflow;

/// <summary>
/// Runs the application's orchestrator and activity classes — the ones the local host registers on its task hub —
/// inside the Durable Functions triggers: an orchestrator as it is (they hold no state and take no services), an
/// activity built from the function's services, each with the input the trigger carries.
/// </summary>
internal static class WorkflowRunner
{
    public static Task<TOutput> RunOrchestrator<TOrchestrator, TInput, TOutput>(TaskOrchestrationContext context)
        where TOrchestrator : TaskOrchestrator<TInput, TOutput>, new() =>
        new TOrchestrator().RunAsync(context, context.GetInput<TInput>()!);

    public static Task<TOutput> RunActivity<TActivity, TInput, TOutput>(TInput input, string instanceId, FunctionContext function)
        where TActivity : TaskActivity<TInput, TOutput> =>
        ActivatorUtilities.CreateInstance<TActivity>(function.InstanceServices).RunAsync(new ActivityContext(typeof(TActivity).Name, instanceId), input);

    sealed class ActivityContext(TaskName name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name { get; } = name;

        public override string InstanceId { get; } = instanceId;
    }
}
