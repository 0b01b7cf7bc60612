using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace Hntt.App;

/// <summary>
/// Creates each table once per process: the stores used to ask "create if not exists" before every read and write,
/// one extra storage round trip on each API call and each workflow step. A failed attempt is tried again next time.
/// </summary>
internal static class TableCreation
{
    static readonly ConcurrentDictionary<Uri, Task> Created = new();

    public static Task EnsureCreatedAsync(this TableClient table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        Task creating = Created.AddOrUpdate(table.Uri,
            _ => table.CreateIfNotExistsAsync(CancellationToken.None),
            (_, earlier) => earlier.IsFaulted || earlier.IsCanceled ? table.CreateIfNotExistsAsync(CancellationToken.None) : earlier);
        return creating.WaitAsync(cancellationToken);
    }
}
