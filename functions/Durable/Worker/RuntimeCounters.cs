namespace Hntt.Durable.Worker;

/// <summary>Process-wide counts of the runtime's work, for benchmarks and metrics.</summary>
internal static class RuntimeCounters
{
    static long steps;
    static long finished;

    /// <summary>Instances that reached a final status in this process.</summary>
    public static long Finished => Interlocked.Read(ref finished);

    public static void AddFinished(int count) => Interlocked.Add(ref finished, count);

    /// <summary>Orchestration steps (episodes) committed in this process.</summary>
    public static long Steps => Interlocked.Read(ref steps);

    public static void AddSteps(int count) => Interlocked.Add(ref steps, count);
}
