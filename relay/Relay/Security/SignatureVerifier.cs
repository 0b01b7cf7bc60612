using System.Collections.Concurrent;
using System.Globalization;
using Hntt.Relay.Protocol;
using Microsoft.Extensions.Options;

namespace Hntt.Relay.Security;

/// <summary>
/// Accepts a command only when it is signed with a known caller's key and its nonce was not seen before (nonces are
/// remembered for twice the allowed clock skew). Over HTTPS it must be recent and signed after this relay started; the
/// cheap checks come first and the body is read only then, and only up to <see cref="MaxBodyBytes"/>. Over a queue it
/// must have been signed within the skew of when the broker took it, and, when signed before this relay started, have
/// been waiting in the queue since then. Gives the reason otherwise.
/// </summary>
/// <remarks>
/// Nonces live in memory: a request captured before a restart would replay after it within the skew, so whatever was
/// signed before the relay started is refused unless the broker vouches it was queued before that. Keep the cloud's and
/// the relay's clocks in sync (NTP).
/// </remarks>
internal sealed class SignatureVerifier(IOptions<RelayOptions> options, TimeProvider time)
{
    /// <summary>The largest body a command may have.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    readonly ConcurrentDictionary<string, DateTimeOffset> seenNonces = new(StringComparer.Ordinal);
    readonly DateTimeOffset started = time.GetUtcNow();
    DateTimeOffset lastSweep = DateTimeOffset.MinValue;

    TimeSpan Skew => options.Value.MaxClockSkew;

    /// <summary>An HTTPS request: the caller's name when it is genuine; otherwise null and the reason.</summary>
    public async Task<(string? Caller, string? Reason)> VerifyAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? caller = request.Headers[RequestSignature.CallerHeader];
        string? nonce = request.Headers[RequestSignature.NonceHeader];
        if (!long.TryParse(request.Headers[RequestSignature.TimestampHeader], NumberStyles.Integer, CultureInfo.InvariantCulture, out long timestamp))
        {
            return (null, Known(caller) ? "missing timestamp" : "unknown caller");
        }

        DateTimeOffset signedAt = DateTimeOffset.FromUnixTimeMilliseconds(timestamp);
        string? reason = CheckCaller(caller)
            ?? ((time.GetUtcNow() - signedAt).Duration() > Skew ? "timestamp outside the allowed clock skew" : null)
            ?? (signedAt < started ? "signed before this relay started" : null)
            ?? CheckNonce(caller!, nonce)
            ?? (request.ContentLength > MaxBodyBytes ? "body too large" : null);
        if (reason is not null)
        {
            return (null, reason);
        }

        request.EnableBuffering();
        byte[] body = new byte[MaxBodyBytes + 1];
        int read = await request.Body.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false);
        request.Body.Position = 0;
        return read > MaxBodyBytes
            ? (null, "body too large")
            : Accept(caller!, request.Method, request.Path + request.QueryString, timestamp, nonce!, body.AsSpan(0, read), request.Headers[RequestSignature.SignatureHeader]);
    }

    /// <summary>
    /// A queued command, taken by the broker at <paramref name="enqueuedAt"/>: the caller's name when it is genuine;
    /// otherwise null and the reason. A message the broker delivers again (its lock was lost) comes with a nonce already
    /// seen; it passes, and the idempotency store answers it without running it twice. A copy sent again by anyone else
    /// is a new message: the broker drops it within its duplicate detection window, which outlasts the clock skew.
    /// </summary>
    public (string? Caller, string? Reason) Verify(SignedCommand command, DateTimeOffset enqueuedAt, bool redelivered)
    {
        ArgumentNullException.ThrowIfNull(command);
        DateTimeOffset signedAt = DateTimeOffset.FromUnixTimeMilliseconds(command.TimestampMs);
        string? reason = CheckCaller(command.Caller)
            ?? ((enqueuedAt - signedAt).Duration() > Skew ? "signed too long before it was queued (a copy sent again?)" : null)
            ?? (signedAt < started && enqueuedAt >= started ? "signed before this relay started" : null)
            ?? (command.Body.Length > MaxBodyBytes ? "body too large" : null)
            ?? (redelivered ? null : CheckNonce(command.Caller, command.Nonce));
        return reason is not null
            ? (null, reason)
            : Accept(command.Caller, SignedCommand.Method, SignedCommand.Path, command.TimestampMs, command.Nonce, command.Body.Span, command.Signature, redelivered);
    }

    /// <summary>The caller's key, for signing what the relay answers over a queue.</summary>
    public byte[] KeyOf(string caller) => Convert.FromBase64String(options.Value.Callers[caller]);

    bool Known(string? caller) => caller is not null && options.Value.Callers.ContainsKey(caller);

    string? CheckCaller(string? caller) => Known(caller) ? null : "unknown caller";

    string? CheckNonce(string caller, string? nonce) =>
        string.IsNullOrEmpty(nonce) || nonce.Length > 128 ? "missing nonce"
        : seenNonces.ContainsKey($"{caller}:{nonce}") ? "replayed request"
        : null;

    (string? Caller, string? Reason) Accept(string caller, string method, string path, long timestamp, string nonce, ReadOnlySpan<byte> body, string? signature,
        bool redelivered = false)
    {
        string expected = RequestSignature.Sign(KeyOf(caller), caller, method, path, timestamp, nonce, body);
        if (!RequestSignature.Matches(expected, signature))
        {
            return (null, "bad signature");
        }

        DateTimeOffset now = time.GetUtcNow();
        Sweep(now);
        return seenNonces.TryAdd($"{caller}:{nonce}", now) || redelivered ? (caller, null) : (null, "replayed request");
    }

    // Nonces older than twice the skew cannot come back: their timestamps would be rejected.
    void Sweep(DateTimeOffset now)
    {
        if (now - lastSweep < Skew)
        {
            return;
        }

        lastSweep = now;
        foreach (var (nonce, at) in seenNonces)
        {
            if (now - at > Skew * 2)
            {
                seenNonces.TryRemove(nonce, out _);
            }
        }
    }
}
