using Azure.Core;
using Azure.Core.Pipeline;

namespace Hntt.Bench;

/// <summary>Counts every storage request at the Azure SDK pipeline (each retry too).</summary>
internal sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    long count;

    public long Count => Interlocked.Read(ref count);

    public System.Collections.Concurrent.ConcurrentDictionary<string, int> ByKind { get; } = new();

    public override void OnSendingRequest(HttpMessage message)
    {
        Interlocked.Increment(ref count);
        if (Environment.GetEnvironmentVariable("BENCH_TRACE") is not null)
        {
            string path = message.Request.Uri.Path;
            ByKind.AddOrUpdate($"{message.Request.Method} {path[..Math.Min(path.Length, 40)]}", 1, (_, n) => n + 1);
        }
    }
}
