namespace Hntt.Durable.Worker;

/// <summary>Process-wide counts of the runtime's work, for benchmarks and metrics.</summary>
internal static class RuntimeCounters
{
    static long steps;

    /// <summary>Orchestration steps (episodes) committed in this process.</summary>
    public static long Steps => Interlocked.Read(ref steps);

    public static void AddSteps(int count) => Interlocked.Add(ref steps, count);
}
