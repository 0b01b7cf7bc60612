using System.Diagnostics.Metrics;
using Hntt.App.Notices;
using Hntt.App.Notices.Email;
using Microsoft.Extensions.Options;
using MimeKit;
using Moq;
using Hntt.Testing.Service;

namespace Hntt.App.Tests.Telemetry;

/// <summary>Measured alone: the counters are process-wide, so no other test may send notices meanwhile.</summary>
[CollectionDefinition(nameof(AppTelemetryTests), DisableParallelization = true)]
public sealed class MeasuredAlone;

/// <summary>The service's metrics: notices the mail server took and refused.</summary>
[Collection(nameof(AppTelemetryTests))]
public sealed class AppTelemetryTests
{
    [Fact]
    public async Task Notices_sent_and_failed_are_counted()
    {
        long sent = 0, failed = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == AppTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "hntt.notices.sent")
            {
                Interlocked.Add(ref sent, value);
            }
            else if (instrument.Name == "hntt.notices.failed")
            {
                Interlocked.Add(ref failed, value);
            }
        });
        listener.Start();
        // The mail server takes the first of three messages, then drops the connection.
        var mail = new Mock<IMailTransport>();
        mail.Setup(m => m.SendAsync(It.IsAny<IReadOnlyList<MimeMessage>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new MailTransportException(1, new IOException("connection reset")));
        var sender = new EmailNoticeSender(mail.Object, new InMemoryNoticeOutbox(), Options.Create(new SmtpOptions()), TimeProvider.System);
        Notice[] notices = [.. Enumerable.Range(1, 3).Select(i => new Notice("metrics", NoticeKind.Details, $"KTV {i}", $"kt{i}@example.gov.vn", null, null, "[HNTT] Thử", "Đọc"))];

        await Assert.ThrowsAsync<NoticeDeliveryException>(() => sender.SendAsync(notices, CancellationToken.None));

        Assert.Equal((1, 2), (Interlocked.Read(ref sent), Interlocked.Read(ref failed)));
    }
}
