using Hntt.Durable.Client;
using Microsoft.Extensions.Logging;

namespace Hntt.Durable.Worker;

/// <summary>What every partition of one worker shares.</summary>
internal sealed record WorkerContext(
    DurableTaskOptions Options,
    DurableTaskRegistry Registry,
    IServiceProvider Services,
    ILoggerFactory LoggerFactory,
    TimeProvider Time,
    string WorkerId,
    ActivityRunner Activities,
    InstanceChangeNotifier Notifier)
{
    /// <summary>Wakes a partition's loop if this worker owns it (set by the worker).</summary>
    public Action<int> Wake { get; set; } = _ => { };
}
