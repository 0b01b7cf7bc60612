using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Hntt.App.Notices.Email;

/// <summary>Some notices could not be delivered; they stay in the outbox for redelivery.</summary>
public sealed class NoticeDeliveryException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Delivers notices by e-mail, exactly once as people see them: every notice gets a deterministic id and an outbox
/// row before it is sent; a notice already sent is not sent again (an activity that runs twice sends once), and
/// the message's Message-ID is derived from the id, so even a resend after a lost acknowledgement is recognisable.
/// </summary>
public sealed class EmailNoticeSender(IMailTransport transport, INoticeOutbox outbox, IOptions<SmtpOptions> options, TimeProvider time) : INoticeSender
{
    /// <inheritdoc/>
    public async Task SendAsync(IReadOnlyList<Notice> notices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notices);
        List<OutboxEntry> entries = notices.Select(ToEntry).DistinctBy(e => (e.MeetingId, e.NoticeId)).ToList();
        IReadOnlyList<OutboxEntry> current = await outbox.EnqueueAsync(entries, cancellationToken);
        await DeliverAsync(current.Where(e => e.Status is DeliveryStatus.Queued or DeliveryStatus.Failed).ToList(), cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<int> RedeliverAsync(string meetingId, CancellationToken cancellationToken)
    {
        List<OutboxEntry> pending = (await outbox.ReadAsync(meetingId, cancellationToken)).Where(e => e.Status is DeliveryStatus.Queued or DeliveryStatus.Failed).ToList();
        try
        {
            await DeliverAsync(pending, cancellationToken);
            return 0;
        }
        catch (NoticeDeliveryException)
        {
            return (await outbox.ReadAsync(meetingId, cancellationToken)).Count(e => e.Status is DeliveryStatus.Queued or DeliveryStatus.Failed);
        }
    }

    async Task DeliverAsync(List<OutboxEntry> pending, CancellationToken cancellationToken)
    {
        List<OutboxEntry> withoutAddress = pending.Where(e => string.IsNullOrWhiteSpace(e.Email)).Select(e => e with { Status = DeliveryStatus.NoAddress }).ToList();
        List<OutboxEntry> sendable = pending.Where(e => !string.IsNullOrWhiteSpace(e.Email)).ToList();
        var messages = sendable.Select(e => NoticeMessages.Build(e.Notice, e.NoticeId, options.Value)).ToList();
        int sent = 0;
        Exception? failure = null;
        try
        {
            sent = await transport.SendAsync(messages, cancellationToken);
        }
        catch (MailTransportException ex)
        {
            sent = ex.Sent;
            failure = ex.InnerException ?? ex;
        }

        AppTelemetry.Notices(sent, sendable.Count - sent);
        DateTime now = time.GetUtcNow().UtcDateTime;
        string? reason = failure is null ? null : $"{failure.GetType().Name}: {failure.Message}";
        IEnumerable<OutboxEntry> updated = sendable.Select((e, i) => i < sent
            ? e with { Status = DeliveryStatus.Sent, SentAtUtc = now, LastError = null }
            : e with { Status = DeliveryStatus.Failed, Attempts = e.Attempts + 1, LastError = reason });
        await outbox.UpdateAsync([.. updated, .. withoutAddress], cancellationToken);
        if (failure is not null)
        {
            throw new NoticeDeliveryException($"{sendable.Count - sent} of {sendable.Count} notices were not delivered: {reason}", failure);
        }
    }

    static OutboxEntry ToEntry(Notice notice) =>
        new(notice.MeetingId, NoticeMessages.Id(notice), notice.Kind, notice.RecipientName, notice.Email, notice.Phone, notice.Fax, notice.SiteId)
        {
            Status = DeliveryStatus.Queued,
            NoticeJson = JsonSerializer.Serialize(notice, AppJson.Options),
        };
}

/// <summary>A transport failed after sending <see cref="Sent"/> of its messages.</summary>
public sealed class MailTransportException(int sent, Exception inner) : Exception($"The mail transport failed after {sent} messages: {inner?.Message}", inner)
{
    /// <summary>Messages sent before the failure.</summary>
    public int Sent { get; } = sent;
}
