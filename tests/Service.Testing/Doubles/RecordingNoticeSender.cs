using Hntt.App.Notices;

namespace Hntt.Testing.Service;

/// <summary>A notice as the test sender recorded it, with when it went out.</summary>
public sealed record SentNotice(Notice Notice, DateTimeOffset SentAt);

/// <summary>Notices for tests: records what would have been sent, and when.</summary>
public sealed class RecordingNoticeSender(TimeProvider time) : INoticeSender
{
    readonly System.Collections.Concurrent.ConcurrentQueue<SentNotice> sent = new();

    /// <summary>Everything sent so far, in order.</summary>
    public IReadOnlyList<SentNotice> Sent => [.. sent];

    /// <inheritdoc/>
    public Task SendAsync(IReadOnlyList<Notice> notices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notices);
        DateTimeOffset now = time.GetUtcNow();
        foreach (Notice notice in notices)
        {
            sent.Enqueue(new SentNotice(notice, now));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<int> RedeliverAsync(string meetingId, CancellationToken cancellationToken) => Task.FromResult(0);
}
