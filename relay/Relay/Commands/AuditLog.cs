using System.Text.Json;
using Hntt.Relay.Protocol;
using Microsoft.Extensions.Options;

namespace Hntt.Relay.Commands;

/// <summary>One audited command: who, what, the outcome and how long it took.</summary>
public sealed record AuditEntry(DateTimeOffset At, string Caller, string McuId, string Command, string Conference, string? Target, string IdempotencyKey, bool Succeeded, string Detail, double Milliseconds);

/// <summary>Every command, appended as one JSON line to the audit file (and kept in memory for the status page).</summary>
public sealed class AuditLog(IOptions<RelayOptions> options)
{
    readonly SemaphoreSlim write = new(1, 1);
    readonly System.Collections.Concurrent.ConcurrentQueue<AuditEntry> recent = new();

    /// <summary>The latest entries.</summary>
    public IReadOnlyList<AuditEntry> Recent => [.. recent];

    /// <summary>Records a command.</summary>
    public async Task WriteAsync(DateTimeOffset at, string caller, RelayCommandRequest command, RelayCommandResult result)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(result);
        var entry = new AuditEntry(at, caller, command.McuId, command.Command, command.Conference, command.Target, command.IdempotencyKey, result.Succeeded, result.Detail, result.Milliseconds);
        recent.Enqueue(entry);
        while (recent.Count > 1000 && recent.TryDequeue(out _))
        {
        }

        string path = options.Value.AuditLogPath;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await write.WaitAsync();
        try
        {
            await File.AppendAllTextAsync(path, JsonSerializer.Serialize(entry) + "\n");
        }
        finally
        {
            write.Release();
        }
    }
}
