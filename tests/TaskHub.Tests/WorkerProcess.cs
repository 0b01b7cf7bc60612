using Hntt.Testing;

namespace Hntt.TaskHub.Tests;

/// <summary>The test worker (tests/TaskHub.TestWorker) as a separate process that a test can SIGKILL.</summary>
public static class WorkerProcess
{
    public static DotnetProcess Start(string connectionString, string hubName) =>
        DotnetProcess.Start(DotnetProcess.Built("tests/TaskHub.TestWorker", "Hntt.TaskHub.TestWorker"), TestHub.Settings(connectionString, hubName));
}
