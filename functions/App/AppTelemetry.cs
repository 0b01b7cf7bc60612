using System.Diagnostics.Metrics;

namespace Hntt.App;

/// <summary>The service's own metrics (meter <c>Hntt.App</c>): notices sent and failed, relay command latency, unauthenticated changing requests.</summary>
public static class AppTelemetry
{
    /// <summary>The meter's name.</summary>
    public const string Name = "Hntt.App";

    static readonly Meter Meter = new(Name);
    static readonly Counter<long> NoticesSent = Meter.CreateCounter<long>("hntt.notices.sent", "notices", "Notices handed to the mail server");
    static readonly Counter<long> NoticesFailed = Meter.CreateCounter<long>("hntt.notices.failed", "notices", "Notices the mail server did not take (they stay queued)");
    static readonly Counter<long> Unauthenticated = Meter.CreateCounter<long>("hntt.api.unauthenticated", "requests",
        "Changing requests refused for want of a valid token: counted, not written to the audit table, so a flood costs no storage");
    static readonly Histogram<double> RelayLatency = Meter.CreateHistogram<double>("hntt.relay.command.duration", "ms", "Round trip of a command through the on-prem relay to the MCU");

    internal static void Notices(int sent, int failed)
    {
        NoticesSent.Add(sent);
        NoticesFailed.Add(failed);
    }

    internal static void UnauthenticatedRequest(string method) => Unauthenticated.Add(1, new KeyValuePair<string, object?>("http.request.method", method));

    internal static void RelayCommand(string command, TimeSpan elapsed, bool succeeded) =>
        RelayLatency.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("hntt.command", command), new KeyValuePair<string, object?>("hntt.outcome", succeeded ? "ok" : "failed"));
}
